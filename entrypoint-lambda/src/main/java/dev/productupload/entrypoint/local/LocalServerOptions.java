package dev.productupload.entrypoint.local;

import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.service.StagedUploadService;
import dev.productupload.entrypoint.http.ApiSettings;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Command-line options of the local server. {@code aws} is null for the local backend (in memory, or on disk
 * with {@code --data-dir}); with {@code --backend aws} it says where the AWS adapters store.
 */
public record LocalServerOptions(int port, Path dataDir, ApiSettings settings, AwsSettings aws,
                                 boolean createResources, MemoryCaps memory, StagedUploadService.Limits stagedLimits) {

    /** How much the in-memory stores hold (without {@code --data-dir}): past it an upload is answered 507. */
    public record MemoryCaps(long fileBytes, int productVersions) {

        public static MemoryCaps defaults() {
            return new MemoryCaps(InMemoryFileStorage.DEFAULT_MAX_BYTES, InMemoryProductRepository.DEFAULT_MAX_VERSIONS);
        }
    }

    public static final String USAGE = String.join("\n",
            "usage: java -jar entrypoint-lambda-*-local.jar [options]",
            "  --port N                 port on localhost (default 8080; 0 picks a free one)",
            "  --max-file-bytes N       largest file accepted (default 4194304)",
            "  --max-staged-file-bytes N  largest file of a staged upload (default " + StagedUploadService.MAX_SIZE + ")",
            "  --data-dir DIR           keep products and files on disk (local backend)",
            "  --memory-file-bytes N    in memory: the most file bytes held (default " + InMemoryFileStorage.DEFAULT_MAX_BYTES + ")",
            "  --memory-versions N      in memory: the most product versions held (default "
                    + InMemoryProductRepository.DEFAULT_MAX_VERSIONS + ")",
            "  --backend local|aws      where to store (default local: in memory or --data-dir)",
            "  --region REGION          with --backend aws (default: $AWS_REGION)",
            "  --bucket NAME            with --backend aws: the versioned bucket for files",
            "  --table NAME             with --backend aws: the product table (keyed writes' records in NAME-idempotency)",
            "  --s3-endpoint URL        with --backend aws: an S3-compatible server instead of AWS",
            "  --dynamodb-endpoint URL  with --backend aws: a DynamoDB-compatible server instead of AWS",
            "  --create-resources       with --backend aws: create the bucket and tables if missing",
            "Credentials for --backend aws come from the usual AWS environment variables.",
            "usage: java -jar entrypoint-lambda-*-local.jar reconcile --help   (take back files no product references)");

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets)
    private static final Pattern BUCKET = Pattern.compile("^(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
    private static final Pattern TABLE = Pattern.compile("^[A-Za-z0-9_.-]{3,255}$");
    private static final Pattern REGION = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    /**
     * Reads the options; a bad one, or two that do not go together, is an {@link IllegalArgumentException} whose
     * message is one line naming the option.
     */
    public static LocalServerOptions parse(List<String> args) {
        int port = 8080;
        Path dataDir = null;
        ApiSettings settings = ApiSettings.defaults();
        String backend = "local";
        String region = System.getenv(AwsSettings.REGION);
        String bucket = null;
        String table = null;
        URI s3Endpoint = null;
        URI dynamoDbEndpoint = null;
        boolean createResources = false;
        MemoryCaps memory = MemoryCaps.defaults();
        StagedUploadService.Limits staged = StagedUploadService.Limits.defaults();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--create-resources")) {
                createResources = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args.get(++i);
            switch (name) {
                case "--port" -> {
                    port = number(name, value);
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port must be 0-65535");
                    }
                }
                case "--data-dir" -> dataDir = path(name, value);
                case "--max-file-bytes" -> settings = fileLimit(name, value);
                case "--memory-file-bytes" -> memory = new MemoryCaps(positive(name, value), memory.productVersions());
                case "--memory-versions" -> memory = new MemoryCaps(memory.fileBytes(), (int) Math.min(Integer.MAX_VALUE,
                        positive(name, value)));
                case "--max-staged-file-bytes" -> {
                    long max = positive(name, value);
                    if (max > StagedUploadService.MAX_SIZE) {
                        throw new IllegalArgumentException(name + " must be at most " + StagedUploadService.MAX_SIZE);
                    }
                    staged = new StagedUploadService.Limits(max, staged.urlValidity(), staged.completionWindow());
                }
                case "--backend" -> backend = value;
                case "--region" -> region = matching(name, value, REGION, "a region name such as eu-west-1");
                case "--bucket" -> bucket = matching(name, value, BUCKET,
                        "an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit");
                case "--table" -> table = matching(name, value, TABLE,
                        "a DynamoDB table name: 3-255 letters, digits, '_', '-' or '.'");
                case "--s3-endpoint" -> s3Endpoint = endpoint(name, value);
                case "--dynamodb-endpoint" -> dynamoDbEndpoint = endpoint(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (backend.equals("local")) {
            if (bucket != null || table != null || s3Endpoint != null || dynamoDbEndpoint != null || createResources) {
                throw new IllegalArgumentException("--bucket, --table, endpoints and --create-resources need --backend aws");
            }
            return new LocalServerOptions(port, dataDir, settings, null, false, memory, staged);
        }
        if (!backend.equals("aws")) {
            throw new IllegalArgumentException("--backend must be local or aws, not '" + backend + "'");
        }
        if (dataDir != null) {
            throw new IllegalArgumentException("--data-dir is for the local backend; --backend aws stores in S3 and DynamoDB");
        }
        if (bucket == null || table == null || region == null) {
            throw new IllegalArgumentException("--backend aws needs --bucket, --table and --region (or AWS_REGION)");
        }
        AwsSettings aws = new AwsSettings(Region.of(region), bucket, table, s3Endpoint, dynamoDbEndpoint);
        return new LocalServerOptions(port, null, settings, aws, createResources, memory, staged);
    }

    private static String matching(String name, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " takes " + what + ", not '" + value + "'");
        }
        return value;
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(name + " takes a folder, not '" + value + "': " + e.getReason());
        }
    }

    private static ApiSettings fileLimit(String name, String value) {
        int bytes = number(name, value);
        try {
            return new ApiSettings(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage() + ", not " + bytes);
        }
    }

    private static URI endpoint(String name, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " takes a URL such as http://127.0.0.1:9000, not '" + value + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " takes an http or https URL with a host, not '" + value + "'");
        }
        return uri;
    }

    private static long positive(String name, String value) {
        try {
            long number = Long.parseLong(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " takes a whole number of 1 or more, not '" + value + "'");
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not '" + value + "'");
        }
    }
}
