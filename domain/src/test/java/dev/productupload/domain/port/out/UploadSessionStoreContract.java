package dev.productupload.domain.port.out;

import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.UploadSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link UploadSessionStore} must do; each adapter's test extends it (in memory, on disk, DynamoDB on
 * dynalite). Time is passed in, so expiry is tested without waiting.
 */
public abstract class UploadSessionStoreContract {

    protected static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    protected static final Duration WINDOW = Duration.ofMinutes(30);

    /** A store with no sessions. */
    protected abstract UploadSessionStore store();

    protected static UploadSession session(String productId, String uploadId) {
        return new UploadSession(uploadId, productId, "products/" + productId + "/files/" + uploadId + "/manual.pdf",
                "manual.pdf", "application/pdf", 20L * 1024 * 1024, new Checksum(Checksum.CRC32C, "AAAAAA=="),
                T0, T0.plus(WINDOW));
    }

    @Test
    void findsASavedSessionExactlyAsItWasSaved() {
        // given
        UploadSessionStore store = store();
        store.save(session("p-1", "u-1"));

        // when / then
        assertThat(store.find("p-1", "u-1", T0.plusSeconds(1))).contains(session("p-1", "u-1"));
    }

    @Test
    void findsNoSessionOfAnotherProduct() {
        // given
        UploadSessionStore store = store();
        store.save(session("p-1", "u-1"));

        // when / then
        assertThat(store.find("p-2", "u-1", T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void findsNoSessionOnceItHasExpired() {
        // given
        UploadSessionStore store = store();
        store.save(session("p-1", "u-1"));

        // when / then
        assertThat(store.find("p-1", "u-1", T0.plus(WINDOW).minusSeconds(1))).isPresent();
        assertThat(store.find("p-1", "u-1", T0.plus(WINDOW))).isEmpty();
    }

    @Test
    void findsNothingForAnUnknownOrForgedId() {
        // given
        UploadSessionStore store = store();
        store.save(session("p-1", "u-1"));

        // when / then
        assertThat(store.find("p-1", "u-2", T0)).isEmpty();
        assertThat(store.find("p-1", "../u-1", T0)).isEmpty();
    }
}
