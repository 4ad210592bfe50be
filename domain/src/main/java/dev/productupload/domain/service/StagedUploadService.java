package dev.productupload.domain.service;

import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.UploadIncompleteException;
import dev.productupload.domain.exception.UploadNotFoundException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.ProductRules;
import dev.productupload.domain.model.UploadSession;
import dev.productupload.domain.port.in.CompleteUploadCommand;
import dev.productupload.domain.port.in.CompleteUploadCommandChecks;
import dev.productupload.domain.port.in.CreateUploadCommand;
import dev.productupload.domain.port.in.CreateUploadCommandChecks;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.StagedUploadUseCase;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.in.UploadTicket;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.port.out.UploadSessionStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Staged uploads (ADR 14): the file goes straight to its final, unique key through a signed URL that fixes its
 * size, type and checksum; completing checks what the store holds there and records it through the same write
 * path as an inline upload. A session that is never completed leaves an object nothing references, which the
 * reconciler erases once it is older than its {@code --min-age}.
 */
public final class StagedUploadService implements StagedUploadUseCase {

    /** S3's largest single PUT (docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html). */
    public static final long MAX_SIZE = 5L * 1024 * 1024 * 1024;
    /** How long the PUT URL works. */
    public static final Duration DEFAULT_URL_VALIDITY = Duration.ofMinutes(15);
    /**
     * How long after its creation an upload can be completed: the URL's lifetime and time for the PUT to finish.
     * It must stay below the reconciler's {@code --min-age}, so an object is never erased while it can be completed.
     */
    public static final Duration DEFAULT_COMPLETION_WINDOW = Duration.ofMinutes(30);

    /**
     * Limits of staged uploads.
     *
     * @param maxSize          the largest file, 1 byte to {@link #MAX_SIZE}
     * @param urlValidity      how long the PUT URL works
     * @param completionWindow how long after creation the upload can be completed; at least {@code urlValidity}
     */
    public record Limits(long maxSize, Duration urlValidity, Duration completionWindow) {

        public Limits {
            if (maxSize < 1 || maxSize > MAX_SIZE) {
                throw new IllegalArgumentException("the staged file limit must be between 1 byte and " + MAX_SIZE + " bytes");
            }
            if (urlValidity.isNegative() || urlValidity.isZero() || completionWindow.compareTo(urlValidity) < 0) {
                throw new IllegalArgumentException("the URL must be valid for a while, and the upload completable at least as long");
            }
        }

        public static Limits defaults() {
            return new Limits(MAX_SIZE, DEFAULT_URL_VALIDITY, DEFAULT_COMPLETION_WINDOW);
        }
    }

    private final FileStorage files;
    private final UploadSessionStore sessions;
    private final IdGenerator ids;
    private final Clock clock;
    private final Limits limits;
    private final VersionRecorder recorder;

    public StagedUploadService(ProductRepository products, FileStorage files, UploadSessionStore sessions,
                               IdGenerator ids, Clock clock, Limits limits) {
        this.files = Objects.requireNonNull(files, "files");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.recorder = new VersionRecorder(products, files, clock, UploadService.DEFAULT_MAX_ATTEMPTS);
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public UploadTicket create(CreateUploadCommand command) {
        requireNoViolations(check(command));
        Deadline deadline = Deadline.currentOr(UploadService.DEFAULT_BUDGET);
        String uploadId = ids.newId();
        String contentType = command.contentType() == null ? ProductRules.DEFAULT_CONTENT_TYPE : command.contentType();
        Checksum checksum = new Checksum(command.checksum().algorithm(), command.checksum().value());
        Instant now = clock.instant();
        UploadSession session = new UploadSession(uploadId, command.productId(),
                FileReference.keyFor(command.productId(), uploadId, command.fileName()), command.fileName(),
                contentType, command.size(), checksum, now, now.plus(limits.completionWindow()));
        FileStorage.UploadTarget target = deadline.bind(() -> files.uploadTarget(session.key(), session.size(),
                contentType, checksum, limits.urlValidity()));
        deadline.bind(() -> sessions.save(session));
        return new UploadTicket(uploadId, target.url(), "PUT", target.headers(), now.plus(limits.urlValidity()));
    }

    @Override
    public List<Violation> check(CreateUploadCommand command) {
        List<Violation> violations = violationsOf(command);
        if (command.size() != null && (command.size() < 1 || command.size() > limits.maxSize())) {
            violations.add(new Violation("size", "must be between 1 and " + limits.maxSize() + " bytes"));
        }
        CreateUploadCommand.AnnouncedChecksum checksum = command.checksum();
        if (checksum != null && checksum.algorithm() != null && checksum.value() != null
                && Checksum.valueBytes(checksum.algorithm()) > 0
                && !isBase64Of(checksum.value(), Checksum.valueBytes(checksum.algorithm()))) {
            violations.add(new Violation("checksum.value", "must be the base64 of the " + Checksum.valueBytes(
                    checksum.algorithm()) + "-byte " + checksum.algorithm() + " of the whole file"));
        }
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return violations;
    }

    @Override
    public UploadResult complete(CompleteUploadCommand command) {
        ProductData data = command.productData() == null ? ProductData.ofId(command.productId()) : command.productData();
        List<Violation> violations = violationsOf(command);
        if (data.productId() != null && !data.productId().equals(command.productId())) {
            violations.add(new Violation("productData.productId", "must be the product of the path, or left out"));
        }
        requireNoViolations(violations);
        ProductData forProduct = new ProductData(command.productId(), data.productName(), data.price(),
                data.currency(), data.description(), data.attributes(), data.expectedVersion());
        Deadline deadline = Deadline.currentOr(UploadService.DEFAULT_BUDGET);
        UploadSession session = deadline.bind(() -> sessions.find(command.productId(), command.uploadId(), clock.instant()))
                .orElseThrow(() -> new UploadNotFoundException(command.productId(), command.uploadId()));
        return recorder.record(session.productId(), true, forProduct, new StagedFile(session), deadline);
    }

    /** The file a client stored through a session's URL: checked against what was announced, never discarded here. */
    private final class StagedFile implements VersionRecorder.FileSource {

        private final UploadSession session;

        StagedFile(UploadSession session) {
            this.session = session;
        }

        @Override
        public FileReference obtain() {
            FileStorage.StoredObject stored = files.inspect(session.key(), session.checksum().algorithm())
                    .orElseThrow(() -> new UploadIncompleteException("the file of upload '" + session.uploadId()
                            + "' is not stored yet: PUT it to the upload's URL with its headers, then complete again"));
            if (stored.size() != session.size()) {
                throw new UploadIncompleteException("the stored file has " + stored.size() + " bytes, not the "
                        + session.size() + " announced");
            }
            if (stored.checksum() != null && !stored.checksum().equals(session.checksum())) {
                throw new UploadIncompleteException("the stored file's " + session.checksum().algorithm()
                        + " is not the one announced");
            }
            if (stored.contentType() != null && !stored.contentType().equals(session.contentType())) {
                throw new UploadIncompleteException("the stored file's content type is " + stored.contentType()
                        + ", not the " + session.contentType() + " announced");
            }
            return new FileReference(session.uploadId(), session.key(), stored.versionId(), session.fileName(),
                    session.contentType(), session.size(), session.checksum(), clock.instant());
        }

        /** The client's file outlives a failed completion: the client may complete again with other product data. */
        @Override
        public boolean discardOnFailure() {
            return false;
        }

        @Override
        public String onceOnlyKey() {
            return session.key();
        }
    }

    private static boolean isBase64Of(String value, int bytes) {
        try {
            byte[] decoded = Base64.getDecoder().decode(value);
            // S3 compares the header's text: only the canonical encoding of the bytes can ever match.
            return decoded.length == bytes && Base64.getEncoder().encodeToString(decoded).equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireNoViolations(List<Violation> violations) {
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw new InvalidRequestException(violations);
        }
    }

    private static List<Violation> violationsOf(CreateUploadCommand command) {
        List<Violation> violations = new ArrayList<>();
        CreateUploadCommandChecks.check(command, "", (field, message) -> violations.add(new Violation(field, message)));
        return violations;
    }

    private static List<Violation> violationsOf(CompleteUploadCommand command) {
        List<Violation> violations = new ArrayList<>();
        CompleteUploadCommandChecks.check(command, "", (field, message) -> violations.add(new Violation(field, message)));
        return violations;
    }
}
