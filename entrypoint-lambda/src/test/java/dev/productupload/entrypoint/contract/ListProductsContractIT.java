package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.ApiException;
import dev.productupload.entrypoint.contract.client.ApiResponse;
import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.contract.client.model.ProblemErrorsInner;
import dev.productupload.entrypoint.contract.client.model.Product;
import dev.productupload.entrypoint.contract.client.model.ProductPage;
import dev.productupload.entrypoint.contract.client.model.UploadRequest;
import dev.productupload.entrypoint.contract.client.model.UploadRequestProductData;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /products} through the generated client, every documented status. */
class ListProductsContractIT {

    private static final String LIST = "listProducts";
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

    private void upload(String productId, String price, String currency) throws ApiException {
        api.upload(new UploadRequest().productData(new UploadRequestProductData().productId(productId)
                .productName("Lamp").price(new BigDecimal(price)).currency(currency)), null);
    }

    @Test
    void pagesThroughACurrencysPriceRangeCheapestFirstAs200() throws Exception {
        // given: prices of this test only, and one product moved out of the range by its second version
        String a = ReadContract.uniqueId();
        String b = ReadContract.uniqueId();
        String c = ReadContract.uniqueId();
        upload(a, "810.50", "CHF");
        upload(b, "810.10", "CHF");
        upload(c, "810.30", "CHF");
        upload(a, "811.00", "CHF");
        upload(ReadContract.uniqueId(), "810.20", "USD");

        // when
        ApiResponse<ProductPage> first = SERVER.expect(LIST, 200,
                () -> api.listProductsWithHttpInfo("CHF", "810.00", "810.99", null, 1, null));
        ApiResponse<ProductPage> last = SERVER.expect(LIST, 200,
                () -> api.listProductsWithHttpInfo("CHF", "810.00", "810.99", null, 5, first.getData().getNextCursor()));

        // then
        assertThat(first.getData().getItems()).extracting(Product::getProductId).containsExactly(b);
        assertThat(last.getData().getItems()).extracting(Product::getProductId).containsExactly(c);
        assertThat(last.getData().getNextCursor()).isNull();
        assertThat(api.listProducts("CHF", "811", "811", null, null, null).getItems()).singleElement()
                .satisfies(moved -> assertThat(moved.getVersion()).isEqualTo(2));
    }

    @Test
    void listsWhatChangedSinceAnInstantAs200() throws Exception {
        // given
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        String changed = ReadContract.uniqueId();
        upload(changed, "5.00", "EUR");

        // when
        ProductPage page = SERVER.expect(LIST, 200,
                () -> api.listProductsWithHttpInfo(null, null, null, before, 100, null)).getData();
        ProductPage future = api.listProducts(null, null, null, OffsetDateTime.now().plusDays(1), null, null);

        // then
        assertThat(page.getItems()).extracting(Product::getProductId).contains(changed);
        assertThat(future.getItems()).isEmpty();
    }

    @Test
    void refusesAPriceRangeTheWrongWayRoundAndACursorOfOtherFiltersWith400() throws Exception {
        // given
        upload(ReadContract.uniqueId(), "1.00", "JPY");
        upload(ReadContract.uniqueId(), "2.00", "JPY");
        String cursor = api.listProducts("JPY", null, null, null, 1, null).getNextCursor();

        // when
        Problem range = SERVER.expectProblem(LIST, 400, () -> api.listProductsWithHttpInfo("JPY", "50.00", "10.00", null, null, null));
        Problem currency = SERVER.expectProblem(LIST, 400, () -> api.listProductsWithHttpInfo("XYZ", null, null, null, null, null));
        Problem foreign = SERVER.expectProblem(LIST, 400, () -> api.listProductsWithHttpInfo("EUR", null, null, null, 1, cursor));

        // then
        assertThat(range.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_REQUEST);
        assertThat(range.getErrors()).extracting(ProblemErrorsInner::getField).containsExactly("minPrice");
        assertThat(currency.getErrors()).extracting(ProblemErrorsInner::getField).containsExactly("currency");
        assertThat(foreign.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_CURSOR);
    }

    @Test
    void answersAnotherMethodWith405() {
        ProductsApi delete = new ProductsApi(SERVER.client(request -> request.method("DELETE", HttpRequest.BodyPublishers.noBody())));

        Problem problem = SERVER.expectProblem(LIST, 405, () -> delete.listProductsWithHttpInfo(null, null, null, null, null, null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_METHOD_NOT_ALLOWED);
    }

    @Test
    void answersAFaultOfTheDeploymentWith500() {
        STORAGE.answer(StorageStub.Answer.ACCESS_DENIED);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(LIST, 500,
                () -> failing.listProductsWithHttpInfo("EUR", null, null, null, null, null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INTERNAL_ERROR);
    }

    @Test
    void answersStorageThatIsDownWith503() {
        STORAGE.answer(StorageStub.Answer.DOWN);
        ProductsApi failing = new ProductsApi(ON_FAILING_STORAGE.client());

        Problem problem = ON_FAILING_STORAGE.expectProblem(LIST, 503,
                () -> failing.listProductsWithHttpInfo(null, null, null, null, null, null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_BACKEND_UNAVAILABLE);
    }
}
