package dev.productupload.adapters.local;

import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SignedDownloadLinksTest {

    private static final Instant T0 = Instant.parse("2026-05-06T07:08:09Z");
    private static final FileReference FILE = new FileReference("f-1", "products/p-1/files/f-1/a b.pdf", "v-1",
            "a b.pdf", "application/pdf", 3, Checksum.crc32c(new byte[] {1, 2, 3}), T0);

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final SignedDownloadLinks links = new SignedDownloadLinks(clock);

    private static String token(java.net.URI link) {
        return link.getPath().substring(SignedDownloadLinks.PATH_PREFIX.length());
    }

    @Test
    void grantsExactlyTheSignedVersionUntilItExpires() {
        // given
        String token = token(links.link(FILE, Duration.ofMinutes(5)));

        // when / then
        assertThat(links.verify(token)).hasValueSatisfying(grant -> {
            assertThat(grant.key()).isEqualTo(FILE.key());
            assertThat(grant.versionId()).isEqualTo("v-1");
            assertThat(grant.fileName()).isEqualTo("a b.pdf");
            assertThat(grant.contentType()).isEqualTo("application/pdf");
        });
        now.set(T0.plus(Duration.ofMinutes(5)).minusSeconds(1));
        assertThat(links.verify(token)).isPresent();
        now.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(links.verify(token)).isEmpty();
    }

    @Test
    void refusesAnEditOfTheLastCharacterEvenWhereItOnlyChangesUnusedBits() {
        // given: the seal's last base64url character carries 4 bits; its 2 low bits decode to nothing
        String token = token(links.link(FILE, Duration.ofMinutes(5)));
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char unusedBitsFlipped = alphabet.charAt(alphabet.indexOf(last) ^ 1);

        // when / then
        assertThat(links.verify(token.substring(0, token.length() - 1) + unusedBitsFlipped)).isEmpty();
    }

    @Test
    void refusesAnEditedTokenAndOneFromAnotherProcess() {
        // given
        String token = token(links.link(FILE, Duration.ofMinutes(5)));
        char last = token.charAt(token.length() - 1);
        String edited = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String payloadEdited = (token.charAt(0) == 'c' ? 'd' : 'c') + token.substring(1);

        // when / then
        assertThat(links.verify(edited)).isEmpty();
        assertThat(links.verify(payloadEdited)).isEmpty();
        assertThat(links.verify("no-dot")).isEmpty();
        assertThat(links.verify("!!.!!")).isEmpty();
        assertThat(new SignedDownloadLinks(clock).verify(token)).isEmpty();
    }
}
