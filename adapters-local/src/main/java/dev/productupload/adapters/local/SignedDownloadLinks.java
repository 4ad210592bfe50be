package dev.productupload.adapters.local;

import dev.productupload.adapters.local.internal.Seal;
import dev.productupload.domain.model.FileReference;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    private final Seal seal = new Seal();
    private final Clock clock;

    /** Links under a fresh random secret, expiring by the system clock. */
    public SignedDownloadLinks() {
        this(Clock.systemUTC());
    }

    /** @param clock decides when a link has expired */
    public SignedDownloadLinks(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a valid link grants: one stored version, served with its type as an attachment of that name. */
    public record Grant(String key, String versionId, String fileName, String contentType, Instant expiresAt) {
    }

    /** A link relative to the server's address, valid for {@code validFor} from now. */
    public URI link(FileReference file, Duration validFor) {
        Instant expiresAt = clock.instant().plus(validFor);
        String payload = String.join("\n", file.key(), file.versionId(), file.fileName(), file.contentType(),
                Long.toString(expiresAt.getEpochSecond()));
        return URI.create(PATH_PREFIX + seal.seal(payload));
    }

    /** @return the grant of a token this instance issued and that has not expired; empty for any other token */
    public Optional<Grant> verify(String token) {
        return seal.open(token).flatMap(payload -> {
            String[] parts = payload.split("\n", -1);
            if (parts.length != 5) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[4]));
            if (!clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new Grant(parts[0], parts[1], parts[2], parts[3], expiresAt));
        });
    }
}
