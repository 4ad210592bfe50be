package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.ApiResponse;
import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.contract.client.model.Product;
import dev.productupload.entrypoint.contract.client.model.UploadResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /products/{productId}/versions/{version}} through the generated client, every documented status. */
class GetProductVersionContractIT {

    private static final String GET_VERSION = "getProductVersion";
    private static final StorageStub STORAGE = new StorageStub();

    @RegisterExtension
    @Order(1)
    static final ContractCoverage COVERAGE = ContractCoverage.of(GET_VERSION);

    @RegisterExtension
    @Order(2)
    static final ContractServer SERVER = ContractServer.inMemory();

    @RegisterExtension
    @Order(3)
    static final ContractServer ON_FAILING_STORAGE = ReadContract.onFailingStorage(STORAGE);

    private final ProductsApi api = new ProductsApi(SERVER.client());

    @Test
    void answersAnOlderVersionExactlyAsTheUploadReturnedItAs200() throws Exception {
        // given
        String productId = ReadContract.uniqueId();
        UploadResponse first = ReadContract.productWithVersions(api, productId, 2);

        // when
        ApiResponse<Product> response = SERVER.expect(GET_VERSION, 200, () -> api.getProductVersionWithHttpInfo(productId, 1));

        // then
        assertThat(response.getData()).isEqualTo(first.getProduct());
        assertThat(response.getData().getFiles().get(0).getVersionId()).isEqualTo(first.getFile().getVersionId());
    }

    @Test
    void refusesAVersionBelowOneWith400() {
        Problem problem = SERVER.expectProblem(GET_VERSION, 400, () -> api.getProductVersionWithHttpInfo("sku-1001", 0));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_REQUEST);
        assertThat(problem.getErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("version"));
    }

    @Test
    void answersAVersionThatWasNeverStoredWith404() throws Exception {
        String productId = ReadContract.uniqueId();
        ReadContract.productWithVersions(api, productId, 1);

        Problem problem = SERVER.expectProblem(GET_VERSION, 404, () -> api.getProductVersionWithHttpInfo(productId, 2));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_VERSION_NOT_FOUND);
    }

    @Test
    void answersAnUnknownProductWith404() {
        Problem problem = SERVER.expectProblem(GET_VERSION, 404,
                () -> api.getProductVersionWithHttpInfo(ReadContract.uniqueId(), 1));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_PRODUCT_NOT_FOUND);
    }

    @Test
    void answersAnotherMethodWith405() {
        ProductsApi post = new ProductsApi(SERVER.client(request -> request.method("POST", HttpRequest.BodyPublishers.noBody())));

        Problem problem = SERVER.expectProblem(GET_VERSION, 405, () -> post.getProductVersionWithHttpInfo("sku-1001", 1));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_METHOD_NOT_ALLOWED);
    }

    @Test
    void answersAFaultOfTheDeploymentWith500() {
        STORAGE.answer(StorageStub.Answer.ACCESS_DENIED);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(GET_VERSION, 500, () -> failing.getProductVersionWithHttpInfo("sku-1001", 1));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INTERNAL_ERROR);
    }

    @Test
    void answersStorageThatIsDownWith503() {
        STORAGE.answer(StorageStub.Answer.DOWN);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(GET_VERSION, 503, () -> failing.getProductVersionWithHttpInfo("sku-1001", 1));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_BACKEND_UNAVAILABLE);
    }
}
