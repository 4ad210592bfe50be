package dev.productupload.domain.service;

import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadCommandChecks;
import dev.productupload.domain.port.in.UploadProductUseCase;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.ProductRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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

    private final FileStorage files;
    private final IdGenerator ids;
    private final Clock clock;
    private final VersionRecorder recorder;

    public UploadService(ProductRepository products, FileStorage files, IdGenerator ids, Clock clock) {
        this(products, files, ids, clock, DEFAULT_MAX_ATTEMPTS);
    }

    public UploadService(ProductRepository products, FileStorage files, IdGenerator ids, Clock clock,
                         int maxAttempts) {
        this.files = Objects.requireNonNull(files, "files");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recorder = new VersionRecorder(products, files, clock, maxAttempts);
    }

    @Override
    public UploadResult upload(UploadCommand command) {
        requireValid(command);
        Deadline deadline = Deadline.currentOr(DEFAULT_BUDGET);
        ProductData data = command.productData() == null ? ProductData.ofId(null) : command.productData();
        boolean idGiven = data.productId() != null;
        String productId = idGiven ? data.productId() : ids.newId();
        VersionRecorder.FileSource file = command.hasFile()
                ? VersionRecorder.storedBy(() -> storeFile(productId, command)) : null;
        return recorder.record(productId, idGiven, data, file, deadline);
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
        UploadCommandChecks.check(command, "", (field, message) -> violations.add(new Violation(field, message)));
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

    private FileReference storeFile(String productId, UploadCommand command) {
        String fileId = ids.newId();
        String key = FileReference.keyFor(productId, fileId, command.fileName());
        String contentType = command.contentType() == null ? ProductRules.DEFAULT_CONTENT_TYPE : command.contentType();
        Checksum checksum = Checksum.crc32c(command.fileData());
        String versionId = files.store(key, command.fileData(), contentType, checksum);
        return new FileReference(fileId, key, versionId, command.fileName(), contentType,
                command.fileData().length, checksum, clock.instant());
    }
}
