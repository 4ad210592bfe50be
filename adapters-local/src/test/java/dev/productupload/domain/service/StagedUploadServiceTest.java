package dev.productupload.domain.service;

import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.adapters.local.InMemoryUploadSessionStore;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.UploadIncompleteException;
import dev.productupload.domain.exception.UploadNotFoundException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.CompleteUploadCommand;
import dev.productupload.domain.port.in.CreateUploadCommand;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.in.UploadTicket;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The staged-upload use case on the in-memory adapters: create, the client's PUT, complete. */
class StagedUploadServiceTest {

    static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
    static final byte[] BYTES = "a large manual".getBytes(StandardCharsets.UTF_8);

    private final MovableClock clock = new MovableClock(NOW);
    private final InMemoryProductRepository products = new InMemoryProductRepository();
    private final InMemoryFileStorage files = new InMemoryFileStorage();
    private final InMemoryUploadSessionStore sessions = new InMemoryUploadSessionStore();
    private final AtomicInteger nextId = new AtomicInteger();
    private final StagedUploadService staged = new StagedUploadService(products, files, sessions,
            () -> "u-" + nextId.incrementAndGet(), clock,
            new StagedUploadService.Limits(1024, Duration.ofMinutes(15), Duration.ofMinutes(30)));
    private final UploadService inline = new UploadService(products, files, () -> "f-" + nextId.incrementAndGet(),
            clock);

    static CreateUploadCommand announce(String productId, byte[] bytes) {
        return new CreateUploadCommand(productId, "manual.pdf", "application/pdf", (long) bytes.length,
                new CreateUploadCommand.AnnouncedChecksum(Checksum.CRC32C, Checksum.crc32c(bytes).value()));
    }

    static ProductData newProduct(String productId) {
        return new ProductData(productId, "Drill", new BigDecimal("129.90"), "EUR", null, Map.of(), null);
    }

    /** The client's PUT, as the local server hands it to the store. */
    private void put(UploadTicket ticket, String productId, byte[] bytes) {
        files.receive(FileReference.keyFor(productId, ticket.uploadId(), "manual.pdf"), new ByteArrayInputStream(bytes),
                bytes.length, "application/pdf", Checksum.crc32c(bytes));
    }

    @Test
    void handsOutAPutUrlWhoseHeadersCarryTheTypeAndChecksumAndExpireWithTheUrl() {
        // when
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));

        // then
        assertThat(ticket.uploadId()).isEqualTo("u-1");
        assertThat(ticket.method()).isEqualTo("PUT");
        assertThat(ticket.url().getPath()).startsWith("/staged-uploads/");
        assertThat(ticket.headers()).containsEntry("content-type", "application/pdf")
                .containsEntry("x-amz-checksum-crc32c", Checksum.crc32c(BYTES).value());
        assertThat(ticket.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(products.findLatest("sku-1")).isEmpty();
    }

    @Test
    void refusesASizeOutsideTheLimitsAndAChecksumThatIsNoChecksum() {
        // given
        CreateUploadCommand tooLarge = new CreateUploadCommand("sku-1", "manual.pdf", null, 1025L,
                new CreateUploadCommand.AnnouncedChecksum(Checksum.SHA256, "AAAAAA=="));

        // when / then
        assertThatThrownBy(() -> staged.create(tooLarge))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("checksum.value", "size"));
        assertThatThrownBy(() -> staged.create(new CreateUploadCommand("sku-1", "manual.pdf", null, 0L,
                new CreateUploadCommand.AnnouncedChecksum("MD5", "AAAAAA=="))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("checksum.algorithm", "size"));
    }

    @Test
    void refusesAChecksumInBase64ThatS3WouldNotMatchAlthoughItDecodesToTheSameBytes() {
        // given: "mnG7TB==" decodes as "mnG7TA==" does, but S3 compares the header's text
        CreateUploadCommand unpadded = new CreateUploadCommand("sku-1", "manual.pdf", null, 5L,
                new CreateUploadCommand.AnnouncedChecksum(Checksum.CRC32C, "mnG7TB=="));

        // when / then
        assertThatThrownBy(() -> staged.create(unpadded))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("checksum.value"));
    }

    @Test
    void recordsTheStoredFileAsVersionOneOfANewProduct() {
        // given
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        put(ticket, "sku-1", BYTES);

        // when
        UploadResult result = staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), newProduct(null)));

        // then
        Product stored = products.findLatest("sku-1").orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.files()).containsExactly(result.file());
        assertThat(result.file().key()).isEqualTo("products/sku-1/files/u-1/manual.pdf");
        assertThat(result.file().size()).isEqualTo(BYTES.length);
        assertThat(result.file().checksum()).isEqualTo(Checksum.crc32c(BYTES));
        assertThat(files.read(result.file().key(), result.file().versionId())).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(BYTES));
    }

    @Test
    void addsTheFileToAnExistingProductUnderTheSameRulesAsAnUpload() {
        // given
        inline.upload(new dev.productupload.domain.port.in.UploadCommand(null, null, null, newProduct("sku-1")));
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        put(ticket, "sku-1", BYTES);
        ProductData stale = new ProductData(null, null, null, null, null, null, 7L);

        // when / then: a wrong expectedVersion is a conflict, and the file waits for a completion that gets it right
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), stale)))
                .isInstanceOf(VersionConflictException.class);
        UploadResult result = staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(),
                new ProductData(null, null, new BigDecimal("99.00"), null, null, null, 1L)));
        assertThat(result.product().version()).isEqualTo(2);
        assertThat(result.product().price()).isEqualByComparingTo("99.00");
        assertThat(result.product().productName()).isEqualTo("Drill");
    }

    @Test
    void answersIncompleteBeforeThePut() {
        // given
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));

        // when / then
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), newProduct(null))))
                .isInstanceOf(UploadIncompleteException.class).hasMessageContaining("not stored yet");
        assertThat(products.findLatest("sku-1")).isEmpty();
    }

    @Test
    void answersIncompleteWhenTheKeyHoldsAnotherSize() {
        // given: the store holds other bytes under the key, as a store that checks nothing would let in
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        byte[] shorter = {1, 2, 3};
        files.store("products/sku-1/files/" + ticket.uploadId() + "/manual.pdf", shorter, "application/pdf",
                Checksum.crc32c(shorter));

        // when / then
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), newProduct(null))))
                .isInstanceOf(UploadIncompleteException.class).hasMessageContaining("3 bytes");
        assertThat(products.findLatest("sku-1")).isEmpty();
    }

    @Test
    void answersIncompleteWhenTheKeyHoldsOtherBytesOfTheAnnouncedSize() {
        // given
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        byte[] other = BYTES.clone();
        other[0] ^= 1;
        files.store("products/sku-1/files/" + ticket.uploadId() + "/manual.pdf", other, "application/pdf",
                Checksum.crc32c(other));

        // when / then
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), newProduct(null))))
                .isInstanceOf(UploadIncompleteException.class).hasMessageContaining("CRC32C");
    }

    @Test
    void givesTheFirstAnswerAgainWhenCompletedTwiceAndMakesNoSecondVersion() {
        // given
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        put(ticket, "sku-1", BYTES);
        UploadResult first = staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), newProduct(null)));

        // when: the same completion, and one that would change the price
        UploadResult again = staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), null));
        UploadResult other = staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(),
                new ProductData(null, null, BigDecimal.ONE, null, null, null, null)));

        // then
        assertThat(again).isEqualTo(first);
        assertThat(other).isEqualTo(first);
        assertThat(products.findLatest("sku-1").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void findsTheVersionThatAddedTheFileAfterLaterChanges() {
        // given: completed, then the product changed twice
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        put(ticket, "sku-1", BYTES);
        UploadResult first = staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), newProduct(null)));
        for (int change = 0; change < 2; change++) {
            inline.upload(new dev.productupload.domain.port.in.UploadCommand(null, null, null,
                    new ProductData("sku-1", "Drill " + change, null, null, null, null, null)));
        }

        // when
        UploadResult again = staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), null));

        // then
        assertThat(again).isEqualTo(first);
        assertThat(products.findLatest("sku-1").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void recordsOneVersionWhenCompletionsRace() throws Exception {
        // given
        inline.upload(new dev.productupload.domain.port.in.UploadCommand(null, null, null, newProduct("sku-1")));
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        put(ticket, "sku-1", BYTES);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<UploadResult>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Callable<UploadResult> complete = () -> {
                    start.await();
                    return staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), null));
                };
                answers.add(pool.submit(complete));
            }

            // when
            start.countDown();

            // then
            UploadResult first = answers.get(0).get();
            for (Future<UploadResult> answer : answers) {
                assertThat(answer.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(products.findLatest("sku-1").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void findsNoUploadThatIsUnknownOfAnotherProductOrExpired() {
        // given
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        put(ticket, "sku-1", BYTES);

        // when / then
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", "u-forged", newProduct(null))))
                .isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-2", ticket.uploadId(), newProduct(null))))
                .isInstanceOf(UploadNotFoundException.class);
        clock.advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), newProduct(null))))
                .isInstanceOf(UploadNotFoundException.class);
        assertThat(products.findLatest("sku-1")).isEmpty();
        assertThat(products.findLatest("sku-2")).isEmpty();
    }

    @Test
    void needsTheFieldsOfANewProductAndRefusesAnotherProductId() {
        // given
        UploadTicket ticket = staged.create(announce("sku-1", BYTES));
        put(ticket, "sku-1", BYTES);

        // when / then
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(), null)))
                .isInstanceOf(ProductNotFoundException.class);
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(),
                newProduct("sku-2"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("productData.productId"));
        assertThatThrownBy(() -> staged.complete(new CompleteUploadCommand("sku-1", ticket.uploadId(),
                new ProductData(null, "Drill", new BigDecimal("1.234"), null, null, null, null))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("productData.price"));
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

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
            return now;
        }
    }
}
