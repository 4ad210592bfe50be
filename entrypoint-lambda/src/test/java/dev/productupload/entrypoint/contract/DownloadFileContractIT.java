package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.contract.client.model.UploadResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /products/{productId}/files/{fileId}} through the generated client, every documented status. */
class DownloadFileContractIT {

    private static final String DOWNLOAD = "downloadFile";
    private static final StorageStub STORAGE = new StorageStub();

    @RegisterExtension
    @Order(1)
    static final ContractCoverage COVERAGE = ContractCoverage.of(DOWNLOAD);

    @RegisterExtension
    @Order(2)
    static final ContractServer SERVER = ContractServer.inMemory();

    @RegisterExtension
    @Order(3)
    static final ContractServer ON_FAILING_STORAGE = ReadContract.onFailingStorage(STORAGE);

    private final ProductsApi api = new ProductsApi(SERVER.client());

    @Test
    void redirectsToALinkThatServesTheStoredBytesAs307() throws Exception {
        // given
        String productId = ReadContract.uniqueId();
        UploadResponse uploaded = ReadContract.productWithVersions(api, productId, 1);

        // when
        var redirect = SERVER.expectNoProblem(DOWNLOAD, 307,
                () -> api.downloadFileWithHttpInfo(productId, uploaded.getFile().getFileId()));
        String location = redirect.getResponseHeaders().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> bytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(SERVER.uri(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // then
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(Base64.getDecoder().decode("JVBERi0xLjQK"));
        assertThat(bytes.headers().firstValue("Content-Type")).hasValue("application/pdf");
    }

    @Test
    void refusesAnIdThatBreaksTheRulesWith400() {
        Problem problem = SERVER.expectProblem(DOWNLOAD, 400, () -> api.downloadFileWithHttpInfo("-bad", "f-1"));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_REQUEST);
    }

    @Test
    void answersAnUnknownFileWith404() throws Exception {
        String productId = ReadContract.uniqueId();
        ReadContract.productWithVersions(api, productId, 1);

        Problem problem = SERVER.expectProblem(DOWNLOAD, 404, () -> api.downloadFileWithHttpInfo(productId, "no-such-file"));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_FILE_NOT_FOUND);
    }

    @Test
    void answersAnUnknownProductWith404() {
        Problem problem = SERVER.expectProblem(DOWNLOAD, 404, () -> api.downloadFileWithHttpInfo(ReadContract.uniqueId(), "f-1"));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_PRODUCT_NOT_FOUND);
    }

    @Test
    void answersAnotherMethodWith405() {
        ProductsApi delete = new ProductsApi(SERVER.client(request -> request.method("DELETE", HttpRequest.BodyPublishers.noBody())));

        Problem problem = SERVER.expectProblem(DOWNLOAD, 405, () -> delete.downloadFileWithHttpInfo("sku-1001", "f-1"));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_METHOD_NOT_ALLOWED);
    }

    @Test
    void answersAFaultOfTheDeploymentWith500() {
        STORAGE.answer(StorageStub.Answer.ACCESS_DENIED);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(DOWNLOAD, 500, () -> failing.downloadFileWithHttpInfo("sku-1001", "f-1"));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INTERNAL_ERROR);
    }

    @Test
    void answersStorageThatIsDownWith503() {
        STORAGE.answer(StorageStub.Answer.DOWN);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(DOWNLOAD, 503, () -> failing.downloadFileWithHttpInfo("sku-1001", "f-1"));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_BACKEND_UNAVAILABLE);
    }
}
