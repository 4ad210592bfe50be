package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.CompleteUploadRequest;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.contract.client.model.UploadRequestProductData;
import dev.productupload.entrypoint.contract.client.model.UploadResponse;
import dev.productupload.entrypoint.contract.client.model.UploadTicket;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /products/{productId}/uploads/{uploadId}/complete} through the generated client, every documented status. */
class CompleteUploadContractIT {

    private static final String COMPLETE = "completeUpload";
    private static final byte[] BYTES = new byte[64 * 1024];

    static {
        new Random(5).nextBytes(BYTES);
    }

    @RegisterExtension
    @Order(1)
    static final ContractCoverage COVERAGE = ContractCoverage.of(COMPLETE);

    @RegisterExtension
    @Order(2)
    static final ContractServer SERVER = ContractServer.inMemory();

    private final ProductsApi api = new ProductsApi(SERVER.client());

    private static CompleteUploadRequest newProduct() {
        return new CompleteUploadRequest().productData(new UploadRequestProductData().productName("Drill")
                .price(new BigDecimal("129.90")).currency("EUR"));
    }

    @Test
    void recordsTheSentFileAsANewProductThatDownloadsByteIdenticalWith201() throws Exception {
        // given
        String productId = ReadContract.uniqueId();
        UploadTicket ticket = StagedContract.created(api, productId, BYTES);
        assertThat(StagedContract.put(ticket, BYTES).statusCode()).isEqualTo(200);

        // when
        UploadResponse completed = SERVER.expect(COMPLETE, 201,
                () -> api.completeUploadWithHttpInfo(productId, ticket.getUploadId(), newProduct(), null)).getData();

        // then
        assertThat(completed.getProduct().getVersion()).isEqualTo(1);
        assertThat(completed.getFile().getSize()).isEqualTo(BYTES.length);
        String location = "/products/" + productId + "/files/" + completed.getFile().getFileId();
        HttpResponse<byte[]> download = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(SERVER.uri(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(BYTES);
    }

    @Test
    void answersTheFirstVersionAgainWhenCompletedTwice() throws Exception {
        // given
        String productId = ReadContract.uniqueId();
        UploadTicket ticket = StagedContract.created(api, productId, BYTES);
        StagedContract.put(ticket, BYTES);
        UploadResponse first = api.completeUpload(productId, ticket.getUploadId(), newProduct(), null);

        // when
        UploadResponse again = SERVER.expect(COMPLETE, 201,
                () -> api.completeUploadWithHttpInfo(productId, ticket.getUploadId(), new CompleteUploadRequest(), null))
                .getData();

        // then
        assertThat(again.getProduct()).isEqualTo(first.getProduct());
        assertThat(api.getProduct(productId, null).getVersion()).isEqualTo(1);
    }

    @Test
    void answersAnUnknownUploadWith404() {
        Problem problem = SERVER.expectProblem(COMPLETE, 404,
                () -> api.completeUploadWithHttpInfo(ReadContract.uniqueId(), "no-such-upload", newProduct(), null));

        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_UPLOAD_NOT_FOUND);
    }

    @Test
    void answersAnUploadWhoseFileWasNeverSentWith409() throws Exception {
        // given
        String productId = ReadContract.uniqueId();
        UploadTicket ticket = StagedContract.created(api, productId, BYTES);

        // when
        Problem problem = SERVER.expectProblem(COMPLETE, 409,
                () -> api.completeUploadWithHttpInfo(productId, ticket.getUploadId(), newProduct(), null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_UPLOAD_INCOMPLETE);
    }
}
