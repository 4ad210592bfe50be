package dev.productupload.adapters.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.productupload.domain.exception.BackendUnavailableException;
import dev.productupload.domain.port.out.ReferenceInventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the file references of every product version a {@link FileSystemProductRepository} keeps in the same
 * folder ({@code ROOT/products/PRODUCT_ID/VERSION.json}), {@code pageSize} version files a page, in path order.
 * Only {@code files[].key} and {@code files[].versionId} are read.
 */
public final class FileSystemReferenceInventory implements ReferenceInventory {

    private static final String BACKEND = "local product repository";
    private static final String SUFFIX = ".json";
    /** Product versions per page. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final Path products;
    private final int pageSize;
    private final ObjectMapper json = new ObjectMapper();

    /** @param root the data folder of the {@link FileSystemProductRepository} */
    public FileSystemReferenceInventory(Path root, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be 1 or more");
        }
        this.products = root.resolve("products").toAbsolutePath().normalize();
        this.pageSize = pageSize;
    }

    /** The token is the {@code PRODUCT_ID/VERSION.json} of the page's last version file. */
    @Override
    public Page list(String pageToken) {
        try (Stream<Path> walk = Files.walk(products, 2)) {
            List<String> names = walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(SUFFIX))
                    .map(path -> products.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/"))
                    .filter(name -> pageToken == null || name.compareTo(pageToken) > 0)
                    .sorted()
                    .limit(pageSize + 1L)
                    .toList();
            List<Reference> references = new ArrayList<>();
            for (String name : names.subList(0, Math.min(pageSize, names.size()))) {
                JsonNode product = json.readTree(products.resolve(name).toFile());
                for (JsonNode file : product.path("files")) {
                    references.add(new Reference(product.path("productId").asText(), product.path("version").asLong(),
                            file.path("key").asText(), file.path("versionId").asText()));
                }
            }
            return new Page(references, names.size() > pageSize ? names.get(pageSize - 1) : null);
        } catch (NoSuchFileException e) {
            return new Page(List.of(), null);
        } catch (IOException e) {
            throw new BackendUnavailableException(BACKEND, e);
        }
    }
}
