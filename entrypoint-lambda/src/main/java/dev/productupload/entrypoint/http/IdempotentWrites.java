package dev.productupload.entrypoint.http;

import dev.productupload.domain.exception.OutcomeUnknownException;
import dev.productupload.domain.exception.Violation;
import dev.productupload.domain.model.Deadline;
import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.model.StoredResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} contract, applied by the pipeline around every write route: the first request with a
 * key runs under a lease and its answer is remembered for {@link #REMEMBERED_FOR}; the same request again gets that
 * answer with {@code Idempotent-Replayed: true}, another request with the key a 422, and one that comes while the
 * first still runs a 409 with {@code Retry-After}. Without the header a request runs as it always has.
 */
public final class IdempotentWrites {

    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int KEY_MAX_LENGTH = 255;
    /** How long an answer is given again. */
    public static final Duration REMEMBERED_FOR = Duration.ofHours(24);
    /**
     * A lease lasts the request's time (in Lambda the invocation's, up to the function timeout) and this much more,
     * for the clocks of two execution environments to disagree a little.
     */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /**
     * Larger answers are not remembered; far below DynamoDB's 400 KB item limit
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html), above any answer today.
     */
    public static final int MAX_REMEMBERED_BODY_BYTES = 256 * 1024;
    /** The scope of every key where no caller is known: the local server's single scope. */
    public static final String UNKNOWN_CALLER = "local";

    private final IdempotencyStore store;
    private final Clock clock;

    /**
     * @param store where leases and answers are kept
     * @param clock the time leases and answers expire by
     */
    public IdempotentWrites(IdempotencyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs {@code execution} for a write request at most once per caller and key.
     *
     * @param request   the request, with its route's path parameters
     * @param template  the route's path template
     * @param log       the request's log line; {@code failure} is read after the execution
     * @param execution the endpoint and the problem it may turn into; it never throws
     * @throws RequestRejectedException 400 for a malformed key, 422 for a key reused, 409 while it is held
     */
    HttpResponse run(HttpRequest request, String template, RequestLog.Entry log, Supplier<HttpResponse> execution) {
        String key = request.header(KEY_HEADER);
        if (key == null) {
            return execution.get();
        }
        checkKey(key);
        String scope = request.caller() == null ? UNKNOWN_CALLER : request.caller();
        String requestHash = hash(request, template);
        Instant now = clock.instant();
        Duration lease = Deadline.currentOr(Pipeline.DEFAULT_REQUEST_BUDGET).remaining().plus(LEASE_MARGIN);
        IdempotencyRecord claim = IdempotencyRecord.inProgress(scope, key, requestHash, UUID.randomUUID().toString(),
                now.plus(lease));
        Optional<IdempotencyRecord> holder = store.claim(claim, now);
        if (holder.isPresent()) {
            return answerHeld(holder.get(), requestHash, now, log);
        }
        log.idempotency = "executed";
        HttpResponse response = execution.get();
        if (isRemembered(response)) {
            remember(claim, response, log);
        } else if (!(log.failure instanceof OutcomeUnknownException)) {
            release(claim, log);
        }
        // An unconfirmed write keeps its lease until it expires: a retry runs only once the write has settled.
        return response;
    }

    private static HttpResponse answerHeld(IdempotencyRecord holder, String requestHash, Instant now,
                                           RequestLog.Entry log) {
        if (!holder.requestHash().equals(requestHash)) {
            throw new RequestRejectedException(Problem.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used for "
                    + "another request (method, route or body) in the last " + REMEMBERED_FOR.toHours()
                    + " hours; choose a new key for a new request");
        }
        if (!holder.isCompleted()) {
            throw RequestRejectedException.requestInProgress(Duration.between(now, holder.expiresAt()));
        }
        log.idempotency = "replayed";
        StoredResponse answer = holder.response();
        Map<String, String> headers = new HashMap<>(answer.headers());
        headers.put(REPLAYED_HEADER, "true");
        return new HttpResponse(answer.status(), headers, answer.body());
    }

    /** Every 2xx, and the 404 and 409 that come from the product's state; never a refused request or a 5xx. */
    private static boolean isRemembered(HttpResponse response) {
        int status = response.status();
        return (status >= 200 && status < 300 || status == 404 || status == 409)
                && response.body().length <= MAX_REMEMBERED_BODY_BYTES;
    }

    private void remember(IdempotencyRecord claim, HttpResponse response, RequestLog.Entry log) {
        StoredResponse answer = new StoredResponse(response.status(), response.headers(), response.body());
        try {
            if (!store.complete(claim.completedWith(answer, clock.instant().plus(REMEMBERED_FOR)))) {
                log.idempotency = "lease-lost";
            }
        } catch (RuntimeException unrecorded) {
            // The write stands and is answered; the lease is kept and expires, after which a retry runs again.
            log.idempotency = "not-remembered";
        }
    }

    private void release(IdempotencyRecord claim, RequestLog.Entry log) {
        try {
            store.release(claim.scope(), claim.key(), claim.leaseToken());
        } catch (RuntimeException unreleased) {
            log.idempotency = "not-released";
        }
    }

    private static void checkKey(String key) {
        boolean printable = !key.isEmpty() && key.length() <= KEY_MAX_LENGTH
                && key.chars().allMatch(character -> character >= 0x20 && character <= 0x7e);
        if (!printable) {
            String rule = "must be 1 to " + KEY_MAX_LENGTH + " printable ASCII characters";
            throw new RequestRejectedException(Problem.INVALID_REQUEST, "the " + KEY_HEADER + " header " + rule,
                    List.of(new Violation(KEY_HEADER, rule)));
        }
    }

    static String hash(HttpRequest request, String template) {
        return requestHash(request.method(), template, request.pathParameters(), request.body());
    }

    /** The SHA-256 of what makes two requests the same: method, route (template and parameters) and body. */
    public static String requestHash(String method, String template, Map<String, String> pathParameters, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            StringBuilder route = new StringBuilder(method).append('\n').append(template);
            new TreeMap<>(pathParameters).forEach((name, value) ->
                    route.append('\n').append(name).append('=').append(value));
            sha256.update(route.append('\n').append('\n').toString().getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
