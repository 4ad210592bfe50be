package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.Problem;
import dev.productupload.entrypoint.contract.client.model.UploadTicket;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /products/{productId}/uploads} through the generated client, every documented status. */
class CreateUploadContractIT {

    private static final String CREATE = "createUpload";
    private static final byte[] BYTES = "a manual of many pages".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    @Order(1)
    static final ContractCoverage COVERAGE = ContractCoverage.of(CREATE);

    @RegisterExtension
    @Order(2)
    static final ContractServer SERVER = ContractServer.inMemory();

    private final ProductsApi api = new ProductsApi(SERVER.client());

    @Test
    void handsOutASignedPutOfTheServerItselfWith201() {
        // when
        UploadTicket ticket = SERVER.expect(CREATE, 201, () -> api.createUploadWithHttpInfo(ReadContract.uniqueId(),
                StagedContract.announce(BYTES), null)).getData();

        // then
        assertThat(ticket.getMethod()).isEqualTo(UploadTicket.MethodEnum.PUT);
        assertThat(ticket.getUrl().toString()).startsWith(SERVER.uri("/staged-uploads/").toString());
        assertThat(ticket.getHeaders()).containsKeys("content-type", "x-amz-checksum-crc32c", "if-none-match");
        assertThat(ticket.getExpiresAt()).isBetween(OffsetDateTime.now().plus(Duration.ofMinutes(14)),
                OffsetDateTime.now().plus(Duration.ofMinutes(16)));
    }

    @Test
    void refusesAChecksumOfTheWrongLengthWith400() {
        // given
        var request = StagedContract.announce(BYTES);
        request.getChecksum().setValue("AAAA");

        // when
        Problem problem = SERVER.expectProblem(CREATE, 400, () -> api.createUploadWithHttpInfo(ReadContract.uniqueId(),
                request, null));

        // then
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_PRODUCT_UPLOAD_PROBLEM_INVALID_REQUEST);
        assertThat(problem.getErrors()).extracting(error -> error.getField()).containsExactly("checksum.value");
    }
}
