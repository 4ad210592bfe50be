package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.ApiException;
import dev.productupload.entrypoint.contract.client.ApiResponse;
import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.contract.client.model.ProblemErrorsInner;
import dev.productupload.entrypoint.contract.client.model.UploadRequest;
import dev.productupload.entrypoint.contract.client.model.UploadRequestProductData;
import dev.productupload.entrypoint.contract.client.model.UploadResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.productupload.adapters.local.FileSystemIdempotencyStore;
import dev.productupload.domain.model.IdempotencyRecord;
import dev.productupload.entrypoint.http.IdempotentWrites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.net.http.HttpRequest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /upload} through the client generated from docs/openapi.yaml, against the local server: every status the
 * document gives it except API Gateway's own 401, 403 and 429, which no local server can give.
 */
class UploadContractIT {

    private static final String UPLOAD = "upload";
    private static final StorageStub STORAGE = new StorageStub();

    @RegisterExtension
    @Order(1)
    static final ContractCoverage COVERAGE = ContractCoverage.of(UPLOAD);

    @RegisterExtension
    @Order(2)
    static final ContractServer SERVER = ContractServer.inMemory("--max-file-bytes", "16");

    /** The packaged server on its AWS backend, with S3 and DynamoDB stood in for by a stub that only fails. */
    @RegisterExtension
    @Order(3)
    static final ContractServer ON_FAILING_STORAGE = ContractServer.around(STORAGE, ContractServer.process(
            List.of("--backend", "aws", "--region", "eu-west-1", "--bucket", "contract", "--table", "contract",
                    "--s3-endpoint", STORAGE.endpoint(), "--dynamodb-endpoint", STORAGE.endpoint()),
            Map.of("AWS_ACCESS_KEY_ID", "contract", "AWS_SECRET_ACCESS_KEY", "contract")));

    /** The in-memory server with room for one byte of files. */
    @RegisterExtension
    @Order(4)
    static final ContractServer FULL = ContractServer.inMemory("--memory-file-bytes", "1");

    private static final Path DATA_DIR = temporaryFolder();

    /** The local server keeping its records on disk, where a test can leave a lease that another execution holds. */
    @RegisterExtension
    @Order(5)
    static final ContractServer ON_DISK = ContractServer.inMemory("--data-dir", DATA_DIR.toString());

    private final ProductsApi api = new ProductsApi(SERVER.client());

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("upload-contract-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UploadRequest newProduct(String productId) {
        return new UploadRequest().productData(new UploadRequestProductData()
                .productId(productId).productName("Cordless Drill").price(new BigDecimal("129.90")).currency("EUR"));
    }

    private static String uniqueId() {
        return "sku-" + UUID.randomUUID();
    }

    @Test
    void createsAProductWithAFileAs201() {
        // given
        UploadRequest request = newProduct(null).fileName("spec-sheet.pdf")
                .fileData(Base64.getEncoder().encodeToString("%PDF-1.4\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .contentType("application/pdf");

        // when
        ApiResponse<UploadResponse> response = SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(request, null));

        // then
        UploadResponse created = response.getData();
        assertThat(created.getProduct().getVersion()).isEqualTo(1);
        assertThat(created.getProduct().getPrice()).isEqualByComparingTo("129.90");
        assertThat(created.getFile().getSize()).isEqualTo(9);
        assertThat(created.getProduct().getFiles()).containsExactly(created.getFile());
    }

    @Test
    void changesAProductAsItsNextVersion() {
        // given
        String productId = uniqueId();
        SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(newProduct(productId), null));

        // when
        ApiResponse<UploadResponse> changed = SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(new UploadRequest()
                .productData(new UploadRequestProductData().productId(productId).price(new BigDecimal("119.90"))
                        .expectedVersion(1)), null));

        // then
        assertThat(changed.getData().getProduct().getVersion()).isEqualTo(2);
        assertThat(changed.getData().getFile()).isNull();
    }

    @Test
    void namesEveryBadFieldWith400() {
        // given
        UploadRequest request = new UploadRequest().productData(new UploadRequestProductData()
                .productName("Drill").price(new BigDecimal("12.345")).currency("EURO"));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 400, () -> api.uploadWithHttpInfo(request, null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_REQUEST);
        assertThat(problem.getErrors()).extracting(ProblemErrorsInner::getField)
                .containsExactly("productData.currency", "productData.price");
    }

    @Test
    void refusesABodyThatIsNotJsonWith400() {
        // given
        ProductsApi notJson = new ProductsApi(SERVER.client(request -> request.POST(HttpRequest.BodyPublishers.ofString("{\"productData\":"))));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 400, () -> notJson.uploadWithHttpInfo(newProduct(null), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_MALFORMED_JSON);
        assertThat(problem.getErrors()).isNullOrEmpty();
    }

    @Test
    void refusesAChangeToAProductThatDoesNotExistWith404() {
        // given: a change without the fields a new product needs
        UploadRequest request = new UploadRequest().productData(new UploadRequestProductData()
                .productId(uniqueId()).description("quieter gears"));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 404, () -> api.uploadWithHttpInfo(request, null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_PRODUCT_NOT_FOUND);
    }

    @Test
    void answersAPathThatIsNoResourceWith404() {
        // given
        ProductsApi elsewhere = new ProductsApi(SERVER.client(request -> request.uri(SERVER.uri("/nothing-here"))));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 404, () -> elsewhere.uploadWithHttpInfo(newProduct(null), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_NOT_FOUND);
    }

    @Test
    void answersAnotherMethodWith405AndAllow() {
        // given
        ProductsApi get = new ProductsApi(SERVER.client(request -> request.method("GET", HttpRequest.BodyPublishers.noBody())));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 405, () -> get.uploadWithHttpInfo(newProduct(null), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_METHOD_NOT_ALLOWED);
    }

    @Test
    void refusesAStaleExpectedVersionWith409() {
        // given
        String productId = uniqueId();
        SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(newProduct(productId), null));
        SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(newProduct(productId), null));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 409, () -> api.uploadWithHttpInfo(new UploadRequest()
                .productData(new UploadRequestProductData().productId(productId).price(BigDecimal.ONE).expectedVersion(1)), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_VERSION_CONFLICT);
        assertThat(problem.getCurrentVersion()).isEqualTo(2L);
    }

    @Test
    void refusesTheHundredAndFirstFileWith409() throws Exception {
        // given
        String productId = uniqueId();
        SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(newProduct(productId), null));
        for (int i = 0; i < 100; i++) {
            // Filling the product is not what this test holds to the document: plain calls, no schema check each.
            api.upload(new UploadRequest().fileName("page-" + i + ".txt").fileData("cGFnZQ==")
                    .productData(new UploadRequestProductData().productId(productId)), null);
        }

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 409, () -> api.uploadWithHttpInfo(new UploadRequest()
                .fileName("one-too-many.txt").fileData("cGFnZQ==")
                .productData(new UploadRequestProductData().productId(productId)), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_FILE_LIMIT_EXCEEDED);
    }

    @Test
    void refusesAFileOverTheLimitWith413() {
        // given: the server takes 16 bytes of file
        UploadRequest request = newProduct(null).fileName("big.bin")
                .fileData(Base64.getEncoder().encodeToString(new byte[17]));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 413, () -> api.uploadWithHttpInfo(request, null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_PAYLOAD_TOO_LARGE);
    }

    @Test
    void refusesABodyNotDeclaredAsJsonWith415() {
        // given
        ProductsApi text = new ProductsApi(SERVER.client(request -> request.setHeader("Content-Type", "text/plain")));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 415, () -> text.uploadWithHttpInfo(newProduct(null), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void answersAFaultOfTheDeploymentWith500AndNoDetail() {
        // given: storage refuses access, as with a missing permission
        STORAGE.answer(StorageStub.Answer.ACCESS_DENIED);
        ProductsApi onFailingStorage = new ProductsApi(ON_FAILING_STORAGE.client());

        // when
        Problem problem = ON_FAILING_STORAGE.expectProblem(UPLOAD, 500,
                () -> onFailingStorage.uploadWithHttpInfo(newProduct(uniqueId()), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INTERNAL_ERROR);
        assertThat(problem.getDetail()).doesNotContain("AccessDenied", "storage stub");
    }

    @Test
    void answersAStoreWithNoRoomLeftWith507() {
        // given
        UploadRequest request = newProduct(null).fileName("a.txt")
                .fileData(Base64.getEncoder().encodeToString("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        // when
        Problem problem = FULL.expectProblem(UPLOAD, 507, () -> new ProductsApi(FULL.client()).uploadWithHttpInfo(request, null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INSUFFICIENT_STORAGE);
    }

    @Test
    void answersStorageThatIsDownWith503() {
        // given
        STORAGE.answer(StorageStub.Answer.DOWN);
        ProductsApi onFailingStorage = new ProductsApi(ON_FAILING_STORAGE.client());

        // when
        Problem problem = ON_FAILING_STORAGE.expectProblem(UPLOAD, 503,
                () -> onFailingStorage.uploadWithHttpInfo(newProduct(uniqueId()), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_BACKEND_UNAVAILABLE);
    }

    @Test
    void answersAWriteStorageCouldNotConfirmWith503OutcomeUnknown() {
        // given: the product table finds no product, then neither takes the write nor answers when asked about it
        STORAGE.answer(StorageStub.Answer.WRITES_UNCONFIRMED);
        ProductsApi onFailingStorage = new ProductsApi(ON_FAILING_STORAGE.client());

        // when
        Problem problem = ON_FAILING_STORAGE.expectProblem(UPLOAD, 503,
                () -> onFailingStorage.uploadWithHttpInfo(newProduct(uniqueId()), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_OUTCOME_UNKNOWN);
    }

    @Test
    void answersTheSameRequestWithTheSameIdempotencyKeyWithTheFirst201Again() {
        // given
        String key = UUID.randomUUID().toString();
        UploadRequest request = newProduct(uniqueId());
        ApiResponse<UploadResponse> first = SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(request, key));

        // when
        ApiResponse<UploadResponse> again = SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(request, key));

        // then
        assertThat(again.getData()).isEqualTo(first.getData());
        assertThat(again.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(first.getHeaders()).doesNotContainKey("idempotent-replayed");
    }

    @Test
    void refusesAnIdempotencyKeyUsedForAnotherRequestWith422() {
        // given
        String key = UUID.randomUUID().toString();
        SERVER.expect(UPLOAD, 201, () -> api.uploadWithHttpInfo(newProduct(uniqueId()), key));

        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 422, () -> api.uploadWithHttpInfo(newProduct(uniqueId()), key));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void refusesAnIdempotencyKeyThatIsTooLongWith400NamingIt() {
        // when
        Problem problem = SERVER.expectProblem(UPLOAD, 400,
                () -> api.uploadWithHttpInfo(newProduct(uniqueId()), "k".repeat(256)));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_REQUEST);
        assertThat(problem.getErrors()).extracting(ProblemErrorsInner::getField).containsExactly("Idempotency-Key");
    }

    @Test
    void answersWhileAnotherExecutionHoldsTheKeyWith409AndRetryAfter() {
        // given: another execution took the key for this very request and is still running
        String key = UUID.randomUUID().toString();
        String body = "{\"productData\":{\"productId\":\"" + uniqueId() + "\",\"productName\":\"Drill\",\"price\":1.00}}";
        Instant now = Instant.now();
        new FileSystemIdempotencyStore(DATA_DIR).claim(IdempotencyRecord.inProgress(IdempotentWrites.UNKNOWN_CALLER, key,
                IdempotentWrites.requestHash("POST", "/upload", Map.of(), body.getBytes(StandardCharsets.UTF_8)),
                "another-execution", now.plusSeconds(30)), now);
        ProductsApi sendingThatBody = new ProductsApi(ON_DISK.client(request ->
                request.POST(HttpRequest.BodyPublishers.ofString(body))));

        AtomicReference<java.net.http.HttpHeaders> headers = new AtomicReference<>();

        // when
        Problem problem = ON_DISK.expectProblem(UPLOAD, 409, () -> {
            try {
                return sendingThatBody.uploadWithHttpInfo(newProduct(null), key);
            } catch (ApiException refused) {
                headers.set(refused.getResponseHeaders());
                throw refused;
            }
        });

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_REQUEST_IN_PROGRESS);
        // The lease ends within 30 seconds, rounded up to a whole second as stores keep it.
        assertThat(Long.parseLong(headers.get().firstValue("Retry-After").orElseThrow())).isBetween(1L, 31L);
    }
}
