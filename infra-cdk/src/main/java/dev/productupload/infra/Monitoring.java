package dev.productupload.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.SystemErrorsForOperationsMetricOptions;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an operator watches: alarms on an encrypted SNS topic and a dashboard of the metrics themselves. Exposes
 * {@link #topic}, {@link #topicKey}, {@link #alarms}, {@link #dashboard}.
 */
final class Monitoring extends Construct {

    /** Alarms fire when the slowest invocation of 5 minutes used this share of the timeout. */
    static final double DURATION_SHARE_OF_TIMEOUT = 0.8;
    /** Alarms fire when concurrency reaches this share of the reserved concurrency. */
    static final double CONCURRENCY_SHARE_OF_RESERVED = 0.8;
    /** Share of requests answered 4xx, for 15 minutes, that is a surge rather than a client's bad day. */
    static final double CLIENT_ERROR_RATE = 0.10;
    static final List<Operation> TABLE_OPERATIONS = List.of(Operation.PUT_ITEM, Operation.QUERY, Operation.GET_ITEM);

    /**
     * What the monitoring watches and who hears it.
     *
     * @param storage     the key, bucket and table
     * @param function    the function and its alias
     * @param api         the REST API
     * @param alarmEmail  address subscribed to the topic, or null
     * @param reservedConcurrency the function's reserved concurrency, or null
     * @param removal     what happens to the topic's key when the stack is deleted
     */
    record Props(Storage storage, UploadFunction function, ProductApi api, String alarmEmail,
                 Integer reservedConcurrency, RemovalPolicy removal) {
    }

    final Key topicKey;
    final Topic topic;
    final List<Alarm> alarms = new ArrayList<>();
    final Dashboard dashboard;

    Monitoring(Construct scope, String id, Props props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        topicKey = Key.Builder.create(this, "TopicKey")
                .description("Encrypts the alarm topic of " + stack.getStackName())
                .enableKeyRotation(true)
                .policy(topicKeyPolicy(stack))
                .removalPolicy(props.removal())
                .build();
        topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName(stack.getStackName() + " alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        if (props.alarmEmail() != null) {
            topic.addSubscription(new EmailSubscription(props.alarmEmail()));
        }

        UploadFunction function = props.function();
        var api = props.api().rest;
        var table = props.storage().table;
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
        alarm("FunctionErrors", "The function failed (errors, not 4xx answers)",
                function.live.metricErrors(fiveMinutes), 1, 1);
        alarm("FunctionThrottles", "The function was throttled: concurrency reached its reserved limit",
                function.function.metricThrottles(fiveMinutes), 1, 1);
        double nearTimeout = UploadFunction.TIMEOUT.toMilliseconds().doubleValue() * DURATION_SHARE_OF_TIMEOUT;
        alarm("FunctionDurationNearTimeout", "An invocation took " + (int) (DURATION_SHARE_OF_TIMEOUT * 100)
                        + "% of the function's " + UploadFunction.TIMEOUT.toSeconds() + " s timeout",
                function.function.metricDuration(statistic("Maximum")), nearTimeout, 1);
        if (props.reservedConcurrency() != null) {
            alarm("FunctionConcurrencyNearLimit", "Concurrency reached " + (int) (CONCURRENCY_SHARE_OF_RESERVED * 100)
                            + "% of the reserved " + props.reservedConcurrency(),
                    concurrency(function), Math.ceil(props.reservedConcurrency() * CONCURRENCY_SHARE_OF_RESERVED), 1);
        }
        alarm("Api5xxRate", "At least 1% of API requests answered 5xx",
                api.metricServerError(statistic("Average")), 0.01, 1);
        alarm("Api4xxRate", "At least " + (int) (CLIENT_ERROR_RATE * 100) + "% of API requests answered 4xx for 15 "
                        + "minutes: a caller's credentials, a client release or an attack",
                api.metricClientError(statistic("Average")), CLIENT_ERROR_RATE, 3);
        alarm("ApiLatencyP99", "API p99 latency at or above 3 s for 15 minutes",
                api.metricLatency(statistic("p99")), 3000, 3);
        alarm("TableThrottles", "DynamoDB throttled requests to the product table",
                table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                        .operations(TABLE_OPERATIONS).period(Duration.minutes(5)).build()), 1, 1);
        alarm("TableSystemErrors", "DynamoDB answered the product table's requests with 500s",
                table.metricSystemErrorsForOperations(SystemErrorsForOperationsMetricOptions.builder()
                        .operations(TABLE_OPERATIONS).period(Duration.minutes(5)).build()), 1, 1);
        alarm("DataBucket5xx", "S3 answered requests to the data bucket with 5xx (request metrics)",
                bucket5xx(props.storage()), 5, 1);

        SnsAction notify = new SnsAction(topic);
        for (Alarm alarm : alarms) {
            alarm.addAlarmAction(notify);
            alarm.addOkAction(notify);
        }
        dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(stack.getStackName()).build();
        dashboard.addWidgets(widgets(props, function).toArray(IWidget[]::new));
    }

    /** Use restricted to CloudWatch alarms of this account publishing to the topic, and to SNS itself. */
    private static PolicyDocument topicKeyPolicy(Stack stack) {
        return PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create().sid("AdministerKeyThroughIam").effect(Effect.ALLOW)
                        .principals(List.of(new AccountRootPrincipal()))
                        .actions(Storage.KEY_ADMIN_ACTIONS).resources(List.of("*")).build(),
                // CloudWatch needs both to publish to an encrypted topic:
                // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
                PolicyStatement.Builder.create().sid("CloudWatchAlarmsPublish").effect(Effect.ALLOW)
                        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*")).resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
                        .build(),
                PolicyStatement.Builder.create().sid("UseThroughSns").effect(Effect.ALLOW)
                        .principals(List.of(new AccountRootPrincipal()))
                        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*")).resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of(
                                "kms:ViaService", "sns." + stack.getRegion() + ".amazonaws.com",
                                "kms:CallerAccount", stack.getAccount())))
                        .build()))
                .build();
    }

    private static MetricOptions statistic(String statistic) {
        return MetricOptions.builder().period(Duration.minutes(5)).statistic(statistic).build();
    }

    private static IMetric concurrency(UploadFunction function) {
        return function.function.metric("ConcurrentExecutions", statistic("Maximum"));
    }

    private static IMetric bucket5xx(Storage storage) {
        return Metric.Builder.create().namespace("AWS/S3").metricName("5xxErrors")
                .dimensionsMap(Map.of("BucketName", storage.dataBucket.getBucketName(),
                        "FilterId", Storage.REQUEST_METRICS_FILTER))
                .statistic("Sum").period(Duration.minutes(5)).build();
    }

    private void alarm(String id, String description, IMetric metric, double threshold, int periods) {
        alarms.add(Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    /** Requests, latency p50/p99, errors, throttles, concurrency and duration, then every alarm's state. */
    private List<IWidget> widgets(Props props, UploadFunction function) {
        var api = props.api().rest;
        var table = props.storage().table;
        List<IWidget> widgets = new ArrayList<>();
        widgets.add(graph("API requests", List.of(api.metricCount(statistic("Sum"))), List.of()));
        widgets.add(graph("API latency (ms)", List.of(
                api.metricLatency(statistic("p50")), api.metricLatency(statistic("p99")),
                api.metricIntegrationLatency(statistic("p50")), api.metricIntegrationLatency(statistic("p99"))),
                List.of()));
        widgets.add(graph("Errors", List.of(
                api.metricClientError(statistic("Sum")), api.metricServerError(statistic("Sum")),
                function.live.metricErrors(statistic("Sum")),
                table.metricSystemErrorsForOperations(SystemErrorsForOperationsMetricOptions.builder()
                        .operations(TABLE_OPERATIONS).period(Duration.minutes(5)).build()),
                bucket5xx(props.storage())), List.of()));
        widgets.add(graph("Throttles", List.of(
                function.function.metricThrottles(statistic("Sum")),
                table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                        .operations(TABLE_OPERATIONS).period(Duration.minutes(5)).build())), List.of()));
        List<HorizontalAnnotation> limit = props.reservedConcurrency() == null ? List.of()
                : List.of(HorizontalAnnotation.builder().value(props.reservedConcurrency())
                .label("reserved concurrency").build());
        widgets.add(graph("Function concurrency", List.of(concurrency(function)), limit));
        widgets.add(graph("Function duration (ms)", List.of(
                function.function.metricDuration(statistic("p50")), function.function.metricDuration(statistic("p99")),
                function.function.metricDuration(statistic("Maximum"))),
                List.of(HorizontalAnnotation.builder().value(UploadFunction.TIMEOUT.toMilliseconds())
                        .label("timeout").build())));
        widgets.add(AlarmStatusWidget.Builder.create().title("Alarms")
                .alarms(new ArrayList<IAlarm>(alarms)).width(24).build());
        return widgets;
    }

    private static GraphWidget graph(String title, List<IMetric> metrics, List<HorizontalAnnotation> annotations) {
        return GraphWidget.Builder.create().title(title).left(metrics).leftAnnotations(annotations).width(8).build();
    }
}
