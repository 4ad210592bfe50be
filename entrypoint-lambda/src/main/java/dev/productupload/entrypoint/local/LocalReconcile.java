package dev.productupload.entrypoint.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.productupload.adapters.local.FileSystemFileInventory;
import dev.productupload.adapters.local.FileSystemReferenceInventory;
import dev.productupload.domain.port.in.ReconcileCommand;
import dev.productupload.domain.port.in.ReconcileFilesUseCase;
import dev.productupload.domain.port.in.ReconcileReport;
import dev.productupload.domain.service.ReconcileService;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.reconcile.AwsReconciler;
import dev.productupload.entrypoint.reconcile.ReconcileReportJson;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar ...-local.jar reconcile [--dry-run] [--min-age PT1H] [--page-size N] [--max-listed N]} with the
 * server's store options: {@code --backend disk --data-dir DIR} (or {@code --backend local --data-dir DIR}), or
 * {@code --backend aws ...}. Composition root of the reconcile subcommand; prints the report as JSON.
 */
final class LocalReconcile {

    static final String USAGE = String.join("\n",
            "usage: java -jar entrypoint-lambda-*-local.jar reconcile [options] --backend disk|aws [store options]",
            "  --dry-run                report what would be done, change nothing",
            "  --min-age DURATION       erase unreferenced versions stored this long before the run (default PT1H)",
            "  --page-size N            versions and product versions read per request (default 1000)",
            "  --max-listed N           keys named in each list of the report (default 100)",
            "  --backend disk --data-dir DIR, or --backend aws with --region, --bucket, --table and endpoints,",
            "  as for the server (see --help without reconcile).",
            "Exit status: 0 done, 1 dangling references found, 2 bad options.");

    private LocalReconcile() {
    }

    /** Runs one reconciliation; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        ReconcileCommand command;
        ReconcileFilesUseCase reconciler;
        try {
            boolean dryRun = false;
            Duration minAge = ReconcileCommand.DEFAULT_MIN_AGE;
            int pageSize = AwsReconciler.DEFAULT_PAGE_SIZE;
            int maxListed = ReconcileCommand.DEFAULT_MAX_LISTED;
            List<String> storeOptions = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String name = args.get(i);
                switch (name) {
                    case "--dry-run" -> dryRun = true;
                    case "--min-age" -> minAge = duration(value(args, ++i, name));
                    case "--page-size" -> pageSize = number(value(args, ++i, name), name);
                    case "--max-listed" -> maxListed = number(value(args, ++i, name), name);
                    case "--backend" -> {
                        String backend = value(args, ++i, name);
                        storeOptions.addAll(List.of(name, backend.equals("disk") ? "local" : backend));
                    }
                    default -> storeOptions.add(name);
                }
            }
            LocalServerOptions store = LocalServerOptions.parse(storeOptions);
            if (store.aws() == null && store.dataDir() == null) {
                throw new IllegalArgumentException("reconcile needs --backend disk --data-dir DIR or --backend aws");
            }
            // A mistyped folder would otherwise read as a store that is all clean.
            if (store.aws() == null && !java.nio.file.Files.isDirectory(store.dataDir())) {
                throw new IllegalArgumentException("--data-dir " + store.dataDir() + " is not a folder");
            }
            command = new ReconcileCommand(minAge, dryRun, maxListed);
            reconciler = store.aws() != null
                    ? AwsReconciler.wire(store.aws(), EnvironmentVariableCredentialsProvider.create(), pageSize)
                    : new ReconcileService(new FileSystemReferenceInventory(store.dataDir(), pageSize),
                    new FileSystemFileInventory(store.dataDir(), pageSize), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ReconcileReport report = reconciler.reconcile(command);
        ObjectMapper json = ApiJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        out.println(ReconcileReportJson.of(report, json).toPrettyString());
        return report.dangling().count() > 0 ? 1 : 0;
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("missing value after " + name);
        }
        return args.get(i);
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--min-age takes an ISO-8601 duration such as PT1H, not '" + value + "'");
        }
    }

    private static int number(String value, String name) {
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number of 1 or more, not '" + value + "'");
        }
    }
}
