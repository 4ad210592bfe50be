package dev.productupload.domain.service;

import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.FileLimitExceededException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.ProductRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one write path of a product version: loads the latest version, applies the rules of a change
 * ({@code expectedVersion}, the fields of a new product, room for a file), obtains the file reference and saves
 * the next version. Inline uploads and completed staged uploads both record their versions here.
 */
final class VersionRecorder {

    private static final long FIRST_BACKOFF_MILLIS = 2;
    private static final long MAX_BACKOFF_MILLIS = 100;
    /** Threads for the latest-version reads made beside file uploads; idle ones end after a minute. */
    private static final Executor READS_BESIDE_FILES = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "latest-version-read");
        thread.setDaemon(true);
        return thread;
    });

    private final ProductRepository products;
    private final FileStorage files;
    private final Clock clock;
    private final int maxAttempts;

    VersionRecorder(ProductRepository products, FileStorage files, Clock clock, int maxAttempts) {
        this.products = Objects.requireNonNull(products, "products");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more");
        }
        this.maxAttempts = maxAttempts;
    }

    /** Where the file of a new version comes from, and whether a failed save takes it back. */
    interface FileSource {

        /** Stores or finds the file; runs only once the product's rules allow another file. */
        FileReference obtain();

        /** True when the file was stored by this request alone, so that a failed save must discard it. */
        boolean discardOnFailure();

        /**
         * True when obtaining the file needs nothing from the latest version and a discard takes back all it
         * did, so it may run beside the latest-version read (ADR 12).
         */
        default boolean obtainableBesideTheRead() {
            return false;
        }
    }

    /**
     * Records the next version of {@code productId} with {@code data} applied and the file of {@code file}
     * attached ({@code null}: no file), within {@code deadline} and keeping {@link UploadService#COMPENSATION_RESERVE}
     * back for the discard.
     *
     * @param idGiven false when {@code productId} was generated for a new product
     */
    UploadResult record(String productId, boolean idGiven, ProductData data, FileSource file, Deadline deadline) {
        Deadline forWrites = deadline.reserving(UploadService.COMPENSATION_RESERVE);
        Product current;
        FileReference reference;
        if (idGiven && file != null && file.obtainableBesideTheRead() && data.expectedVersion() == null) {
            LatestAndFile both = readBesideFile(productId, file, deadline, forWrites);
            current = both.latest();
            reference = both.file();
            try {
                checkApplicable(productId, true, current, data, true);
            } catch (RuntimeException refusal) {
                deadline.bind(() -> discard(reference, refusal));
                throw refusal;
            }
        } else {
            current = idGiven ? forWrites.bind(() -> products.findLatest(productId).orElse(null)) : null;
            checkApplicable(productId, idGiven, current, data, file != null);
            reference = file == null ? null : forWrites.bind(file::obtain);
        }
        try {
            return forWrites.bind(() -> saveNewVersion(productId, current, data, reference, forWrites));
        } catch (RuntimeException failure) {
            if (reference != null && file.discardOnFailure()) {
                deadline.bind(() -> discard(reference, failure));
            }
            throw failure;
        }
    }

    private record LatestAndFile(Product latest, FileReference file) {
    }

    /**
     * Reads the latest version on another thread while this one obtains the file (ADR 12): neither depends on the
     * other. Both legs end before this returns, so nothing is stored behind the caller's back; when either fails,
     * the stored file is taken back and the read's failure, as the first step of the request, is the one reported.
     */
    private LatestAndFile readBesideFile(String productId, FileSource file, Deadline deadline, Deadline forWrites) {
        CompletableFuture<Product> latest = CompletableFuture.supplyAsync(
                () -> forWrites.bind(() -> products.findLatest(productId).orElse(null)), READS_BESIDE_FILES);
        FileReference reference = null;
        RuntimeException obtainFailure = null;
        try {
            reference = forWrites.bind(file::obtain);
        } catch (RuntimeException e) {
            obtainFailure = e;
        }
        try {
            Product current = awaitRead(latest, forWrites);
            if (obtainFailure != null) {
                throw obtainFailure;
            }
            return new LatestAndFile(current, reference);
        } catch (RuntimeException failure) {
            if (obtainFailure != null && failure != obtainFailure) {
                failure.addSuppressed(obtainFailure);
            }
            if (reference != null) {
                FileReference stored = reference;
                deadline.bind(() -> discard(stored, failure));
            }
            throw failure;
        }
    }

    /** The read's answer, or "products unavailable" once {@code forWrites} has passed: a read writes nothing, so it can be left. */
    private static Product awaitRead(CompletableFuture<Product> latest, Deadline forWrites) {
        try {
            return latest.get(Math.max(0, forWrites.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new BackendUnavailableException("products", e.getCause());
        } catch (TimeoutException e) {
            latest.cancel(true);
            throw new BackendUnavailableException("products",
                    new IllegalStateException("the latest-version read did not answer within the request's time", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("products", e);
        }
    }

    private static void checkApplicable(String productId, boolean idGiven, Product current, ProductData data,
                                        boolean hasFile) {
        if (current == null) {
            boolean createsProduct = data.productName() != null || data.price() != null;
            if (idGiven && (!createsProduct || data.expectedVersion() != null)) {
                throw new ProductNotFoundException(productId);
            }
            requireFieldsOfNewProduct(data);
            return;
        }
        if (data.expectedVersion() != null && data.expectedVersion() != current.version()) {
            throw VersionConflictException.notExpected(productId, data.expectedVersion(), current.version());
        }
        if (hasFile && !current.canTakeAnotherFile()) {
            throw new FileLimitExceededException(productId, ProductRules.FILES_MAX);
        }
    }

    private static void requireFieldsOfNewProduct(ProductData data) {
        List<Violation> missing = new ArrayList<>();
        if (data.price() == null) {
            missing.add(new Violation("productData.price", "is required to create a product"));
        }
        if (data.productName() == null) {
            missing.add(new Violation("productData.productName", "is required to create a product"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(missing);
        }
    }

    /**
     * Saves the next version. A change that named {@code expectedVersion} gets the conflict; a blind change
     * re-reads and tries again after a jittered pause, for as long as its deadline and attempts allow, so
     * that other writers never make it fail: at the end it is "busy, retry", not a conflict it did not ask for.
     */
    private UploadResult saveNewVersion(String productId, Product current, ProductData data, FileReference file,
                                        Deadline deadline) {
        Product base = current;
        long backoffMillis = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            Product next = base == null ? create(productId, data, file) : update(base, data, file);
            try {
                products.saveNewVersion(next);
                return new UploadResult(next, file);
            } catch (VersionConflictException conflict) {
                if (data.expectedVersion() != null) {
                    throw conflict;
                }
                long pause = ThreadLocalRandom.current().nextLong(backoffMillis + 1);
                if (attempt >= maxAttempts || deadline.remaining().toMillis() <= pause) {
                    throw new BackendUnavailableException("products", new IllegalStateException(
                            attempt + " attempts lost to concurrent writers of product '" + productId + "'", conflict));
                }
                pause(pause);
                backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
                base = products.findLatest(productId).orElseThrow(() -> conflict);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("products", e);
        }
    }

    private Product create(String productId, ProductData data, FileReference file) {
        requireFieldsOfNewProduct(data);
        var now = clock.instant();
        Product created = new Product(productId, data.productName(), data.price(),
                data.currency() == null ? ProductRules.DEFAULT_CURRENCY : data.currency(),
                data.description(), data.attributes(), 1, now, now, List.of());
        return file == null ? created : created.withFile(file);
    }

    private Product update(Product base, ProductData data, FileReference file) {
        Product updated = new Product(base.productId(),
                Optional.ofNullable(data.productName()).orElse(base.productName()),
                Optional.ofNullable(data.price()).orElse(base.price()),
                Optional.ofNullable(data.currency()).orElse(base.currency()),
                Optional.ofNullable(data.description()).orElse(base.description()),
                Optional.ofNullable(data.attributes()).orElse(base.attributes()),
                base.version() + 1, base.createdAt(), clock.instant(), base.files());
        return file == null ? updated : updated.withFile(file);
    }

    private void discard(FileReference file, RuntimeException failure) {
        try {
            files.discard(file.key(), file.versionId());
        } catch (RuntimeException deleteFailure) {
            failure.addSuppressed(deleteFailure);
        }
    }

    /** A file this request stores itself: discarded again when its version cannot be saved. */
    static FileSource storedBy(Supplier<FileReference> store) {
        return new FileSource() {
            @Override
            public FileReference obtain() {
                return store.get();
            }

            @Override
            public boolean discardOnFailure() {
                return true;
            }

            @Override
            public boolean obtainableBesideTheRead() {
                return true;
            }
        };
    }
}
