package dev.productupload.entrypoint.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.productupload.adapters.aws.AwsClients;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.domain.port.in.ReconcileCommand;
import dev.productupload.domain.port.in.ReconcileFilesUseCase;
import dev.productupload.domain.port.in.ReconcileReport;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.reconcile.AwsReconciler;
import dev.productupload.entrypoint.reconcile.ReconcileReportJson;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * The scheduled reconciler's handler, in the same jar as the API's: one run per invocation, over the bucket and
 * table of its environment ({@code BUCKET_NAME}, {@code TABLE_NAME}, {@code AWS_REGION}; optional {@code MIN_AGE}
 * as ISO-8601, default PT1H, {@code DRY_RUN}, {@code PAGE_SIZE}). An event may set {@code dryRun} and
 * {@code minAge} for one run. It logs the report as one JSON line and returns it; a run that finds dangling
 * references fails after reporting them, so the function's error alarm tells an operator.
 */
public final class ReconcileHandler implements RequestStreamHandler {

    static final String MIN_AGE = "MIN_AGE";
    static final String DRY_RUN = "DRY_RUN";
    static final String PAGE_SIZE = "PAGE_SIZE";

    private final ReconcileFilesUseCase reconciler;
    private final ReconcileCommand defaults;
    private final ObjectMapper json = ApiJson.mapper();

    /** Called by the Lambda runtime, once per execution environment. */
    public ReconcileHandler() {
        this(System.getenv(), AwsClients.lambdaCredentials());
    }

    ReconcileHandler(Map<String, String> environment, AwsCredentialsProvider credentials) {
        String pageSize = environment.get(PAGE_SIZE);
        this.reconciler = AwsReconciler.wire(AwsSettings.fromEnvironment(environment), credentials,
                pageSize == null ? AwsReconciler.DEFAULT_PAGE_SIZE : Integer.parseInt(pageSize));
        String minAge = environment.get(MIN_AGE);
        this.defaults = new ReconcileCommand(minAge == null ? ReconcileCommand.DEFAULT_MIN_AGE : Duration.parse(minAge),
                Boolean.parseBoolean(environment.get(DRY_RUN)), ReconcileCommand.DEFAULT_MAX_LISTED);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = input == null ? json.nullNode() : json.readTree(input);
        ReconcileReport report = reconciler.reconcile(commandFor(event == null ? json.nullNode() : event));
        ObjectNode body = ReconcileReportJson.of(report, json);
        ObjectNode line = json.createObjectNode();
        line.put("level", report.dangling().count() > 0 ? "ERROR" : "INFO");
        line.put("message", "reconciled");
        line.set("report", body);
        System.out.println(json.writeValueAsString(line));
        if (report.dangling().count() > 0) {
            // Lost data, for an operator: the failed invocation is what the reconciler's alarm counts.
            throw new IllegalStateException(report.dangling().count()
                    + " product file reference(s) name a version that does not exist; see the report logged before");
        }
        json.writeValue(output, body);
    }

    /** The environment's command, with what a scheduled or manual event overrides. */
    ReconcileCommand commandFor(JsonNode event) {
        Duration minAge = event.hasNonNull("minAge") ? Duration.parse(event.get("minAge").asText()) : defaults.minAge();
        boolean dryRun = event.hasNonNull("dryRun") ? event.get("dryRun").asBoolean() : defaults.dryRun();
        return new ReconcileCommand(minAge, dryRun, defaults.maxListed());
    }
}
