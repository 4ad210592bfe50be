package dev.productupload.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The handler: its log group, its role, the function (the jar on {@code java25} with SnapStart, or the
 * custom-runtime package) and the {@code live} alias that API Gateway invokes. Exposes {@link #role},
 * {@link #function}, {@link #live}, {@link #logs}.
 */
final class UploadFunction extends Construct {

    /** The handler class and method in the deployable jar; the custom runtime's bootstrap gets it as {@code _HANDLER}. */
    static final String HANDLER = "dev.productupload.entrypoint.lambda.UploadHandler::handleRequest";
    /** CPU grows with memory, and 1 GiB gives the JVM and TLS a full share at low cost. */
    static final int MEMORY_MB = 1024;
    /** Below API Gateway's 29 s integration limit, above the SDK's 20 s call timeout. */
    static final Duration TIMEOUT = Duration.seconds(28);
    /** The function writes new file versions and hides them again with a delete marker when the save fails. */
    static final List<String> FILE_WRITE_ACTIONS = List.of("s3:PutObject", "s3:DeleteObject");
    /** A presigned GET of an exact file version is signed with the function's role. */
    static final List<String> FILE_READ_ACTIONS = List.of("s3:GetObjectVersion");
    /**
     * Completing a staged upload HEADs its key, which needs s3:GetObject
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html); only on file keys. The presigned PUT
     * is signed with the role and needs s3:PutObject, which {@link #FILE_WRITE_ACTIONS} already grants there.
     */
    static final List<String> STAGED_UPLOAD_CHECK_ACTIONS = List.of("s3:GetObject");
    /** Where staged (and inline) uploads put their files: products/{productId}/files/{fileId}/{fileName}. */
    static final String UPLOAD_KEYS = "products/*/files/*";
    static final List<String> TABLE_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:Query", "dynamodb:GetItem");
    /** The listing queries the product table's listing indexes, and only queries them. */
    static final List<String> INDEX_ACTIONS = List.of("dynamodb:Query");
    /** A lease is a conditional put, read back with a get, completed with a put, released with a conditional delete. */
    static final List<String> IDEMPOTENCY_TABLE_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:GetItem",
            "dynamodb:DeleteItem");
    /** S3 needs a data key to write an object and Decrypt to read one (and the bucket key). */
    static final List<String> KEY_ACTIONS_THROUGH_S3 = List.of("kms:GenerateDataKey", "kms:Decrypt");
    /** DynamoDB decrypts the table key with the caller's permission; it never needs Encrypt from the caller. */
    static final List<String> KEY_ACTIONS_THROUGH_DYNAMODB = List.of("kms:Decrypt");

    /**
     * What the function runs: the jar on the managed {@code java25} runtime (arm64, SnapStart), or the
     * custom-runtime package on {@code provided.al2023}, for the architecture it was built for (its name ends in
     * {@code -x86_64.zip} or {@code -arm64.zip}), without SnapStart, which OS-only runtimes do not have.
     */
    record Deployable(Path path, boolean customRuntime, Architecture architecture) {

        static Deployable managedJar(Path jar) {
            return new Deployable(jar, false, Architecture.ARM_64);
        }

        /** @throws IllegalArgumentException when the package's name does not say its architecture */
        static Deployable customRuntime(Path zip) {
            String name = zip.getFileName().toString();
            if (name.endsWith("-x86_64.zip")) {
                return new Deployable(zip, true, Architecture.X86_64);
            }
            if (name.endsWith("-arm64.zip")) {
                return new Deployable(zip, true, Architecture.ARM_64);
            }
            throw new IllegalArgumentException("custom-runtime package " + zip + " must end in -x86_64.zip or -arm64.zip, "
                    + "the architecture it was built for");
        }
    }

    /**
     * What a deployment chooses about the function.
     *
     * @param code                what the function runs
     * @param storage             what the function reads and writes
     * @param removal             what happens to its log group when the stack is deleted
     * @param logRetentionDays    retention of its log group
     * @param reservedConcurrency reserved concurrency, or null for none
     */
    record Props(Deployable code, Storage storage, RemovalPolicy removal, int logRetentionDays,
                 Integer reservedConcurrency) {

        Props(Path lambdaJar, Storage storage, RemovalPolicy removal, int logRetentionDays, Integer reservedConcurrency) {
            this(Deployable.managedJar(lambdaJar), storage, removal, logRetentionDays, reservedConcurrency);
        }
    }

    final LogGroup logs;
    final Role role;
    final Function function;
    final Alias live;

    UploadFunction(Construct scope, String id, Props props) {
        super(scope, id);
        Storage storage = props.storage();
        logs = LogGroup.Builder.create(this, "FunctionLogs")
                .retention(Retention.days(props.logRetentionDays()))
                .removalPolicy(props.removal())
                .build();
        Storage.keepLogicalId(logs, "FunctionLogsAE28C13D");
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("The upload function: files under products/, product items, its own logs and traces")
                .build();
        grantExactlyWhatTheHandlerUses(storage);

        Deployable code = props.code();
        Map<String, String> environment = new java.util.LinkedHashMap<>(Map.of(
                "BUCKET_NAME", storage.dataBucket.getBucketName(),
                "TABLE_NAME", storage.table.getTableName(),
                "IDEMPOTENCY_TABLE_NAME", storage.idempotencyTable.getTableName()));
        if (!code.customRuntime()) {
            // The package's bootstrap passes its own flags; the managed runtime takes them from here.
            environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        }
        function = Function.Builder.create(this, "Resource")
                .description("POST /upload and the product reads: stores and reads product versions and files")
                .runtime(code.customRuntime() ? Runtime.PROVIDED_AL2023 : Runtime.JAVA_25)
                .architecture(code.architecture())
                .handler(HANDLER)
                .code(Code.fromAsset(code.path().toString()))
                .memorySize(MEMORY_MB)
                .timeout(TIMEOUT)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE)
                .snapStart(code.customRuntime() ? null : SnapStartConf.ON_PUBLISHED_VERSIONS)
                .reservedConcurrentExecutions(props.reservedConcurrency())
                .environment(environment)
                .build();
        live = Alias.Builder.create(this, "LiveAlias")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build();
    }

    /**
     * Exactly what the handler does, each grant on one resource: write, hide and read file versions under
     * products/, check a staged upload's file under products/{@literal *}/files/, put, get and query items, query the listing indexes, take, complete and release Idempotency-Key leases, use the key only through S3 and DynamoDB, write its logs. Active tracing
     * adds X-Ray's PutTraceSegments and PutTelemetryRecords itself.
     */
    private void grantExactlyWhatTheHandlerUses(Storage storage) {
        String files = storage.dataBucket.arnForObjects(Storage.FILE_PREFIX);
        grant(FILE_WRITE_ACTIONS, files, null);
        grant(FILE_READ_ACTIONS, files, null);
        grant(STAGED_UPLOAD_CHECK_ACTIONS, storage.dataBucket.arnForObjects(UPLOAD_KEYS), null);
        // Granted on the table's ARN alone: Table.grant would add every action on index/* as well.
        grant(TABLE_ACTIONS, storage.table.getTableArn(), null);
        storage.listingIndexArns.forEach(index -> grant(INDEX_ACTIONS, index, null));
        storage.idempotencyTable.grant(role, IDEMPOTENCY_TABLE_ACTIONS.toArray(String[]::new));
        String region = Stack.of(this).getRegion();
        grant(KEY_ACTIONS_THROUGH_S3, storage.key.getKeyArn(),
                Map.of("StringEquals", Map.of("kms:ViaService", "s3." + region + ".amazonaws.com")));
        grant(KEY_ACTIONS_THROUGH_DYNAMODB, storage.key.getKeyArn(),
                Map.of("StringEquals", Map.of("kms:ViaService", "dynamodb." + region + ".amazonaws.com")));
        logs.grantWrite(role);
    }

    private void grant(List<String> actions, String resource, Map<String, ? extends Map<String, ?>> conditions) {
        GrantOnPrincipalOptions.Builder options = GrantOnPrincipalOptions.builder()
                .grantee(role).actions(actions).resourceArns(List.of(resource));
        if (conditions != null) {
            options.conditions(conditions);
        }
        Grant.addToPrincipal(options.build());
    }
}
