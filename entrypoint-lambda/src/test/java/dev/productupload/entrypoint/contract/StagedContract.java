package dev.productupload.entrypoint.contract;

import dev.productupload.domain.model.Checksum;
import dev.productupload.entrypoint.contract.client.ApiException;
import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.CreateUploadRequest;
import dev.productupload.entrypoint.contract.client.model.CreateUploadRequestChecksum;
import dev.productupload.entrypoint.contract.client.model.UploadTicket;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the staged-upload contract tests share: announcing a file and sending it as the ticket says. */
final class StagedContract {

    private StagedContract() {
    }

    static CreateUploadRequest announce(byte[] bytes) {
        return new CreateUploadRequest().fileName("manual.pdf").contentType("application/pdf")
                .size((long) bytes.length).checksum(new CreateUploadRequestChecksum()
                        .algorithm(CreateUploadRequestChecksum.AlgorithmEnum.CRC32_C)
                        .value(Checksum.crc32c(bytes).value()));
    }

    static UploadTicket created(ProductsApi api, String productId, byte[] bytes) throws ApiException {
        return api.createUpload(productId, announce(bytes), null);
    }

    /** The client's PUT: the ticket's URL and headers, the bytes as the body. */
    static HttpResponse<String> put(UploadTicket ticket, byte[] bytes) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ticket.getUrl())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        ticket.getHeaders().forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
