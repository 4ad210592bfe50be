package dev.productupload.adapters.aws.internal;

import dev.productupload.domain.model.Checksum;
import dev.productupload.domain.model.FileReference;
import dev.productupload.domain.model.Product;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

/**
 * The table's item layout, written out attribute by attribute (no reflection at start-up), and the mapping
 * between items and products. Empty maps and lists are left out of the item.
 */
public final class ProductItems {

    public static final String PARTITION_KEY = "productId";
    public static final String SORT_KEY = "version";

    private static final EnhancedType<Map<String, String>> STRING_MAP = EnhancedType.mapOf(String.class, String.class);

    private static final TableSchema<FileItem> FILE_SCHEMA = StaticTableSchema.builder(FileItem.class)
            .newItemSupplier(FileItem::new)
            .addAttribute(String.class, a -> a.name("fileId").getter(FileItem::getFileId).setter(FileItem::setFileId))
            .addAttribute(String.class, a -> a.name("key").getter(FileItem::getKey).setter(FileItem::setKey))
            .addAttribute(String.class, a -> a.name("versionId").getter(FileItem::getVersionId).setter(FileItem::setVersionId))
            .addAttribute(String.class, a -> a.name("fileName").getter(FileItem::getFileName).setter(FileItem::setFileName))
            .addAttribute(String.class, a -> a.name("contentType").getter(FileItem::getContentType).setter(FileItem::setContentType))
            .addAttribute(Long.class, a -> a.name("size").getter(FileItem::getSize).setter(FileItem::setSize))
            .addAttribute(STRING_MAP, a -> a.name("checksum").getter(FileItem::getChecksum).setter(FileItem::setChecksum))
            .addAttribute(String.class, a -> a.name("uploadedAt").getter(FileItem::getUploadedAt).setter(FileItem::setUploadedAt))
            .build();

    public static final TableSchema<ProductItem> SCHEMA = StaticTableSchema.builder(ProductItem.class)
            .newItemSupplier(ProductItem::new)
            .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(ProductItem::getProductId)
                    .setter(ProductItem::setProductId).tags(primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name(SORT_KEY).getter(ProductItem::getVersion)
                    .setter(ProductItem::setVersion).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("productName").getter(ProductItem::getProductName).setter(ProductItem::setProductName))
            .addAttribute(BigDecimal.class, a -> a.name("price").getter(ProductItem::getPrice).setter(ProductItem::setPrice))
            .addAttribute(String.class, a -> a.name("currency").getter(ProductItem::getCurrency).setter(ProductItem::setCurrency))
            .addAttribute(String.class, a -> a.name("description").getter(ProductItem::getDescription).setter(ProductItem::setDescription))
            .addAttribute(STRING_MAP, a -> a.name("attributes").getter(ProductItem::getAttributes).setter(ProductItem::setAttributes))
            .addAttribute(String.class, a -> a.name("createdAt").getter(ProductItem::getCreatedAt).setter(ProductItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(ProductItem::getUpdatedAt).setter(ProductItem::setUpdatedAt))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(FileItem.class, FILE_SCHEMA)),
                    a -> a.name("files").getter(ProductItem::getFiles).setter(ProductItem::setFiles))
            .build();

    private ProductItems() {
    }

    public static ProductItem toItem(Product product) {
        ProductItem item = new ProductItem();
        item.setProductId(product.productId());
        item.setVersion(product.version());
        item.setProductName(product.productName());
        item.setPrice(product.price());
        item.setCurrency(product.currency());
        item.setDescription(product.description());
        item.setAttributes(product.attributes().isEmpty() ? null : product.attributes());
        item.setCreatedAt(product.createdAt().toString());
        item.setUpdatedAt(product.updatedAt().toString());
        item.setFiles(product.files().isEmpty() ? null : product.files().stream().map(ProductItems::toItem).toList());
        return item;
    }

    public static Product toProduct(ProductItem item) {
        List<FileReference> files = item.getFiles() == null ? List.of()
                : item.getFiles().stream().map(ProductItems::toReference).toList();
        return new Product(item.getProductId(), item.getProductName(), item.getPrice(), item.getCurrency(),
                item.getDescription(), item.getAttributes(), item.getVersion(),
                Instant.parse(item.getCreatedAt()), Instant.parse(item.getUpdatedAt()), files);
    }

    private static FileItem toItem(FileReference file) {
        FileItem item = new FileItem();
        item.setFileId(file.fileId());
        item.setKey(file.key());
        item.setVersionId(file.versionId());
        item.setFileName(file.fileName());
        item.setContentType(file.contentType());
        item.setSize(file.size());
        item.setChecksum(Map.of("algorithm", file.checksum().algorithm(), "value", file.checksum().value()));
        item.setUploadedAt(file.uploadedAt().toString());
        return item;
    }

    private static FileReference toReference(FileItem item) {
        return new FileReference(item.getFileId(), item.getKey(), item.getVersionId(), item.getFileName(),
                item.getContentType(), item.getSize(),
                new Checksum(item.getChecksum().get("algorithm"), item.getChecksum().get("value")),
                Instant.parse(item.getUploadedAt()));
    }
}
