package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.ApiResponse;
import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.contract.client.model.Product;
import dev.productupload.entrypoint.contract.client.model.VersionPage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /products/{productId}/versions} through the generated client, every documented status. */
class ListProductVersionsContractIT {

    private static final String LIST = "listProductVersions";
    private static final StorageStub STORAGE = new StorageStub();

    @RegisterExtension
    @Order(1)
    static final ContractCoverage COVERAGE = ContractCoverage.of(LIST);

    @RegisterExtension
    @Order(2)
    static final ContractServer SERVER = ContractServer.inMemory();

    @RegisterExtension
    @Order(3)
    static final ContractServer ON_FAILING_STORAGE = ReadContract.onFailingStorage(STORAGE);

    private final ProductsApi api = new ProductsApi(SERVER.client());

    @Test
    void pagesThroughEveryVersionNewestFirstAs200() throws Exception {
        // given
        String productId = ReadContract.uniqueId();
        ReadContract.productWithVersions(api, productId, 3);

        // when
        ApiResponse<VersionPage> first = SERVER.expect(LIST, 200, () -> api.listProductVersionsWithHttpInfo(productId, 2, null));
        ApiResponse<VersionPage> last = SERVER.expect(LIST, 200,
                () -> api.listProductVersionsWithHttpInfo(productId, 2, first.getData().getNextCursor()));

        // then
        assertThat(first.getData().getItems()).extracting(Product::getVersion).containsExactly(3, 2);
        assertThat(last.getData().getItems()).extracting(Product::getVersion).containsExactly(1);
        assertThat(last.getData().getNextCursor()).isNull();
    }

    @Test
    void refusesACursorNotIssuedForThisProductWith400() throws Exception {
        // given
        String other = ReadContract.uniqueId();
        ReadContract.productWithVersions(api, other, 2);
        String productId = ReadContract.uniqueId();
        ReadContract.productWithVersions(api, productId, 2);
        String foreign = api.listProductVersions(other, 1, null).getNextCursor();

        // when
        Problem problem = SERVER.expectProblem(LIST, 400, () -> api.listProductVersionsWithHttpInfo(productId, 1, foreign));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_CURSOR);
    }

    @Test
    void refusesALimitOutsideTheRangeWith400() throws Exception {
        String productId = ReadContract.uniqueId();
        ReadContract.productWithVersions(api, productId, 1);

        Problem problem = SERVER.expectProblem(LIST, 400, () -> api.listProductVersionsWithHttpInfo(productId, 101, null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_REQUEST);
        assertThat(problem.getErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("limit"));
    }

    @Test
    void answersAnUnknownProductWith404() {
        Problem problem = SERVER.expectProblem(LIST, 404,
                () -> api.listProductVersionsWithHttpInfo(ReadContract.uniqueId(), null, null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_PRODUCT_NOT_FOUND);
    }

    @Test
    void answersAnotherMethodWith405() {
        ProductsApi put = new ProductsApi(SERVER.client(request -> request.method("PUT", HttpRequest.BodyPublishers.noBody())));

        Problem problem = SERVER.expectProblem(LIST, 405, () -> put.listProductVersionsWithHttpInfo("sku-1001", null, null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_METHOD_NOT_ALLOWED);
    }

    @Test
    void answersAFaultOfTheDeploymentWith500() {
        STORAGE.answer(StorageStub.Answer.ACCESS_DENIED);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(LIST, 500,
                () -> failing.listProductVersionsWithHttpInfo("sku-1001", null, null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INTERNAL_ERROR);
    }

    @Test
    void answersStorageThatIsDownWith503() {
        STORAGE.answer(StorageStub.Answer.DOWN);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(LIST, 503,
                () -> failing.listProductVersionsWithHttpInfo("sku-1001", null, null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_BACKEND_UNAVAILABLE);
    }
}
