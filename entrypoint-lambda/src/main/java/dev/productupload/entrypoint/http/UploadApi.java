package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.DeploymentFaultException;
import dev.productupload.domain.exception.FileLimitExceededException;
import dev.productupload.domain.exception.InvalidRequestException;
import dev.productupload.domain.exception.ProductNotFoundException;
import dev.productupload.domain.exception.VersionConflictException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.port.in.ProductData;
import dev.productupload.domain.port.in.UploadCommand;
import dev.productupload.domain.port.in.UploadProductUseCase;
import dev.productupload.domain.port.in.UploadResult;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.service.UploadService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request pipeline of {@code POST /upload}: routing, media type and size checks, parsing, the use case,
 * the response and one log line. The Lambda handler and the local server both hand every request to it.
 */
public final class UploadApi {

    public static final String PATH = "/upload";
    /** The time a request has on the local server, where no invocation deadline exists. */
    public static final Duration DEFAULT_REQUEST_BUDGET = Duration.ofSeconds(20);
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final UploadProductUseCase upload;
    private final UploadRequestReader reader;
    private final ResponseBodies bodies;
    private final RequestLog log;
    private final ApiSettings settings;

    public UploadApi(UploadProductUseCase upload, ObjectMapper json, ApiSettings settings, RequestLog log) {
        this.upload = upload;
        this.settings = settings;
        this.reader = new UploadRequestReader(json, settings);
        this.bodies = new ResponseBodies(json);
        this.log = log;
    }

    /**
     * The pipeline over the upload use case on the given stores, with random ids, the system clock and the
     * Bean Validation validator: what both composition roots run.
     */
    public static UploadApi wire(ProductRepository products, FileStorage files, ApiSettings settings, RequestLog log) {
        UploadService service = new UploadService(products, files, IdGenerator.randomUuids(), Clock.systemUTC(),
                BeanValidation.validator());
        return new UploadApi(service, ApiJson.mapper(), settings, log);
    }

    /**
     * Runs a sample request through parsing, the schema, the product rules and response and log writing, and
     * stores nothing: what a snapshot should have warmed before the first real request.
     *
     * @return the response the sample would have had
     */
    public HttpResponse prime() {
        UploadRequestReader.ReadRequest read = reader.read(PRIMING_BODY);
        List<Violation> violations = new ArrayList<>(read.violations());
        violations.addAll(upload.check(read.command()));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("the priming request breaks the contract: " + violations);
        }
        Instant now = Instant.now();
        byte[] file = read.command().fileData();
        FileReference reference = new FileReference("priming", FileReference.keyFor("priming", "priming",
                read.command().fileName()), "priming", read.command().fileName(), read.command().contentType(),
                file.length, Checksum.crc32c(file), now);
        ProductData data = read.command().productData();
        Product product = new Product("priming", data.productName(), data.price(), data.currency(), data.description(),
                data.attributes(), 1, now, now, List.of(reference));
        bodies.problem(Problem.INVALID_REQUEST, "priming", "priming", List.of(new Violation("priming", "priming")));
        log.format(new RequestLog.Entry(), 0);
        return new HttpResponse(201, Map.of("Content-Type", JSON),
                bodies.created("priming", new UploadResult(product, reference)));
    }

    private static final byte[] PRIMING_BODY = ("{\"fileName\":\"priming.txt\",\"fileData\":\"cHJpbWluZw==\","
            + "\"contentType\":\"text/plain\",\"productData\":{\"productName\":\"Priming\",\"price\":1.00,"
            + "\"currency\":\"USD\",\"description\":\"priming\",\"attributes\":{\"priming\":\"yes\"}}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    public ApiSettings settings() {
        return settings;
    }

    /** Handles a request that has {@link #DEFAULT_REQUEST_BUDGET} to get its answer (the local server's case). */
    public HttpResponse handle(HttpRequest request) {
        return handle(request, Deadline.after(DEFAULT_REQUEST_BUDGET));
    }

    /** Handles a request that must have its answer by {@code deadline}: every backend call is bounded by it. */
    public HttpResponse handle(HttpRequest request, Deadline deadline) {
        return deadline.bind(() -> run(request));
    }

    private HttpResponse run(HttpRequest request) {
        long started = System.nanoTime();
        RequestLog.Entry entry = new RequestLog.Entry();
        entry.requestId = request.requestId();
        entry.method = request.method();
        entry.path = request.path();
        entry.requestBytes = request.body().length;
        HttpResponse response;
        try {
            UploadCommand command = readCommand(request);
            entry.fileBytes = command.fileData() == null ? null : (long) command.fileData().length;
            UploadResult result = upload.upload(command);
            entry.productId = result.product().productId();
            entry.version = result.product().version();
            response = new HttpResponse(201, Map.of("Content-Type", JSON), bodies.created(request.requestId(), result));
        } catch (RuntimeException failure) {
            entry.failure = failure;
            response = problemResponse(failure, request.requestId(), entry);
        }
        entry.status = response.status();
        entry.responseBytes = response.body().length;
        log.write(entry, System.nanoTime() - started);
        return response;
    }

    private UploadCommand readCommand(HttpRequest request) {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1)
                : request.path();
        if (!PATH.equals(path)) {
            throw new RequestRejectedException(Problem.NOT_FOUND, "the only resource is POST " + PATH);
        }
        if (!"POST".equals(request.method())) {
            throw new RequestRejectedException(Problem.METHOD_NOT_ALLOWED, PATH + " accepts POST only");
        }
        if (!isJson(request.header("Content-Type"))) {
            throw new RequestRejectedException(Problem.UNSUPPORTED_MEDIA_TYPE,
                    "send the body as application/json with a Content-Type header that says so");
        }
        if (request.body().length > settings.maxBodyBytes()) {
            throw new RequestRejectedException(Problem.PAYLOAD_TOO_LARGE,
                    "the body is " + request.body().length + " bytes; the limit is " + settings.maxBodyBytes() + " bytes");
        }
        UploadRequestReader.ReadRequest read = reader.read(request.body());
        if (read.violations().isEmpty()) {
            return read.command();
        }
        // Name every bad field at once. A product rule says in its own words what a schema pattern or length
        // only hints at; for a field that could not be read at all (wrong type, not base64) the schema's word stands.
        Map<String, Violation> byField = new TreeMap<>();
        read.violations().forEach(violation -> byField.putIfAbsent(violation.field(), violation));
        if (!read.unreadable().contains("$")) {
            upload.check(read.command()).stream()
                    .filter(rule -> !read.unreadable().contains(rule.field()))
                    .forEach(rule -> byField.put(rule.field(), rule));
        }
        throw new RequestRejectedException(Problem.INVALID_REQUEST,
                byField.size() + " field(s) break the rules; see errors", List.copyOf(byField.values()));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        return JSON.equals(mediaType.toLowerCase(Locale.ROOT));
    }

    private HttpResponse problemResponse(RuntimeException failure, String requestId, RequestLog.Entry entry) {
        Problem problem = problemOf(failure);
        entry.problem = problem.slug();
        Map<String, String> headers = problem == Problem.METHOD_NOT_ALLOWED
                ? Map.of("Content-Type", PROBLEM_JSON, "Allow", "POST")
                : Map.of("Content-Type", PROBLEM_JSON);
        byte[] body = bodies.problem(problem, detailOf(problem, failure), requestId, violationsOf(failure));
        return new HttpResponse(problem.status(), headers, body);
    }

    /** The only place where a failure becomes an HTTP status. */
    static Problem problemOf(RuntimeException failure) {
        if (failure instanceof RequestRejectedException rejected) {
            return rejected.problem();
        }
        if (failure instanceof InvalidRequestException) {
            return Problem.INVALID_REQUEST;
        }
        if (failure instanceof ProductNotFoundException) {
            return Problem.PRODUCT_NOT_FOUND;
        }
        if (failure instanceof VersionConflictException) {
            return Problem.VERSION_CONFLICT;
        }
        if (failure instanceof FileLimitExceededException) {
            return Problem.FILE_LIMIT_EXCEEDED;
        }
        if (failure instanceof BackendUnavailableException) {
            return Problem.BACKEND_UNAVAILABLE;
        }
        if (failure instanceof DeploymentFaultException) {
            return Problem.INTERNAL_ERROR;
        }
        return Problem.INTERNAL_ERROR;
    }

    /** What the client reads: our own words for domain and contract failures, never an internal message. */
    private static String detailOf(Problem problem, RuntimeException failure) {
        switch (problem) {
            case INVALID_REQUEST:
                return failure instanceof InvalidRequestException invalid
                        ? invalid.violations().size() + " field(s) break the rules; see errors"
                        : failure.getMessage();
            case BACKEND_UNAVAILABLE:
                return "storage did not answer in time and the request was not stored; retry later";
            case INTERNAL_ERROR:
                return "the request failed on our side; quote the requestId when you report it";
            default:
                return failure.getMessage();
        }
    }

    private static List<Violation> violationsOf(RuntimeException failure) {
        if (failure instanceof RequestRejectedException rejected) {
            return rejected.violations();
        }
        if (failure instanceof InvalidRequestException invalid) {
            return invalid.violations();
        }
        return List.of();
    }
}
