package dev.productupload.domain.service;

import dev.productupload.adapters.local.FileSystemFileInventory;
import dev.productupload.adapters.local.FileSystemFileStorage;
import dev.productupload.adapters.local.FileSystemProductRepository;
import dev.productupload.adapters.local.FileSystemReferenceInventory;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryUploadSessionStore;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.CompleteUploadCommand;
import dev.productupload.domain.port.in.ReconcileCommand;
import dev.productupload.domain.port.in.UploadTicket;
import dev.productupload.domain.port.in.ReconcileReport;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciliation use case on the in-memory and on-disk adapters, with small pages so that paging is used. */
class ReconcileServiceTest {

    private static final Instant STORED = Instant.parse("2026-03-04T05:00:00Z");
    private static final Clock TWO_HOURS_LATER = Clock.fixed(STORED.plus(Duration.ofHours(2)), ZoneOffset.UTC);
    private static final byte[] BYTES = "spec sheet".getBytes(StandardCharsets.UTF_8);
    private static final int PAGE_SIZE = 2;

    private final InMemoryProductRepository products = new InMemoryProductRepository(InMemoryProductRepository.DEFAULT_MAX_VERSIONS, PAGE_SIZE);
    private final InMemoryFileStorage files = new InMemoryFileStorage(InMemoryFileStorage.DEFAULT_MAX_BYTES,
            Clock.fixed(STORED, ZoneOffset.UTC), PAGE_SIZE);
    private final AtomicInteger nextId = new AtomicInteger();
    private final UploadService upload = new UploadService(products, files, () -> "id-" + nextId.incrementAndGet(),
            Clock.fixed(STORED, ZoneOffset.UTC));
    private final ReconcileService reconciler = new ReconcileService(products, files, TWO_HOURS_LATER);

    private UploadResult uploadFile(String productId) {
        return upload.upload(new UploadCommand("spec.pdf", BYTES, null, UploadServiceTest.newProduct(productId)));
    }

    /** What an upload leaves when its process dies between storing the file and saving the product version. */
    private String orphan(InMemoryFileStorage storage, String productId) {
        String key = FileReference.keyFor(productId, "lost-" + nextId.incrementAndGet(), "spec.pdf");
        return key + "@" + storage.store(key, BYTES, "application/pdf", Checksum.crc32c(BYTES));
    }

    private static String idOf(FileReference file) {
        return file.key() + "@" + file.versionId();
    }

    @Test
    void erasesOldUnreferencedVersionsAndKeepsEveryReferencedOne() {
        // given: three products with a file each, and three orphans, more than one page of each
        List<FileReference> kept = List.of(uploadFile("p-1").file(), uploadFile("p-2").file(), uploadFile("p-3").file());
        List<String> orphans = List.of(orphan(files, "p-1"), orphan(files, "p-4"), orphan(files, "p-5"));

        // when
        ReconcileReport report = reconciler.reconcile(new ReconcileCommand(Duration.ofHours(1), false, 10));

        // then
        assertThat(report.orphans().count()).isEqualTo(3);
        assertThat(report.orphans().listed()).containsExactlyInAnyOrderElementsOf(orphans);
        assertThat(report.referenced()).isEqualTo(3);
        assertThat(report.versions()).isEqualTo(6);
        assertThat(report.dangling().count()).isZero();
        assertThat(files.versionCount()).isEqualTo(3);
        assertThat(kept).allSatisfy(file -> assertThat(files.read(file.key(), file.versionId())).isPresent());
    }

    @Test
    void keepsAnUnreferencedVersionStoredAfterTheCutoffForALaterRun() {
        // given: an orphan stored two hours before the run
        orphan(files, "p-1");

        // when: the minimum age is three hours
        ReconcileReport report = reconciler.reconcile(new ReconcileCommand(Duration.ofHours(3), false, 10));

        // then
        assertThat(report.cutoff()).isEqualTo(STORED.minus(Duration.ofHours(1)));
        assertThat(report.tooYoung()).isEqualTo(1);
        assertThat(report.orphans().count()).isZero();
        assertThat(files.versionCount()).isEqualTo(1);
    }

    @Test
    void aDryRunReportsTheOrphansAndChangesNothing() {
        // given
        uploadFile("p-1");
        String orphan = orphan(files, "p-2");

        // when
        ReconcileReport report = reconciler.reconcile(new ReconcileCommand(Duration.ofHours(1), true, 10));

        // then
        assertThat(report.dryRun()).isTrue();
        assertThat(report.orphans().listed()).containsExactly(orphan);
        assertThat(files.versionCount()).isEqualTo(2);
    }

    @Test
    void reportsAReferenceToAVersionThatDoesNotExistOnceAndKeepsEveryFile() {
        // given: version 1 names a file that is not stored; version 2 keeps naming it, with a file that is
        FileReference missing = new FileReference("f-x", FileReference.keyFor("p-1", "f-x", "gone.pdf"), "v-x",
                "gone.pdf", "application/pdf", 3, Checksum.crc32c(BYTES), STORED);
        products.saveNewVersion(new Product("p-1", "Widget", new BigDecimal("1.00"), "EUR", null, Map.of(), 1,
                STORED, STORED, List.of(missing)));
        FileReference stored = upload.upload(new UploadCommand("spec.pdf", BYTES, null,
                dev.productupload.domain.port.in.ProductData.ofId("p-1"))).file();

        // when
        ReconcileReport report = reconciler.reconcile(new ReconcileCommand(Duration.ZERO, false, 10));

        // then
        assertThat(report.references()).isEqualTo(3);
        assertThat(report.dangling().count()).isEqualTo(1);
        assertThat(report.dangling().listed()).singleElement().asString()
                .startsWith(idOf(missing)).contains("product p-1 version 1");
        assertThat(files.read(stored.key(), stored.versionId())).isPresent();
    }

    @Test
    void erasesTheFileOfAStagedUploadNeverCompletedOnceOlderThanTheMinimumAgeAndKeepsACompletedOne() {
        // given: two staged uploads stored two hours before the run, one of them completed
        StagedUploadService staged = new StagedUploadService(products, files, new InMemoryUploadSessionStore(),
                () -> "up-" + nextId.incrementAndGet(), Clock.fixed(STORED, ZoneOffset.UTC),
                StagedUploadService.Limits.defaults());
        UploadTicket abandoned = staged.create(StagedUploadServiceTest.announce("p-1", BYTES));
        String abandonedKey = FileReference.keyFor("p-1", abandoned.uploadId(), "manual.pdf");
        String abandonedVersion = files.receive(abandonedKey, new ByteArrayInputStream(BYTES), BYTES.length,
                "application/pdf", Checksum.crc32c(BYTES));
        UploadTicket completed = staged.create(StagedUploadServiceTest.announce("p-2", BYTES));
        files.receive(FileReference.keyFor("p-2", completed.uploadId(), "manual.pdf"), new ByteArrayInputStream(BYTES),
                BYTES.length, "application/pdf", Checksum.crc32c(BYTES));
        FileReference kept = staged.complete(new CompleteUploadCommand("p-2", completed.uploadId(),
                UploadServiceTest.newProduct(null))).file();

        // when
        ReconcileReport report = reconciler.reconcile(new ReconcileCommand(Duration.ofHours(1), false, 10));

        // then
        assertThat(report.orphans().listed()).containsExactly(abandonedKey + "@" + abandonedVersion);
        assertThat(files.read(kept.key(), kept.versionId())).isPresent();
        assertThat(files.inspect(abandonedKey, Checksum.CRC32C)).isEmpty();
    }

    @Test
    void namesAtMostMaxListedKeysAndCountsAll() {
        // given
        for (int i = 0; i < 5; i++) {
            orphan(files, "p-" + i);
        }

        // when
        ReconcileReport report = reconciler.reconcile(new ReconcileCommand(Duration.ofHours(1), false, 2));

        // then
        assertThat(report.orphans().count()).isEqualTo(5);
        assertThat(report.orphans().listed()).hasSize(2);
        assertThat(files.versionCount()).isZero();
    }

    @Test
    void onDiskErasesOldOrphansKeepsReferencedFilesAndPagesThroughAll(@TempDir Path root) throws Exception {
        // given: products and files on disk, two orphans among them, all stored two hours before the run
        FileSystemFileStorage storage = new FileSystemFileStorage(root);
        UploadService onDisk = new UploadService(new FileSystemProductRepository(root), storage,
                () -> "id-" + nextId.incrementAndGet(), Clock.systemUTC());
        List<FileReference> kept = List.of(
                onDisk.upload(new UploadCommand("a.pdf", BYTES, null, UploadServiceTest.newProduct("p-1"))).file(),
                onDisk.upload(new UploadCommand("b.pdf", BYTES, null, UploadServiceTest.newProduct("p-2"))).file(),
                onDisk.upload(new UploadCommand("c.pdf", BYTES, null, UploadServiceTest.newProduct("p-3"))).file());
        String orphanKey = FileReference.keyFor("p-1", "lost", "spec.pdf");
        String orphan = storage.store(orphanKey, BYTES, "application/pdf", Checksum.crc32c(BYTES));
        String otherKey = FileReference.keyFor("p-9", "lost", "spec.pdf");
        String other = storage.store(otherKey, BYTES, "application/pdf", Checksum.crc32c(BYTES));
        try (var walk = Files.walk(root.resolve("objects"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(STORED));
            }
        }
        ReconcileService reconcileOnDisk = new ReconcileService(new FileSystemReferenceInventory(root, PAGE_SIZE),
                new FileSystemFileInventory(root, PAGE_SIZE), TWO_HOURS_LATER);

        // when
        ReconcileReport report = reconcileOnDisk.reconcile(new ReconcileCommand(Duration.ofHours(1), false, 10));

        // then
        assertThat(report.versions()).isEqualTo(5);
        assertThat(report.orphans().listed()).containsExactlyInAnyOrder(orphanKey + "@" + orphan, otherKey + "@" + other);
        assertThat(report.dangling().count()).isZero();
        assertThat(storage.pathOf(orphanKey, orphan)).doesNotExist();
        assertThat(kept).allSatisfy(file -> assertThat(storage.pathOf(file.key(), file.versionId())).exists());
    }
}
