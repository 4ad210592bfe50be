package dev.productupload.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The reconciler (docs/adr/0008): a second function from the same jar, run by a schedule rule, with a role of its
 * own that may erase file versions and do nothing else, and an alarm when a run fails. Exposes {@link #role},
 * {@link #function}, {@link #logs}, {@link #schedule}, {@link #failed}.
 */
final class ReconcileFunction extends Construct {

    static final String HANDLER = "dev.productupload.entrypoint.lambda.ReconcileHandler::handleRequest";
    /** Daily; a run that fails is done again by the next one. */
    static final String DEFAULT_SCHEDULE = "rate(1 day)";
    /** Far above the upload function's 28 s timeout, the longest an upload's two writes can be apart. */
    static final String DEFAULT_MIN_AGE = "PT1H";
    /** Lambda's longest: about a million versions at S3's 1000 a page, with time to erase the orphans. */
    static final Duration TIMEOUT = Duration.minutes(15);
    static final int MEMORY_MB = 1024;
    /** ListObjectVersions (of products/, and of one key before it is reported missing) is authorized by s3:ListBucketVersions, on the bucket (docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html). */
    static final List<String> BUCKET_ACTIONS = List.of("s3:ListBucketVersions");
    /** Erasing a version or a delete marker: DeleteObject with a version id needs s3:DeleteObjectVersion. */
    static final List<String> FILE_ACTIONS = List.of("s3:DeleteObjectVersion");
    /** Scan reads every item; a stale head is repaired by a Query of the newest version and a conditional PutItem. */
    static final List<String> TABLE_ACTIONS = List.of("dynamodb:Scan", "dynamodb:Query", "dynamodb:PutItem");
    /** Reading the table decrypts its key through DynamoDB; S3 lists and deletes without the key. */
    static final List<String> KEY_ACTIONS_THROUGH_DYNAMODB = List.of("kms:Decrypt");

    /**
     * What a deployment chooses about the reconciler.
     *
     * @param lambdaJar        the deployable jar, the API function's
     * @param storage          the bucket and the table it compares
     * @param alarmTopic       where its failure alarm goes
     * @param removal          what happens to its log group when the stack is deleted
     * @param logRetentionDays retention of its log group
     * @param schedule         an EventBridge schedule expression, {@link #DEFAULT_SCHEDULE} by default
     * @param minAge           ISO-8601 minimum age of a version it erases, {@link #DEFAULT_MIN_AGE} by default
     */
    record Props(Path lambdaJar, Storage storage, ITopic alarmTopic, RemovalPolicy removal, int logRetentionDays,
                 String schedule, String minAge) {
    }

    final LogGroup logs;
    final Role role;
    final Function function;
    final Rule schedule;
    final Alarm failed;

    ReconcileFunction(Construct scope, String id, Props props) {
        super(scope, id);
        Storage storage = props.storage();
        logs = LogGroup.Builder.create(this, "Logs")
                .retention(Retention.days(props.logRetentionDays()))
                .removalPolicy(props.removal())
                .build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("The reconciler: lists file versions under products/, erases unreferenced ones, reads the "
                        + "product table and repairs its latest-version heads")
                .build();
        String region = Stack.of(this).getRegion();
        grant(BUCKET_ACTIONS, storage.dataBucket.getBucketArn(),
                Map.of("StringLike", Map.of("s3:prefix", Storage.FILE_PREFIX)));
        grant(FILE_ACTIONS, storage.dataBucket.arnForObjects(Storage.FILE_PREFIX), null);
        // Granted on the table's ARN alone: Table.grant would add every action on index/* as well.
        grant(TABLE_ACTIONS, storage.table.getTableArn(), null);
        grant(KEY_ACTIONS_THROUGH_DYNAMODB, storage.key.getKeyArn(),
                Map.of("StringEquals", Map.of("kms:ViaService", "dynamodb." + region + ".amazonaws.com")));
        logs.grantWrite(role);

        function = Function.Builder.create(this, "Resource")
                .description("Reconciles the data bucket with the product table (ADR 8): erases unreferenced file "
                        + "versions, restores hidden referenced ones, reports dangling references")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(Code.fromAsset(props.lambdaJar().toString()))
                .memorySize(MEMORY_MB)
                .timeout(TIMEOUT)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE)
                // One run at a time, and no automatic retry: the alarm tells, the next scheduled run redoes it all.
                .reservedConcurrentExecutions(1)
                .retryAttempts(0)
                .environment(Map.of(
                        "BUCKET_NAME", storage.dataBucket.getBucketName(),
                        "TABLE_NAME", storage.table.getTableName(),
                        "MIN_AGE", props.minAge(),
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
                .build();

        schedule = Rule.Builder.create(this, "Schedule")
                .description("Runs the reconciler")
                .schedule(Schedule.expression(props.schedule()))
                .targets(List.of(new LambdaFunction(function)))
                .build();

        failed = Alarm.Builder.create(this, "Failed")
                .alarmDescription("A reconciler run failed: a store could not be read, or product versions reference "
                        + "file versions that do not exist (see the run's report in its log group)")
                .metric(function.metricErrors(MetricOptions.builder().period(Duration.hours(1)).statistic("Sum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        SnsAction notify = new SnsAction(props.alarmTopic());
        failed.addAlarmAction(notify);
        failed.addOkAction(notify);
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
