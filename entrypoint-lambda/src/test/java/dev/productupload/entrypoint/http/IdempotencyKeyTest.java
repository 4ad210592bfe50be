package dev.productupload.entrypoint.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.exception.OutcomeUnknownException;
import dev.productupload.domain.model.Product;
import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.domain.port.out.ProductRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.productupload.entrypoint.http.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyTest {

    private static final String BODY = "{\"productData\":{\"productId\":\"sku-1\",\"productName\":\"Drill\",\"price\":12.50}}";
    private final TestApi test = new TestApi();

    private static String slug(HttpResponse response) {
        return json(response).path("type").asText().replace("urn:product-upload:problem:", "");
    }

    private HttpResponse post(TestApi api, String body, String key, String caller) {
        return api.api.handle(new HttpRequest("POST", "/upload",
                Map.of("Content-Type", "application/json", IdempotentWrites.KEY_HEADER, key),
                body.getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString(), Map.of(), Map.of(), caller));
    }

    @Test
    void answersTheSameRequestAgainWithTheFirstAnswerAndWritesNothing() {
        // given
        HttpResponse first = test.post(BODY, "key-1");

        // when
        HttpResponse again = test.post(BODY, "key-1");

        // then
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers()).doesNotContainKey(IdempotentWrites.REPLAYED_HEADER);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.bodyText()).isEqualTo(first.bodyText());
        assertThat(again.headers()).containsEntry(IdempotentWrites.REPLAYED_HEADER, "true")
                .containsEntry("Content-Type", "application/json");
        assertThat(test.products.versionCount()).isEqualTo(1);
        assertThat(test.logLines().get(1)).contains("\"idempotency\":\"replayed\"");
    }

    @Test
    void refusesTheKeyForAnotherBodyWith422() {
        // given
        test.post(BODY, "key-1");

        // when
        HttpResponse other = test.post(BODY.replace("12.50", "13.50"), "key-1");

        // then
        assertThat(other.status()).isEqualTo(422);
        assertThat(slug(other)).isEqualTo("idempotency-key-reused");
        assertThat(test.products.versionCount()).isEqualTo(1);
    }

    @Test
    void writesEveryRequestWithoutTheHeaderAsBefore() {
        // when
        test.post(BODY);
        HttpResponse second = test.post(BODY);

        // then
        assertThat(second.status()).isEqualTo(201);
        assertThat(json(second).path("product").path("version").asLong()).isEqualTo(2);
        assertThat(second.headers()).doesNotContainKey(IdempotentWrites.REPLAYED_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "caf\u00e9", "tab\there", "line\nbreak"})
    void refusesAKeyThatIsNotPrintableAsciiWith400NamingTheHeader(String key) {
        // when
        HttpResponse response = test.post(BODY, key);

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(slug(response)).isEqualTo("invalid-request");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(test.products.versionCount()).isZero();
    }

    @Test
    void acceptsAKeyOf255CharactersAndRefusesOneOf256() {
        assertThat(test.post(BODY, "k".repeat(255)).status()).isEqualTo(201);
        assertThat(test.post(BODY, "k".repeat(256)).status()).isEqualTo(400);
    }

    @Test
    void runsARetryAgainAfterAFailureThatStoredNothing() {
        // given: storage fails once
        AtomicInteger failures = new AtomicInteger(1);
        TestApi flaky = new TestApi(ApiSettings.defaults(), new ProductRepository() {
            @Override
            public Optional<Product> findLatest(String productId) {
                return test.products.findLatest(productId);
            }

            @Override
            public Optional<Product> findVersion(String productId, long version) {
                return test.products.findVersion(productId, version);
            }

            @Override
            public java.util.List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
                return test.products.findVersionsBefore(productId, beforeVersion, limit);
            }

            @Override
            public void saveNewVersion(Product product) {
                if (failures.getAndDecrement() > 0) {
                    throw new BackendUnavailableException("test", new RuntimeException("down"));
                }
                test.products.saveNewVersion(product);
            }
        }, null);
        HttpResponse failed = flaky.post(BODY, "key-1");

        // when
        HttpResponse retry = flaky.post(BODY, "key-1");

        // then
        assertThat(failed.status()).isEqualTo(503);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers()).doesNotContainKey(IdempotentWrites.REPLAYED_HEADER);
        assertThat(test.products.versionCount()).isEqualTo(1);
    }

    @Test
    void doesNotRememberARefusedRequest() {
        // given
        HttpResponse refused = test.api.handle(TestApi.request("POST", "/upload",
                Map.of("Content-Type", "text/plain", IdempotentWrites.KEY_HEADER, "key-1"), BODY));

        // when
        HttpResponse retry = test.post(BODY, "key-1");

        // then
        assertThat(refused.status()).isEqualTo(415);
        assertThat(retry.status()).isEqualTo(201);
    }

    @Test
    void remembersA404ThatCameFromTheProductsState() {
        // given: an update of a product that does not exist yet
        String update = "{\"productData\":{\"productId\":\"sku-9\",\"expectedVersion\":1,\"price\":1.00}}";
        HttpResponse first = test.post(update, "key-1");
        test.post("{\"productData\":{\"productId\":\"sku-9\",\"productName\":\"Drill\",\"price\":1.00}}");

        // when
        HttpResponse retry = test.post(update, "key-1");

        // then
        assertThat(first.status()).isEqualTo(404);
        assertThat(retry.status()).isEqualTo(404);
        assertThat(retry.bodyText()).isEqualTo(first.bodyText());
        assertThat(retry.headers()).containsEntry(IdempotentWrites.REPLAYED_HEADER, "true");
    }

    @Test
    void givesAnotherCallerWithTheSameKeyItsOwnExecution() {
        // given
        HttpResponse first = post(test, BODY, "key-1", "arn:aws:iam::111111111111:user/a");

        // when
        HttpResponse other = post(test, BODY, "key-1", "arn:aws:iam::222222222222:user/b");

        // then
        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.headers()).doesNotContainKey(IdempotentWrites.REPLAYED_HEADER);
        assertThat(json(other).path("product").path("version").asLong()).isEqualTo(2);
    }

    @Test
    void runsTheRequestAgainOnceTheAnswerHasExpired() {
        // given
        test.post(BODY, "key-1");
        test.clock.advance(IdempotentWrites.REMEMBERED_FOR);

        // when
        HttpResponse later = test.post(BODY, "key-1");

        // then
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.headers()).doesNotContainKey(IdempotentWrites.REPLAYED_HEADER);
        assertThat(test.products.versionCount()).isEqualTo(2);
    }

    @Test
    void answers409WithRetryAfterWhileTheFirstRequestRunsThenItsAnswer() throws Exception {
        // given: the first request is held inside the product write
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        TestApi slow = new TestApi(ApiSettings.defaults(), new ProductRepository() {
            @Override
            public Optional<Product> findLatest(String productId) {
                return test.products.findLatest(productId);
            }

            @Override
            public Optional<Product> findVersion(String productId, long version) {
                return test.products.findVersion(productId, version);
            }

            @Override
            public java.util.List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
                return test.products.findVersionsBefore(productId, beforeVersion, limit);
            }

            @Override
            public void saveNewVersion(Product product) {
                writing.countDown();
                try {
                    proceed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                test.products.saveNewVersion(product);
            }
        }, null);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse> first = pool.submit(() -> slow.post(BODY, "key-1"));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

            // when
            HttpResponse meanwhile = slow.post(BODY, "key-1");
            proceed.countDown();
            HttpResponse firstAnswer = first.get(10, TimeUnit.SECONDS);
            HttpResponse after = slow.post(BODY, "key-1");

            // then
            assertThat(meanwhile.status()).isEqualTo(409);
            assertThat(slug(meanwhile)).isEqualTo("request-in-progress");
            assertThat(Long.parseLong(meanwhile.headers().get("Retry-After"))).isBetween(1L,
                    Pipeline.DEFAULT_REQUEST_BUDGET.plus(IdempotentWrites.LEASE_MARGIN).toSeconds());
            assertThat(firstAnswer.status()).isEqualTo(201);
            assertThat(after.bodyText()).isEqualTo(firstAnswer.bodyText());
            assertThat(test.products.versionCount()).isEqualTo(1);
        } finally {
            proceed.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void runsARetryOnceTheLeaseOfARequestThatDiedHasExpired() {
        // given: an execution that took the key and never answered
        String hash = IdempotentWrites.hash(TestApi.request("POST", "/upload", Map.of(), BODY), Api.UPLOAD);
        test.idempotency.claim(IdempotencyRecord.inProgress(IdempotentWrites.UNKNOWN_CALLER, "key-1", hash, "dead",
                test.clock.instant().plus(Duration.ofSeconds(33))), test.clock.instant());
        HttpResponse whileHeld = test.post(BODY, "key-1");
        test.clock.advance(Duration.ofSeconds(33));

        // when
        HttpResponse afterExpiry = test.post(BODY, "key-1");

        // then
        assertThat(whileHeld.status()).isEqualTo(409);
        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(test.products.versionCount()).isEqualTo(1);
    }

    @Test
    void keepsTheKeyHeldAfterAnUnconfirmedWriteUntilItsLeaseExpires() {
        // given: a write whose outcome the store could not confirm
        TestApi unconfirmed = new TestApi(ApiSettings.defaults(), new ProductRepository() {
            @Override
            public Optional<Product> findLatest(String productId) {
                return Optional.empty();
            }

            @Override
            public Optional<Product> findVersion(String productId, long version) {
                return Optional.empty();
            }

            @Override
            public java.util.List<Product> findVersionsBefore(String productId, long beforeVersion, int limit) {
                return java.util.List.of();
            }

            @Override
            public void saveNewVersion(Product product) {
                throw new OutcomeUnknownException("test", new RuntimeException("answer lost"));
            }
        }, null);
        HttpResponse first = unconfirmed.post(BODY, "key-1");

        // when
        HttpResponse soon = unconfirmed.post(BODY, "key-1");
        unconfirmed.clock.advance(Pipeline.DEFAULT_REQUEST_BUDGET.plus(IdempotentWrites.LEASE_MARGIN));
        HttpResponse afterLease = unconfirmed.post(BODY, "key-1");

        // then
        assertThat(first.status()).isEqualTo(503);
        assertThat(slug(first)).isEqualTo("outcome-unknown");
        assertThat(soon.status()).isEqualTo(409);
        assertThat(slug(soon)).isEqualTo("request-in-progress");
        assertThat(slug(afterLease)).isEqualTo("outcome-unknown");
    }

    @Test
    void writesOneVersionForTwentyConcurrentRequestsWithOneKey() throws Exception {
        // given
        int requests = 20;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse>> answers = new ArrayList<>();
        try {
            // when
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return test.post(BODY, "key-race");
                }));
            }
            start.countDown();
            int executed = 0;
            String createdBody = null;
            List<HttpResponse> others = new ArrayList<>();
            for (Future<HttpResponse> answer : answers) {
                HttpResponse response = answer.get(20, TimeUnit.SECONDS);
                if (response.status() == 201 && !response.headers().containsKey(IdempotentWrites.REPLAYED_HEADER)) {
                    executed++;
                    createdBody = response.bodyText();
                } else {
                    others.add(response);
                }
            }

            // then
            assertThat(executed).isEqualTo(1);
            assertThat(test.products.versionCount()).isEqualTo(1);
            for (HttpResponse other : others) {
                if (other.status() == 201) {
                    assertThat(other.bodyText()).isEqualTo(createdBody);
                } else {
                    assertThat(other.status()).isEqualTo(409);
                    assertThat(slug(other)).isEqualTo("request-in-progress");
                    assertThat(other.headers()).containsKey("Retry-After");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hashesTheMethodRouteAndBody() {
        HttpRequest request = TestApi.request("POST", "/upload", Map.of(), BODY);
        assertThat(IdempotentWrites.hash(request, Api.UPLOAD))
                .isEqualTo(IdempotentWrites.hash(TestApi.request("POST", "/upload", Map.of("X", "y"), BODY), Api.UPLOAD))
                .isNotEqualTo(IdempotentWrites.hash(TestApi.request("POST", "/upload", Map.of(), BODY + " "), Api.UPLOAD))
                .isNotEqualTo(IdempotentWrites.hash(request, "/other"))
                .isNotEqualTo(IdempotentWrites.hash(TestApi.request("PUT", "/upload", Map.of(), BODY), Api.UPLOAD));
    }
}
