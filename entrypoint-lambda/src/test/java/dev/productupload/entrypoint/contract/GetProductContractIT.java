package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.ApiResponse;
import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.contract.client.model.Product;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /products/{productId}} through the generated client against the local server, every documented status. */
class GetProductContractIT {

    private static final String GET_PRODUCT = "getProduct";
    private static final StorageStub STORAGE = new StorageStub();

    @RegisterExtension
    @Order(1)
    static final ContractCoverage COVERAGE = ContractCoverage.of(GET_PRODUCT);

    @RegisterExtension
    @Order(2)
    static final ContractServer SERVER = ContractServer.inMemory();

    @RegisterExtension
    @Order(3)
    static final ContractServer ON_FAILING_STORAGE = ReadContract.onFailingStorage(STORAGE);

    private final ProductsApi api = new ProductsApi(SERVER.client());

    @Test
    void answersTheLatestVersionWithItsETagAs200() throws Exception {
        // given
        String productId = ReadContract.uniqueId();
        ReadContract.productWithVersions(api, productId, 2);

        // when
        ApiResponse<Product> response = SERVER.expect(GET_PRODUCT, 200, () -> api.getProductWithHttpInfo(productId, null));

        // then
        assertThat(response.getData().getVersion()).isEqualTo(2);
        assertThat(response.getData().getFiles()).hasSize(1);
        assertThat(response.getHeaders().get("etag")).containsExactly("\"2\"");
    }

    @Test
    void answersAnUnchangedVersionWith304() throws Exception {
        // given
        String productId = ReadContract.uniqueId();
        ReadContract.productWithVersions(api, productId, 1);

        // when
        var answer = SERVER.expectNoProblem(GET_PRODUCT, 304, () -> api.getProductWithHttpInfo(productId, "\"1\""));

        // then
        assertThat(answer.getResponseHeaders().firstValue("ETag")).hasValue("\"1\"");
        assertThat(answer.getResponseBody()).isNullOrEmpty();
    }

    @Test
    void refusesAnIdThatBreaksTheRulesWith400() {
        Problem problem = SERVER.expectProblem(GET_PRODUCT, 400, () -> api.getProductWithHttpInfo("-not-an-id", null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_REQUEST);
        assertThat(problem.getErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("productId"));
    }

    @Test
    void answersAnUnknownProductWith404() {
        Problem problem = SERVER.expectProblem(GET_PRODUCT, 404,
                () -> api.getProductWithHttpInfo(ReadContract.uniqueId(), null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_PRODUCT_NOT_FOUND);
    }

    @Test
    void answersAnotherMethodWith405() {
        ProductsApi delete = new ProductsApi(SERVER.client(request -> request.method("DELETE", HttpRequest.BodyPublishers.noBody())));

        Problem problem = SERVER.expectProblem(GET_PRODUCT, 405, () -> delete.getProductWithHttpInfo("sku-1001", null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_METHOD_NOT_ALLOWED);
    }

    @Test
    void answersAFaultOfTheDeploymentWith500() {
        STORAGE.answer(StorageStub.Answer.ACCESS_DENIED);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(GET_PRODUCT, 500, () -> failing.getProductWithHttpInfo("sku-1001", null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INTERNAL_ERROR);
    }

    @Test
    void answersStorageThatIsDownWith503() {
        STORAGE.answer(StorageStub.Answer.DOWN);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(GET_PRODUCT, 503, () -> failing.getProductWithHttpInfo("sku-1001", null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_BACKEND_UNAVAILABLE);
    }
}
