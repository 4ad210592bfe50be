package dev.productupload.adapters.local;

import dev.productupload.domain.model.FileReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The local stores' answer to a presigned URL: {@code /downloads/TOKEN}, where the token names a key, a version,
 * the file's name and content type and an expiry, sealed with an HMAC-SHA256 under a secret drawn at random
 * for this process. Links stop working at expiry, when edited, and when the process restarts.
 */
public final class SignedDownloadLinks {

    /** The path under which the local server serves these links. */
    public static final String PATH_PREFIX = "/downloads/";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private final Clock clock;

    /** Links under a fresh random secret, expiring by the system clock. */
    public SignedDownloadLinks() {
        this(Clock.systemUTC());
    }

    /** @param clock decides when a link has expired */
    public SignedDownloadLinks(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secret = new byte[32];
        new SecureRandom().nextBytes(secret);
    }

    /** What a valid link grants: one stored version, served with its type as an attachment of that name. */
    public record Grant(String key, String versionId, String fileName, String contentType, Instant expiresAt) {
    }

    /** A link relative to the server's address, valid for {@code validFor} from now. */
    public URI link(FileReference file, Duration validFor) {
        Instant expiresAt = clock.instant().plus(validFor);
        String payload = String.join("\n", file.key(), file.versionId(), file.fileName(), file.contentType(),
                Long.toString(expiresAt.getEpochSecond()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return URI.create(PATH_PREFIX + ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes)));
    }

    /** @return the grant of a token this instance issued and that has not expired; empty for any other token */
    public Optional<Grant> verify(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            // Compared as text: base64's unused low bits of a last character would let an edit decode to the same bytes.
            String expected = ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[4]));
            if (!clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new Grant(parts[0], parts[1], parts[2], parts[3], expiresAt));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
