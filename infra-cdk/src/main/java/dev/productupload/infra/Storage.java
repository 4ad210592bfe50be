package dev.productupload.infra;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.BucketMetrics;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where products and files live: one customer managed key, a versioned private data bucket with its access-log
 * bucket, the product table with its listing indexes and the table of keyed writes' records. Exposes {@link #key},
 * {@link #dataBucket}, {@link #accessLogBucket}, {@link #table}, {@link #listingIndexArns}, {@link #idempotencyTable}.
 */
final class Storage extends Construct {

    /**
     * What a deployment chooses about storage.
     *
     * @param removal               what happens to the data when the stack is deleted (default RETAIN)
     * @param noncurrentVersionDays days after which a replaced or deleted file version expires (default 90)
     * @param corsOrigins           origins that may GET and HEAD files from a browser (default none)
     * @param listingIndexes        how many of {@link #LISTING_INDEXES} the table has, in their order (default all)
     */
    record Props(RemovalPolicy removal, int noncurrentVersionDays, List<String> corsOrigins, int listingIndexes) {
        Props {
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    /** Filter id of the data bucket's request metrics (5xxErrors and the other S3 request metrics). */
    static final String REQUEST_METRICS_FILTER = "EntireBucket";
    /** The only prefix the function writes and reads under. */
    static final String FILE_PREFIX = "products/*";
    /** Key administration without use: no Encrypt, Decrypt, GenerateDataKey, ReEncrypt or CreateGrant. */
    static final List<String> KEY_ADMIN_ACTIONS = List.of(
            "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias", "kms:DescribeKey", "kms:EnableKey",
            "kms:DisableKey", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:RotateKeyOnDemand",
            "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListKeyRotations",
            "kms:ListGrants", "kms:RevokeGrant", "kms:ListResourceTags", "kms:TagResource", "kms:UntagResource",
            "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");
    /** What S3 asks KMS for on a caller's behalf: a data key to write an object, Decrypt to read one. */
    static final List<String> KEY_USE_THROUGH_S3 = List.of("kms:Decrypt", "kms:GenerateDataKey");
    /**
     * What DynamoDB asks KMS for on a caller's behalf, the key policy DynamoDB documents for customer managed keys:
     * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html
     */
    static final List<String> KEY_USE_THROUGH_DYNAMODB = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
            "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey");

    /** The idempotency table's key and TTL attribute, as the function's DynamoDB store writes them. */
    static final String IDEMPOTENCY_KEY = "id";
    static final String IDEMPOTENCY_EXPIRY = "expiresAt";

    /**
     * The listing indexes (name, partition key, sort key), exactly as the DynamoDB repository queries them
     * ({@code ListingIndexes} in adapters-aws, docs/adr/0013): sparse, over the products' head items only, every
     * attribute projected so a page needs no second read.
     */
    static final List<List<String>> LISTING_INDEXES = List.of(
            List.of("byProductId", "listShard", "productId"),
            List.of("byPrice", "priceShard", "priceKey"),
            List.of("byChange", "listShard", "changeKey"));

    final Key key;
    final Bucket accessLogBucket;
    final Bucket dataBucket;
    final Table table;
    /** The ARN of each listing index, in the order of {@link #LISTING_INDEXES}. */
    final List<String> listingIndexArns = new ArrayList<>();
    final Table idempotencyTable;

    Storage(Construct scope, String id, Props props) {
        super(scope, id);
        Stack stack = Stack.of(this);

        key = Key.Builder.create(this, "DataKey")
                .description("Encrypts the product files and the product table of " + stack.getStackName())
                .enableKeyRotation(true)
                .alias("alias/" + stack.getStackName())
                .policy(keyPolicy(stack))
                .removalPolicy(props.removal())
                .build();

        accessLogBucket = Bucket.Builder.create(this, "AccessLogBucket")
                // S3 server access logs can only be delivered to SSE-S3 buckets.
                .encryption(BucketEncryption.S3_MANAGED)
                .versioned(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("ExpireAccessLogs")
                        .expiration(Duration.days(365))
                        .noncurrentVersionExpiration(Duration.days(30))
                        .build()))
                .removalPolicy(props.removal())
                .build();

        Bucket.Builder data = Bucket.Builder.create(this, "DataBucket")
                .versioned(true)
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix("data-bucket/")
                .metrics(List.of(BucketMetrics.builder().id(REQUEST_METRICS_FILTER).build()))
                .lifecycleRules(List.of(
                        // A compensating delete leaves a delete marker over the only version of a unique key
                        // (docs/adr/0006): the version expires as noncurrent, then the marker is expired too.
                        LifecycleRule.builder().id("ExpireReplacedVersions")
                                .noncurrentVersionExpiration(Duration.days(props.noncurrentVersionDays()))
                                .expiredObjectDeleteMarker(true)
                                .build(),
                        LifecycleRule.builder().id("AbortIncompleteUploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(7)).build()))
                .removalPolicy(props.removal());
        if (!props.corsOrigins().isEmpty()) {
            data.cors(List.of(CorsRule.builder()
                    .allowedOrigins(props.corsOrigins())
                    .allowedMethods(List.of(HttpMethods.GET, HttpMethods.HEAD))
                    .maxAge(3600)
                    .build()));
        }
        dataBucket = data.build();

        table = Table.Builder.create(this, "ProductTable")
                .partitionKey(Attribute.builder().name("productId").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("version").type(AttributeType.NUMBER).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(props.removal() == RemovalPolicy.RETAIN)
                .removalPolicy(props.removal())
                .build();
        for (List<String> index : LISTING_INDEXES.subList(0, props.listingIndexes())) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(index.get(0))
                    .partitionKey(Attribute.builder().name(index.get(1)).type(AttributeType.STRING).build())
                    .sortKey(Attribute.builder().name(index.get(2)).type(AttributeType.STRING).build())
                    .projectionType(ProjectionType.ALL)
                    .build());
            listingIndexArns.add(table.getTableArn() + "/index/" + index.get(0));
        }

        // One item per caller and Idempotency-Key, for 24 hours: TTL on expiresAt (epoch seconds) deletes it within
        // days of expiry, and the function treats an expired item as absent until then (docs/adr/0007).
        idempotencyTable = Table.Builder.create(this, "IdempotencyTable")
                .partitionKey(Attribute.builder().name(IDEMPOTENCY_KEY).type(AttributeType.STRING).build())
                .timeToLiveAttribute(IDEMPOTENCY_EXPIRY)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(props.removal() == RemovalPolicy.RETAIN)
                .removalPolicy(props.removal())
                .build();

        // The stateful resources keep the logical ids they had before the stack was split into constructs, so an
        // update never replaces (and, retained, orphans) the key, the buckets or the table.
        keepLogicalId(key, "DataKey17AFBB84");
        keepLogicalId(accessLogBucket, "AccessLogBucketDA470295");
        keepLogicalId(dataBucket, "DataBucketE3889A50");
        keepLogicalId(table, "ProductTableB8D4E9ED");
    }

    /**
     * Administration and use kept apart: the account's IAM policies may administer the key but not use it; use is
     * only through S3 and DynamoDB ({@code kms:ViaService}) and only by callers of this account
     * ({@code kms:CallerAccount}); https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
     */
    private static PolicyDocument keyPolicy(Stack stack) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatement.Builder.create().sid("AdministerKeyThroughIam").effect(Effect.ALLOW)
                .principals(List.of(new AccountRootPrincipal()))
                .actions(KEY_ADMIN_ACTIONS)
                .resources(List.of("*")).build());
        statements.add(useThrough(stack, "UseThroughS3", "s3", KEY_USE_THROUGH_S3));
        statements.add(useThrough(stack, "UseThroughDynamoDb", "dynamodb", KEY_USE_THROUGH_DYNAMODB));
        return PolicyDocument.Builder.create().statements(statements).build();
    }

    private static PolicyStatement useThrough(Stack stack, String sid, String service, List<String> actions) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW)
                .principals(List.of(new AccountRootPrincipal()))
                .actions(actions)
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of(
                        "kms:ViaService", service + "." + stack.getRegion() + ".amazonaws.com",
                        "kms:CallerAccount", stack.getAccount())))
                .build();
    }

    static void keepLogicalId(IConstruct construct, String logicalId) {
        ((CfnResource) construct.getNode().getDefaultChild()).overrideLogicalId(logicalId);
    }
}
