package dev.productupload.adapters.aws;

import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.aws.testing.AwsBackendsExtension;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.ReconcileCommand;
import dev.productupload.domain.port.in.ReconcileReport;
import dev.productupload.domain.service.ReconcileService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reconciler on the S3 and DynamoDB adapters, against the S3- and DynamoDB-compatible servers. */
@ExtendWith(AwsBackendsExtension.class)
class ReconcileOnAwsIT {

    private static final byte[] BYTES = "%PDF-1.4 spec".getBytes(StandardCharsets.UTF_8);
    private static final ReconcileCommand NOW_AND_FOR_REAL = new ReconcileCommand(Duration.ZERO, false, 10);

    private final AwsSettings settings;
    private final S3Client s3;
    private final S3FileStorage storage;
    private final DynamoDbProductRepository products;

    ReconcileOnAwsIT(AwsBackends servers) {
        this.settings = servers.freshResources();
        this.s3 = servers.s3Client(settings);
        this.storage = new S3FileStorage(s3, settings.bucket());
        this.products = new DynamoDbProductRepository(servers.dynamoDbClient(settings), settings.table());
        this.dynamoDb = servers.dynamoDbClient(settings);
    }

    private final software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb;

    private ReconcileService reconciler(int pageSize) {
        return new ReconcileService(new DynamoDbReferenceInventory(dynamoDb, settings.table(), pageSize),
                new S3FileInventory(s3, settings.bucket(), pageSize), Clock.systemUTC());
    }

    private FileReference store(String productId, String fileId) {
        String key = FileReference.keyFor(productId, fileId, "spec.pdf");
        String versionId = storage.store(key, BYTES, "application/pdf", Checksum.crc32c(BYTES));
        return new FileReference(fileId, key, versionId, "spec.pdf", "application/pdf", BYTES.length,
                Checksum.crc32c(BYTES), Instant.now());
    }

    private void saveProduct(String productId, List<FileReference> files) {
        Instant now = Instant.now();
        products.saveNewVersion(new Product(productId, "Drill", new BigDecimal("1.00"), "EUR", null, Map.of(), 1,
                now, now, files));
    }

    private List<ObjectVersion> versions() {
        return s3.listObjectVersions(list -> list.bucket(settings.bucket())).versions();
    }

    private byte[] read(FileReference file) {
        return s3.getObjectAsBytes(get -> get.bucket(settings.bucket()).key(file.key())).asByteArray();
    }

    @Test
    void erasesOrphansAndTheirMarkersLiftsTheMarkerOverAReferencedFileAndReportsWhatDangles() {
        // given: a referenced file, a referenced file hidden by a marker, an orphan, a hidden orphan, a lost version
        FileReference visible = store("p-1", "f-1");
        FileReference hidden = store("p-2", "f-2");
        storage.discard(hidden.key(), hidden.versionId());
        FileReference orphan = store("p-3", "f-3");
        FileReference hiddenOrphan = store("p-4", "f-4");
        storage.discard(hiddenOrphan.key(), hiddenOrphan.versionId());
        FileReference lost = new FileReference("f-5", FileReference.keyFor("p-5", "f-5", "spec.pdf"), "no-such-version",
                "spec.pdf", "application/pdf", 1, Checksum.crc32c(BYTES), Instant.now());
        saveProduct("p-1", List.of(visible));
        saveProduct("p-2", List.of(hidden));
        saveProduct("p-5", List.of(lost));

        // when: pages of two, so every listing takes several
        ReconcileReport report = reconciler(2).reconcile(NOW_AND_FOR_REAL);

        // then
        assertThat(report.references()).isEqualTo(3);
        assertThat(report.versions()).isEqualTo(4);
        assertThat(report.deleteMarkers()).isEqualTo(2);
        assertThat(report.orphans().listed()).containsExactlyInAnyOrder(
                orphan.key() + "@" + orphan.versionId(), hiddenOrphan.key() + "@" + hiddenOrphan.versionId());
        assertThat(report.orphanMarkers().count()).isEqualTo(1);
        assertThat(report.restored().listed()).singleElement().asString().startsWith(hidden.key() + "@");
        assertThat(report.dangling().listed()).singleElement().asString()
                .startsWith(lost.key() + "@no-such-version").contains("product p-5 version 1");
        assertThat(read(hidden)).isEqualTo(BYTES);
        assertThat(read(visible)).isEqualTo(BYTES);
        assertThat(versions()).extracting(ObjectVersion::versionId)
                .containsExactlyInAnyOrder(visible.versionId(), hidden.versionId());
        assertThat(s3.listObjectVersions(list -> list.bucket(settings.bucket())).deleteMarkers()).isEmpty();
    }

    @Test
    void listsEveryVersionPageByPageWhateverOrderTheKeysWereStoredIn() {
        // given: keys stored in reverse order, so a later key holds an older version, and one hidden key
        List<String> stored = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            FileReference file = store("p-" + i, "f");
            stored.add(file.key() + "@" + file.versionId());
        }
        storage.discard(FileReference.keyFor("p-3", "f", "spec.pdf"), "any");
        S3FileInventory inventory = new S3FileInventory(s3, settings.bucket(), 1);

        // when
        List<String> listed = new ArrayList<>();
        int markers = 0;
        String token = null;
        do {
            var page = inventory.list(ReconcileService.FILE_PREFIX, token);
            for (var version : page.versions()) {
                if (version.deleteMarker()) {
                    markers++;
                } else {
                    listed.add(version.key() + "@" + version.versionId());
                }
            }
            token = page.next();
        } while (token != null);

        // then
        assertThat(listed).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(markers).isEqualTo(1);
    }

    @Test
    void listsEveryVersionThatWasThereWhenTheListingBeganWhileNewKeysArrive() {
        // given
        List<String> before = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            FileReference file = store("p-" + i, "f");
            before.add(file.key() + "@" + file.versionId());
        }
        S3FileInventory inventory = new S3FileInventory(s3, settings.bucket(), 2);

        // when: keys that sort before and after the listing's position arrive between its pages
        List<String> listed = new ArrayList<>();
        String token = null;
        int page = 0;
        do {
            var versions = inventory.list(ReconcileService.FILE_PREFIX, token);
            versions.versions().forEach(version -> listed.add(version.key() + "@" + version.versionId()));
            token = versions.next();
            store("p-0" + page, "new");
            store("p-9" + page, "new");
            page++;
        } while (token != null);

        // then
        assertThat(listed).containsAll(before);
    }

    @Test
    void aDryRunReportsTheSameAndChangesNothing() {
        // given
        FileReference hidden = store("p-1", "f-1");
        storage.discard(hidden.key(), hidden.versionId());
        saveProduct("p-1", List.of(hidden));
        FileReference orphan = store("p-2", "f-2");

        // when
        ReconcileReport report = reconciler(1000).reconcile(new ReconcileCommand(Duration.ZERO, true, 10));

        // then
        assertThat(report.orphans().count()).isEqualTo(1);
        assertThat(report.restored().count()).isEqualTo(1);
        assertThat(versions()).hasSize(2);
        assertThatThrownBy(() -> read(hidden)).isInstanceOf(NoSuchKeyException.class);
        assertThat(read(orphan)).isEqualTo(BYTES);
    }

    @Test
    void pagesThroughThousandsOfVersionsAndKeepsExactlyTheReferencedHalf() throws Exception {
        // given: 1000 products with a file each, and 1000 orphans
        int half = 1000;
        List<FileReference> referenced = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<FileReference>> stored = new ArrayList<>();
            for (int i = 0; i < half; i++) {
                String productId = "p-" + i;
                stored.add(writers.submit(() -> {
                    FileReference file = store(productId, "kept");
                    saveProduct(productId, List.of(file));
                    return file;
                }));
                stored.add(writers.submit(() -> store(productId, "orphan")));
            }
            for (int i = 0; i < stored.size(); i += 2) {
                referenced.add(stored.get(i).get());
                stored.get(i + 1).get();
            }
        } finally {
            writers.shutdown();
        }

        // when: S3's largest page, and pages of 250 items from DynamoDB
        long started = System.nanoTime();
        ReconcileReport report = new ReconcileService(new DynamoDbReferenceInventory(dynamoDb, settings.table(), 250),
                new S3FileInventory(s3, settings.bucket(), S3FileInventory.MAX_PAGE_SIZE), Clock.systemUTC())
                .reconcile(NOW_AND_FOR_REAL);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then
        System.out.printf("reconciled %d versions (%d orphans erased) and %d references in %d ms%n",
                report.versions(), report.orphans().count(), report.references(), took.toMillis());
        assertThat(report.versions()).isEqualTo(2L * half);
        assertThat(report.references()).isEqualTo(half);
        assertThat(report.referenced()).isEqualTo(half);
        assertThat(report.orphans().count()).isEqualTo(half);
        assertThat(report.orphans().listed()).hasSize(10).allMatch(id -> id.contains("/files/orphan/"));
        assertThat(report.dangling().count()).isZero();
        List<String> left = new ArrayList<>();
        s3.listObjectVersionsPaginator(list -> list.bucket(settings.bucket())).versions()
                .forEach(version -> left.add(version.versionId()));
        assertThat(left).containsExactlyInAnyOrderElementsOf(referenced.stream().map(FileReference::versionId).toList());
    }
}
