package dev.productupload.domain.service;

import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.exception.FileLimitExceededException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadProductUseCase;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.ProductRepository;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The upload use case: one request is one accepted change and one new product version. A stored file is
 * deleted again when its product version cannot be saved, so a failed request leaves nothing behind.
 */
public final class UploadService implements UploadProductUseCase {

    /**
     * Attempts to save a blind change (no {@code expectedVersion}) that keeps losing races against other
     * writers, re-read each time; the request's deadline usually ends the attempts first.
     */
    public static final int DEFAULT_MAX_ATTEMPTS = 64;
    /** The time a request has when its entrypoint opened no deadline. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);
    /** Kept back from every write so that a file whose product version failed can still be discarded. */
    public static final Duration COMPENSATION_RESERVE = Duration.ofSeconds(2);
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
    private final IdGenerator ids;
    private final Clock clock;
    private final Validator validator;
    private final int maxAttempts;

    public UploadService(ProductRepository products, FileStorage files, IdGenerator ids, Clock clock,
                         Validator validator) {
        this(products, files, ids, clock, validator, DEFAULT_MAX_ATTEMPTS);
    }

    public UploadService(ProductRepository products, FileStorage files, IdGenerator ids, Clock clock,
                         Validator validator, int maxAttempts) {
        this.products = Objects.requireNonNull(products, "products");
        this.files = Objects.requireNonNull(files, "files");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validator = Objects.requireNonNull(validator, "validator");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more");
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public UploadResult upload(UploadCommand command) {
        requireValid(command);
        Deadline deadline = Deadline.currentOr(DEFAULT_BUDGET);
        Deadline forWrites = deadline.reserving(COMPENSATION_RESERVE);
        ProductData data = command.productData() == null ? ProductData.ofId(null) : command.productData();
        boolean idGiven = data.productId() != null;
        String productId = idGiven ? data.productId() : ids.newId();
        Product current;
        FileReference file;
        if (idGiven && command.hasFile() && data.expectedVersion() == null) {
            LatestAndFile both = readBesideFile(productId, command, deadline, forWrites);
            current = both.latest();
            file = both.file();
            try {
                checkApplicable(productId, true, current, data, true);
            } catch (RuntimeException refusal) {
                deadline.bind(() -> discard(file, refusal));
                throw refusal;
            }
        } else {
            current = idGiven ? forWrites.bind(() -> products.findLatest(productId).orElse(null)) : null;
            checkApplicable(productId, idGiven, current, data, command.hasFile());
            file = command.hasFile() ? forWrites.bind(() -> storeFile(productId, command)) : null;
        }
        try {
            return forWrites.bind(() -> saveNewVersion(productId, current, data, file, forWrites));
        } catch (RuntimeException failure) {
            if (file != null) {
                deadline.bind(() -> discard(file, failure));
            }
            throw failure;
        }
    }

    private record LatestAndFile(Product latest, FileReference file) {
    }

    /**
     * Reads the latest version on another thread while this one stores the file (ADR 12): neither depends on the
     * other. Both legs end before this returns, so nothing is stored behind the caller's back; when either fails,
     * the stored file is taken back and the read's failure, as the first step of the request, is the one reported.
     */
    private LatestAndFile readBesideFile(String productId, UploadCommand command, Deadline deadline,
                                         Deadline forWrites) {
        CompletableFuture<Product> latest = CompletableFuture.supplyAsync(
                () -> forWrites.bind(() -> products.findLatest(productId).orElse(null)), READS_BESIDE_FILES);
        FileReference file = null;
        RuntimeException storeFailure = null;
        try {
            file = forWrites.bind(() -> storeFile(productId, command));
        } catch (RuntimeException e) {
            storeFailure = e;
        }
        try {
            Product current = awaitRead(latest, forWrites);
            if (storeFailure != null) {
                throw storeFailure;
            }
            return new LatestAndFile(current, file);
        } catch (RuntimeException failure) {
            if (storeFailure != null && failure != storeFailure) {
                failure.addSuppressed(storeFailure);
            }
            if (file != null) {
                FileReference stored = file;
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

    private void requireValid(UploadCommand command) {
        List<Violation> violations = check(command);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    @Override
    public List<Violation> check(UploadCommand command) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<UploadCommand> violation : validator.validate(command)) {
            violations.add(new Violation(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        if (command.fileName() != null && command.fileData() == null) {
            violations.add(new Violation("fileData", "is required when fileName is given"));
        }
        if (command.fileData() != null && command.fileName() == null) {
            violations.add(new Violation("fileName", "is required when fileData is given"));
        }
        if (command.contentType() != null && !command.hasFile()) {
            violations.add(new Violation("contentType", "is only allowed with fileName and fileData"));
        }
        ProductData data = command.productData();
        boolean hasChanges = data != null && data.hasChanges();
        if (!command.hasFile() && !hasChanges) {
            violations.add(new Violation("productData",
                    "the request holds nothing to store: send a file, product fields, or both"));
        } else if (!hasChanges && (data == null || data.productId() == null)) {
            violations.add(new Violation("productData.productId",
                    "a file belongs to a product: give the productId of an existing product, or the fields of a new one"));
        }
        if (data != null && data.productId() == null && data.expectedVersion() != null) {
            violations.add(new Violation("productData.expectedVersion", "is only allowed with productId"));
        }
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return violations;
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

    private FileReference storeFile(String productId, UploadCommand command) {
        String fileId = ids.newId();
        String key = FileReference.keyFor(productId, fileId, command.fileName());
        String contentType = command.contentType() == null ? ProductRules.DEFAULT_CONTENT_TYPE : command.contentType();
        Checksum checksum = Checksum.crc32c(command.fileData());
        String versionId = files.store(key, command.fileData(), contentType, checksum);
        return new FileReference(fileId, key, versionId, command.fileName(), contentType,
                command.fileData().length, checksum, clock.instant());
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

    private static String fieldOf(Path path) {
        StringJoiner field = new StringJoiner(".");
        for (Path.Node node : path) {
            if (node.getKey() != null) {
                field.add(String.valueOf(node.getKey()));
            } else if (node.getName() != null && !node.getName().startsWith("<")) {
                field.add(node.getName());
            }
        }
        return field.toString();
    }
}
