package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.Seal;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.port.out.FileStorage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local stores' answer to a presigned PUT: {@code /staged-uploads/TOKEN}, where the token names the one key,
 * size, content type and checksum the upload may have and when the link expires, sealed under a secret of this
 * process. The local server checks the request against it as S3 checks a presigned PUT's signed headers.
 */
public final class SignedUploadLinks {

    /** The path under which the local server takes these uploads. */
    public static final String PATH_PREFIX = "/staged-uploads/";
    /** The header that carries the checksum of {@code algorithm}, as S3 names it. */
    public static String checksumHeader(String algorithm) {
        return "x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT);
    }

    private final Seal seal = new Seal();
    private final Clock clock;

    public SignedUploadLinks() {
        this(Clock.systemUTC());
    }

    /** @param clock decides when a link has expired */
    public SignedUploadLinks(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a valid link allows: one PUT of exactly this content under {@code key}, until {@code expiresAt}. */
    public record Grant(String key, long size, String contentType, Checksum checksum, Instant expiresAt) {
    }

    /** A link relative to the server's address and the headers the PUT must carry. */
    public FileStorage.UploadTarget target(String key, long size, String contentType, Checksum checksum,
                                           Duration validFor) {
        Instant expiresAt = clock.instant().plus(validFor);
        String token = seal.seal(String.join("\n", key, Long.toString(size), contentType, checksum.algorithm(),
                checksum.value(), Long.toString(expiresAt.getEpochSecond())));
        // Named in lower case, as S3's presigner names the signed headers.
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put(checksumHeader(checksum.algorithm()), checksum.value());
        headers.put("if-none-match", "*");
        return new FileStorage.UploadTarget(URI.create(PATH_PREFIX + token), headers);
    }

    /** @return the grant of a token this instance issued, expired or not; empty for any other token */
    public Optional<Grant> verify(String token) {
        return seal.open(token).flatMap(payload -> {
            String[] parts = payload.split("\n", -1);
            if (parts.length != 6) {
                return Optional.empty();
            }
            return Optional.of(new Grant(parts[0], Long.parseLong(parts[1]), parts[2],
                    new Checksum(parts[3], parts[4]), Instant.ofEpochSecond(Long.parseLong(parts[5]))));
        });
    }

    /** Whether a grant's link has expired now. */
    public boolean hasExpired(Grant grant) {
        return !clock.instant().isBefore(grant.expiresAt());
    }
}
