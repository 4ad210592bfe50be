package dev.productupload.entrypoint.http;

import dev.productupload.adapters.local.FileSystemFileStorage;
import dev.productupload.adapters.local.FileSystemProductRepository;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the local stores cannot hold is answered for what it is: the request's fault, or a full store. */
class LocalStoreLimitsTest {

    private static final String PRODUCT = "\"productData\":{\"productName\":\"Lamp\",\"price\":1}";

    @TempDir
    Path dataDir;

    @Test
    void answersAFileNameTheDataFolderCannotHoldWith400NamingItAndStoresNothing() throws Exception {
        // given
        TestApi api = new TestApi(ApiSettings.defaults(), new FileSystemProductRepository(dataDir),
                new FileSystemFileStorage(dataDir));

        // when: 255 characters, as the contract allows, but 765 bytes in UTF-8
        HttpResponse response = api.post("{\"fileName\":\"" + "\u8aac".repeat(255) + "\",\"fileData\":\"aGVsbG8=\","
                + PRODUCT + "}");

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(TestApi.json(response).path("errors").get(0).path("field").asText()).isEqualTo("fileName");
        try (Stream<Path> stored = Files.walk(dataDir)) {
            assertThat(stored.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void answersAnInMemoryFileStoreAtItsCapWith507AndStoresNothing() {
        // given
        InMemoryFileStorage files = new InMemoryFileStorage(8);
        TestApi api = new TestApi(ApiSettings.defaults(), null, files);
        assertThat(api.post("{\"fileName\":\"a.txt\",\"fileData\":\"aGVsbG8=\"," + PRODUCT + "}").status()).isEqualTo(201);

        // when
        HttpResponse response = api.post("{\"fileName\":\"b.txt\",\"fileData\":\"aGVsbG8=\"," + PRODUCT + "}");

        // then
        assertThat(response.status()).isEqualTo(507);
        assertThat(TestApi.json(response).path("type").asText()).isEqualTo(Problem.INSUFFICIENT_STORAGE.type());
        assertThat(files.versionCount()).isEqualTo(1);
        assertThat(api.products.versionCount()).isEqualTo(1);
    }

    @Test
    void answersAnInMemoryProductStoreAtItsCapWith507AndTakesBackTheFile() {
        // given
        InMemoryProductRepository products = new InMemoryProductRepository(1);
        TestApi api = new TestApi(ApiSettings.defaults(), products, null);
        assertThat(api.post("{" + PRODUCT + "}").status()).isEqualTo(201);

        // when
        HttpResponse response = api.post("{\"fileName\":\"b.txt\",\"fileData\":\"aGVsbG8=\"," + PRODUCT + "}");

        // then
        assertThat(response.status()).isEqualTo(507);
        assertThat(products.versionCount()).isEqualTo(1);
        assertThat(api.files.versionCount()).isZero();
    }
}
