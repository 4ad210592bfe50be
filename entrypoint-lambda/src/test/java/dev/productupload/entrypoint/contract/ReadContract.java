package dev.productupload.entrypoint.contract;

import dev.productupload.entrypoint.contract.client.ApiException;
import dev.productupload.entrypoint.contract.client.api.ProductsApi;
import dev.productupload.entrypoint.contract.client.model.UploadRequest;
import dev.productupload.entrypoint.contract.client.model.UploadRequestProductData;
import dev.productupload.entrypoint.contract.client.model.UploadResponse;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the read operations' contract tests share: a product to read, and servers whose storage only fails. */
final class ReadContract {

    private ReadContract() {
    }

    static String uniqueId() {
        return "sku-" + UUID.randomUUID();
    }

    /** The packaged server on its AWS backend, S3 and DynamoDB stood in for by a stub that only fails. */
    static ContractServer onFailingStorage(StorageStub storage) {
        return ContractServer.around(storage, ContractServer.process(
                List.of("--backend", "aws", "--region", "eu-west-1", "--bucket", "contract", "--table", "contract",
                        "--s3-endpoint", storage.endpoint(), "--dynamodb-endpoint", storage.endpoint()),
                Map.of("AWS_ACCESS_KEY_ID", "contract", "AWS_SECRET_ACCESS_KEY", "contract")));
    }

    /** Uploads {@code versions} versions of a new product, the first with a file; returns the first answer. */
    static UploadResponse productWithVersions(ProductsApi api, String productId, int versions) throws ApiException {
        UploadResponse first = api.upload(new UploadRequest().fileName("spec-sheet.pdf").fileData("JVBERi0xLjQK")
                .contentType("application/pdf").productData(new UploadRequestProductData().productId(productId)
                        .productName("Cordless Drill").price(new BigDecimal("129.90")).currency("EUR")), null);
        for (int version = 2; version <= versions; version++) {
            api.upload(new UploadRequest().productData(new UploadRequestProductData().productId(productId)
                    .price(new BigDecimal(version + ".00"))), null);
        }
        return first;
    }
}
