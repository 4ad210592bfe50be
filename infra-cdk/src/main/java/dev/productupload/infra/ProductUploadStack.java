package dev.productupload.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

import java.nio.file.Path;

/**
 * The whole service, composed of five constructs: {@link Storage} (key, buckets, table), {@link UploadFunction}
 * (role, function, live alias), {@link ProductApi} (REST API, logs, web ACL), {@link Monitoring} (alarms,
 * topic, dashboard) and {@link ReconcileFunction} (the scheduled reconciler, its role and alarm).
 */
public final class ProductUploadStack extends Stack {

    /** The handler class and method in the deployable jar. */
    public static final String HANDLER = UploadFunction.HANDLER;
    /** Memory of the function. */
    public static final int MEMORY_MB = UploadFunction.MEMORY_MB;

    final Storage storage;
    final UploadFunction function;
    final ProductApi api;
    final Monitoring monitoring;
    final ReconcileFunction reconciler;

    public ProductUploadStack(Construct scope, String id, StackProps props, Path lambdaJar, StackSettings settings) {
        this(scope, id, props, lambdaJar, UploadFunction.Deployable.managedJar(lambdaJar), settings);
    }

    /** The stack whose API function runs {@code functionCode}; the reconciler always runs the jar. */
    ProductUploadStack(Construct scope, String id, StackProps props, Path lambdaJar,
                       UploadFunction.Deployable functionCode, StackSettings settings) {
        super(scope, id, props);
        RemovalPolicy removal = settings.destroyOnDelete() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

        storage = new Storage(this, "Storage", new Storage.Props(removal, settings.noncurrentVersionDays(),
                settings.corsOrigins(), settings.listingIndexes()));
        function = new UploadFunction(this, "UploadFunction", new UploadFunction.Props(functionCode, storage, removal,
                settings.logRetentionDays(), settings.reservedConcurrency()));
        api = new ProductApi(this, "Api", new ProductApi.Props(function.live, settings.iamAuth(),
                settings.throttleRate(), settings.throttleBurst(), settings.executionLogLevel(),
                settings.logRetentionDays(), settings.accessLogRetentionDays(), removal, settings.webAclArn(),
                settings.wafRateLimit()));
        monitoring = new Monitoring(this, "Monitoring", new Monitoring.Props(storage, function, api,
                settings.alarmEmail(), settings.reservedConcurrency(), removal));
        reconciler = new ReconcileFunction(this, "Reconciler", new ReconcileFunction.Props(lambdaJar, storage,
                monitoring.topic, removal, settings.logRetentionDays(), ReconcileFunction.DEFAULT_SCHEDULE,
                ReconcileFunction.DEFAULT_MIN_AGE));

        CfnOutput.Builder.create(this, "UploadUrl").description("POST products and files here")
                .value(api.rest.urlForPath("/upload")).build();
        CfnOutput.Builder.create(this, "ApiUrl").description("Base of every route: /upload, /products/{productId}")
                .value(api.rest.getUrl()).build();
        CfnOutput.Builder.create(this, "FunctionArn").value(function.function.getFunctionArn()).build();
        CfnOutput.Builder.create(this, "LiveAliasArn").value(function.live.getFunctionArn()).build();
        CfnOutput.Builder.create(this, "BucketName").value(storage.dataBucket.getBucketName()).build();
        CfnOutput.Builder.create(this, "TableName").value(storage.table.getTableName()).build();
        CfnOutput.Builder.create(this, "IdempotencyTableName").value(storage.idempotencyTable.getTableName()).build();

        NagSuppressionsForStack.apply(this, settings);
    }
}
