package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryIdempotencyStore;
import dev.productupload.adapters.local.InMemoryUploadSessionStore;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.service.FindProductsService;
import dev.productupload.domain.service.ReadProductService;
import dev.productupload.domain.service.StagedUploadService;
import dev.productupload.domain.service.UploadService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The pipeline wired to in-memory adapters, with its log lines captured. */
public final class TestApi {


    public final InMemoryProductRepository products = new InMemoryProductRepository();
    public final InMemoryFileStorage files = new InMemoryFileStorage();
    public final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    public final InMemoryUploadSessionStore sessions = new InMemoryUploadSessionStore();
    /** The clock keys expire by; tests move it. */
    public final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    public final List<String> logLines = new CopyOnWriteArrayList<>();
    public final Pipeline api;

    public TestApi() {
        this(ApiSettings.defaults());
    }

    public TestApi(ApiSettings settings) {
        this(settings, null, null);
    }

    /** With a replacement for either store (null keeps the in-memory one). */
    public TestApi(ApiSettings settings, ProductRepository productStore, FileStorage fileStore) {
        UploadService service = new UploadService(
                productStore == null ? products : productStore,
                fileStore == null ? files : fileStore,
                IdGenerator.randomUuids(), Clock.systemUTC());
        ReadProductService reads = new ReadProductService(productStore == null ? products : productStore,
                fileStore == null ? files : fileStore, Clock.systemUTC());
        StagedUploadService staged = new StagedUploadService(productStore == null ? products : productStore,
                fileStore == null ? files : fileStore, sessions, IdGenerator.randomUuids(), clock,
                StagedUploadService.Limits.defaults());
        FindProductsService finds = new FindProductsService(productStore instanceof ProductListing listing ? listing : products);
        api = new Pipeline(Api.routes(service, staged, reads, finds, ApiJson.mapper(), settings), ApiJson.mapper(), settings,
                new RequestLog(ApiJson.mapper(), logLines::add, Clock.systemUTC()),
                new IdempotentWrites(idempotency, clock));
    }

    /** A POST /upload with an Idempotency-Key. */
    public HttpResponse post(String body, String idempotencyKey) {
        return api.handle(request("POST", "/upload",
                Map.of("Content-Type", "application/json", IdempotentWrites.KEY_HEADER, idempotencyKey), body));
    }

    public HttpResponse get(String path) {
        return get(path, Map.of());
    }

    public HttpResponse get(String path, Map<String, String> headers) {
        int query = path.indexOf('?');
        HttpRequest request = new HttpRequest("GET", query < 0 ? path : path.substring(0, query), headers, null,
                UUID.randomUUID().toString(), Map.of(), PercentDecoding.query(query < 0 ? null : path.substring(query + 1)));
        return api.handle(request);
    }

    public HttpResponse post(String body) {
        return api.handle(request("POST", "/upload", Map.of("Content-Type", "application/json"), body));
    }

    public static HttpRequest request(String method, String path, Map<String, String> headers, String body) {
        return new HttpRequest(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                UUID.randomUUID().toString());
    }

    public static JsonNode json(HttpResponse response) {
        return json(response.bodyText());
    }

    public static JsonNode json(String text) {
        try {
            return ApiJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> logLines() {
        return Collections.unmodifiableList(logLines);
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
