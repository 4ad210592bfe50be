package dev.productupload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.productupload.adapters.aws.AwsSettings;
import dev.productupload.adapters.aws.DynamoDbIdempotencyStore;
import dev.productupload.adapters.aws.DynamoDbProductRepository;
import dev.productupload.adapters.aws.S3FileStorage;
import dev.productupload.adapters.aws.testing.AwsBackends;
import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryIdempotencyStore;
import dev.productupload.adapters.local.InMemoryUploadSessionStore;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.ApiSettings;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.domain.port.out.FileStorage;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.port.out.IdempotencyStore;
import dev.productupload.domain.port.out.ProductListing;
import dev.productupload.domain.port.out.ProductRepository;
import dev.productupload.domain.service.FindProductsService;
import dev.productupload.domain.service.ReadProductService;
import dev.productupload.domain.service.StagedUploadService;
import dev.productupload.domain.service.UploadService;
import dev.productupload.entrypoint.http.Api;
import dev.productupload.entrypoint.http.IdempotentWrites;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.lambda.UploadHandler;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs every benchmark and writes one Markdown report: cold start and warm latency beside the Python handler
 * this project replaces (same servers, same run), inline throughput against the machine's floor, the
 * deployable jar's size, and the local server under load. See bench/run.sh and docs/benchmarks.md.
 */
public final class Benchmarks {

    private static final List<String> LAMBDA_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Map<String, String> options;
    private final Path work = Path.of("bench", "target", "work");
    private final StringBuilder report = new StringBuilder();

    private Benchmarks(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.merge(args[i].replaceFirst("^--", ""), args[i + 1], (a, b) -> a + "," + b);
        }
        new Benchmarks(options).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }

    private void run() throws Exception {
        Path python = Path.of(option("python-handler", "../shared/reference/seed_handler.py")).toAbsolutePath().normalize();
        if (!Files.exists(python)) {
            throw new IllegalArgumentException("--python-handler " + python + " does not exist");
        }
        Map<String, String> jdks = new LinkedHashMap<>();
        for (String jdk : option("jdk", "current=" + Path.of(System.getProperty("java.home"), "bin", "java")).split(",")) {
            String[] parts = jdk.split("=", 2);
            jdks.put(parts[0], parts[1]);
        }
        int runs = Integer.parseInt(option("runs", "7"));
        List<String> only = List.of(option("only",
                "cold,runtime,init,client,warm,floor,idempotency,bytes,staged,artifact,server").split(","));
        header(jdks, python);
        if (only.contains("cold") || only.contains("runtime") || only.contains("warm") || only.contains("floor")
                || only.contains("client") || only.contains("idempotency") || only.contains("staged")) {
            try (AwsBackends servers = AwsBackends.start()) {
                if (only.contains("cold")) {
                    coldStart(servers, jdks, python, runs);
                }
                if (only.contains("runtime")) {
                    underTheRuntimeInterfaceClient(servers, jdks, python, runs);
                }
                if (only.contains("client")) {
                    httpClients(servers, jdks, runs);
                }
                // The floor first: it erases what it stores, and s3proxy keeps every object in its heap.
                if (only.contains("floor")) {
                    WarmFloor.run(servers, this::line, Integer.parseInt(option("floor-rounds", "3")));
                    WarmSuspects.run(servers, this::line);
                }
                if (only.contains("warm")) {
                    warmLatency(servers, python);
                }
                if (only.contains("idempotency")) {
                    idempotencyOverhead(servers);
                }
                if (only.contains("staged")) {
                    stagedUpload(servers);
                }
            }
        }
        if (only.contains("init")) {
            initBreakdown(jdks, runs);
        }
        if (only.contains("bytes")) {
            inlineThroughput();
        }
        if (only.contains("artifact")) {
            artifact();
        }
        if (only.contains("server")) {
            localServer();
        }
        Path out = Path.of(option("out", "bench/target/results.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
        System.out.println("\nwritten to " + out);
    }

    private void header(Map<String, String> jdks, Path python) throws Exception {
        line("# Benchmark results");
        line("");
        line("- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + memoryGiB() + " GiB");
        for (Map.Entry<String, String> jdk : jdks.entrySet()) {
            line("- JDK " + jdk.getKey() + ": `" + jdk.getValue() + "` (" + firstLine(command(List.of(jdk.getValue(), "-version"))) + ")");
        }
        line("- Python: `" + python3() + "`, " + firstLine(command(List.of(python3(), "-c",
                "import sys, boto3; print(sys.version.split()[0], 'boto3', boto3.__version__)"))) + ", handler `" + python + "`");
        line("- servers: s3proxy 4.1.0 (in memory, signatures checked) and dynalite 4.0.0 on loopback, started by the run");
        line("- command: `bench/run.sh " + String.join(" ", options.entrySet().stream()
                .map(e -> "--" + e.getKey() + " " + e.getValue()).toList()) + "`");
        line("");
    }

    // ---- 1. Cold start -------------------------------------------------------------------------------------

    private record Cold(double initMs, double firstRequestMs, double totalMs, double peakRssMiB, double classes, int status,
                        double cpuMs) {
    }

    private void coldStart(AwsBackends servers, Map<String, String> jdks, Path python, int runs) throws Exception {
        AwsSettings javaStore = servers.freshResources();
        AwsSettings pythonStore = servers.freshResources();
        Path javaEvent = Events.write(work, "cold-java", Events.body(1024, true));
        Path pythonEvent = Events.write(work, "cold-python", Events.body(1024, false));
        // Class-data sharing only maps classes from jars, so the probe runs from the bench jar.
        String classPath = lambdaJar() + File.pathSeparator + benchJar();

        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (Map.Entry<String, String> jdk : jdks.entrySet()) {
            variants.put("Java, JDK " + jdk.getKey(), List.of(jdk.getValue()));
            Path archive = work.resolve("classes-" + jdk.getKey() + (isAotCacheJdk(jdk.getValue()) ? ".aot" : ".jsa"))
                    .toAbsolutePath();
            Files.deleteIfExists(archive);
            String training = isAotCacheJdk(jdk.getValue())
                    ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive;
            cold(javaCommand(List.of(jdk.getValue(), training), classPath, javaEvent),
                    servers.environment(javaStore.bucket(), javaStore.table()));
            String use = isAotCacheJdk(jdk.getValue()) ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive;
            variants.put("Java, JDK " + jdk.getKey() + (isAotCacheJdk(jdk.getValue()) ? " + AOT cache" : " + AppCDS archive"),
                    List.of(jdk.getValue(), use));
        }
        Map<String, List<Cold>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(cold(
                        javaCommand(variant.getValue(), classPath, javaEvent),
                        servers.environment(javaStore.bucket(), javaStore.table())));
            }
            results.computeIfAbsent("Python baseline", k -> new ArrayList<>()).add(cold(
                    List.of(python3(), Path.of("bench", "python_baseline.py").toString(), python.toString(), "cold",
                            pythonEvent.toString()),
                    pythonEnvironment(servers, pythonStore)));
        }
        line("## 1. Cold start (fresh process, one API Gateway event, median of " + runs + ")");
        line("");
        line("Java: Lambda's JVM flags (`" + String.join(" ", LAMBDA_FLAGS) + "`), the handler built from its environment "
                + "with the AWS adapters, a 1 KiB file and a new product (an S3 put and two DynamoDB puts). Python: the "
                + "baseline handler, same servers, the same 1 KiB file without product data (its product write always fails).");
        line("Init is process start to handler ready; total is process start to exit. The archive rows first run one "
                + "training request to record the classes, then use the archive; an archive only works with the exact "
                + "JVM build that wrote it.");
        line("");
        line("| handler | init ms | first request ms | total wall ms | peak RSS MiB | classes loaded | status | total / Python |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double pythonTotal = Stats.median(results.get("Python baseline").stream().mapToDouble(Cold::totalMs).toArray());
        for (Map.Entry<String, List<Cold>> result : results.entrySet()) {
            List<Cold> samples = result.getValue();
            double total = Stats.median(samples.stream().mapToDouble(Cold::totalMs).toArray());
            line(String.format("| %s | %.0f | %.0f | %.0f | %.0f | %s | %d | %.2f |", result.getKey(),
                    Stats.median(samples.stream().mapToDouble(Cold::initMs).toArray()),
                    Stats.median(samples.stream().mapToDouble(Cold::firstRequestMs).toArray()),
                    total,
                    Stats.median(samples.stream().mapToDouble(Cold::peakRssMiB).toArray()),
                    result.getKey().startsWith("Java") ? String.format("%.0f", Stats.median(samples.stream().mapToDouble(Cold::classes).toArray())) : "-",
                    samples.get(0).status(), total / pythonTotal));
        }
        line("");
    }

    private static List<String> javaCommand(List<String> javaAndFlags, String classPath, Path event) {
        List<String> command = new ArrayList<>(javaAndFlags.subList(0, 1));
        command.addAll(LAMBDA_FLAGS);
        command.addAll(javaAndFlags.subList(1, javaAndFlags.size()));
        command.addAll(List.of("-cp", classPath, ColdStartProbe.class.getName(), event.toString()));
        return command;
    }

    /** JDK 25 has the AOT cache (JEP 483/514); earlier JDKs take a dynamic AppCDS archive. */
    private static boolean isAotCacheJdk(String java) throws Exception {
        String version = command(List.of(java, "-XshowSettings:properties", "-version")).lines()
                .filter(l -> l.strip().startsWith("java.specification.version")).findFirst().orElse("= 17");
        return Integer.parseInt(version.replaceAll(".*=\\s*", "").strip()) >= 25;
    }

    private static Path benchJar() throws IOException {
        try (var jars = Files.list(Path.of("bench", "target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("bench-.*\\.jar")).findFirst().orElseThrow()
                    .toAbsolutePath();
        }
    }

    private Map<String, String> pythonEnvironment(AwsBackends servers, AwsSettings store) {
        Map<String, String> environment = new HashMap<>(servers.environment(store.bucket(), store.table()));
        environment.put("S3_BUCKET_NAME", store.bucket());
        environment.put("DYNAMODB_TABLE_NAME", store.table());
        environment.put("AWS_DEFAULT_REGION", environment.get(AwsSettings.REGION));
        return environment;
    }

    private static final Pattern COLD = Pattern.compile("COLDSTART (\\{.*})");

    private Cold cold(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long forked = System.currentTimeMillis();
        long forkedNanos = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        double total = (System.nanoTime() - forkedNanos) / 1e6;
        Matcher matcher = COLD.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no result from " + command + ":\n" + output);
        }
        JsonNode result = Events.JSON.readTree(matcher.group(1));
        long ready = result.path("readyEpochMs").asLong();
        long served = result.path("servedEpochMs").asLong();
        return new Cold(ready - forked, served - ready, total, result.path("peakRssKb").asDouble() / 1024,
                result.path("classesLoaded").asDouble(), result.path("status").asInt(), result.path("cpuMs").asDouble());
    }

    // ---- 1c. HTTP client ---------------------------------------------------------------------------------------

    private void httpClients(AwsBackends servers, Map<String, String> jdks, int runs) throws Exception {
        AwsSettings store = servers.freshResources();
        String java = List.copyOf(jdks.values()).get(jdks.size() - 1);
        String classPath = Path.of("bench", "target", "classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("bench", "target", "classpath.txt")).strip();
        Map<String, List<Cold>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (String client : List.of("url-connection", "crt")) {
                List<String> command = new ArrayList<>(List.of(java));
                command.addAll(LAMBDA_FLAGS);
                command.addAll(List.of("-cp", classPath, HttpClientProbe.class.getName(), client));
                results.computeIfAbsent(client, k -> new ArrayList<>())
                        .add(cold(command, servers.environment(store.bucket(), store.table())));
            }
        }
        line("## 1c. SDK HTTP client for cold start (fresh JVM " + jdks.keySet().toArray()[jdks.size() - 1]
                + ", Lambda flags: S3 client built, one 1 KiB put; median of " + runs + ")");
        line("");
        line("| HTTP client | process start to client ready ms | first put ms | total wall ms |");
        line("| --- | ---: | ---: | ---: |");
        results.forEach((client, samples) -> line(String.format("| %s | %.0f | %.0f | %.0f |", client,
                Stats.median(samples.stream().mapToDouble(Cold::initMs).toArray()),
                Stats.median(samples.stream().mapToDouble(Cold::firstRequestMs).toArray()),
                Stats.median(samples.stream().mapToDouble(Cold::totalMs).toArray()))));
        line("");
    }

    // ---- 1d. As Lambda starts a function: the runtime interface client, the custom-runtime package ----------------

    private record Spawned(double firstResponseMs, double totalMs, double cpuMs, double peakRssMiB, int status) {
    }

    /** The flags of Lambda's managed Java runtime, as LambdaRuntimeIT starts the jar with them. */
    private static final List<String> MANAGED_RUNTIME_FLAGS = List.of("-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "-Djava.net.preferIPv4Stack=true", "-XX:+ErrorFileToStderr");
    private static final String HANDLER = "dev.productupload.entrypoint.lambda.UploadHandler::handleRequest";
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String ONE_CORE = ", on one core";
    private static final String CPU_SHARE = ", at a 1024 MB function's CPU share";
    private static final String PYTHON_LOOP = "Python baseline on a Runtime API loop";
    private static final String PACKAGE = "custom-runtime package (`bootstrap`)";
    /**
     * Lambda allots CPU in proportion to memory, one vCPU's worth at 1,769 MB
     * (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html): a 1024 MB function gets 1024/1769 of a
     * core's time, which a CFS quota on a cgroup of its own reproduces (when this machine lets the run make one).
     */
    private static final Path CPU_SHARE_GROUP = Path.of("/sys/fs/cgroup/cpu", "product-upload-bench-" + ProcessHandle.current().pid());

    private static boolean makeCpuShareGroup() {
        try {
            Files.createDirectory(CPU_SHARE_GROUP);
            Files.writeString(CPU_SHARE_GROUP.resolve("cpu.cfs_period_us"), "100000");
            Files.writeString(CPU_SHARE_GROUP.resolve("cpu.cfs_quota_us"), Long.toString(100000L * 1024 / 1769));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The command, moved into the CPU-share cgroup before it starts: the shell writes its pid, then execs it. */
    private static List<String> atCpuShare(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c",
                "echo $$ > " + CPU_SHARE_GROUP.resolve("cgroup.procs") + " && exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void underTheRuntimeInterfaceClient(AwsBackends servers, Map<String, String> jdks, Path python, int runs)
            throws Exception {
        String java25 = null;
        for (String java : jdks.values()) {
            if (isAotCacheJdk(java)) {
                java25 = java;
            }
        }
        Path zip = customRuntimeZip();
        if (java25 == null || zip == null) {
            line("## 1d. As Lambda starts the function: not run (needs JDK 25 and the custom-runtime package)");
            line("");
            return;
        }
        AwsSettings javaStore = servers.freshResources();
        AwsSettings pythonStore = servers.freshResources();
        byte[] javaEvent = Events.JSON.writeValueAsBytes(Events.event(Events.body(1024, true)));
        Path pythonEvent = Events.write(work, "runtime-python", Events.body(1024, false));
        Path taskRoot = customRuntimeTaskRoot();
        String clientJars = java.util.Arrays.stream(Files.readString(Path.of("bench", "target", "classpath.txt")).strip()
                        .split(File.pathSeparator))
                .filter(jar -> List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-serialization",
                        "utils-lite").stream().anyMatch(name -> Path.of(jar).getFileName().toString().startsWith(name)))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));

        Map<String, List<String>> variants = new LinkedHashMap<>();
        List<String> managed = new ArrayList<>(List.of(java25));
        managed.addAll(MANAGED_RUNTIME_FLAGS);
        // Not a flag of Lambda's: the memory of a 1024 MB function's environment, which the JVM sizes its heap from.
        managed.add("-XX:MaxRAM=1024m");
        managed.addAll(List.of("-cp", lambdaJar() + File.pathSeparator + clientJars, RUNTIME_CLIENT, HANDLER));
        variants.put("jar, JDK 25, managed runtime's flags (java25 without SnapStart)", managed);
        // --jar-variant NAME=JAR: another Lambda jar (another commit's), started exactly as the jar above
        for (String variant : options.containsKey("jar-variant") ? option("jar-variant", "").split(",") : new String[0]) {
            String[] nameAndJar = variant.split("=", 2);
            List<String> other = new ArrayList<>(managed);
            other.set(other.indexOf("-cp") + 1, Path.of(nameAndJar[1]).toAbsolutePath() + File.pathSeparator + clientJars);
            variants.put(nameAndJar[0] + ", JDK 25, managed runtime's flags", other);
        }
        variants.put("custom-runtime package without its AOT cache", List.of(
                taskRoot.resolve("runtime/bin/java").toString(), "@jvm.args", RUNTIME_CLIENT, HANDLER));
        variants.put("custom-runtime package (`bootstrap`)", List.of(taskRoot.resolve("bootstrap").toString()));
        // One core, as a function of up to 1,769 MB has at most one vCPU
        // (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html): what running init on two threads gains
        // here, it does not gain there.
        variants.put(PACKAGE + ONE_CORE, List.of("taskset", "-c", "0", taskRoot.resolve("bootstrap").toString()));
        // --package-variant NAME=DIR: an unpacked package edited by hand, started from its bootstrap beside the others
        Map<String, Path> variantRoots = new LinkedHashMap<>();
        for (String variant : options.containsKey("package-variant") ? option("package-variant", "").split(",")
                : new String[0]) {
            String name = variant.substring(0, variant.lastIndexOf('='));
            Path root = Path.of(variant.substring(variant.lastIndexOf('=') + 1)).toAbsolutePath();
            variantRoots.put(name, root);
            variants.put(name, List.of(root.resolve("bootstrap").toString()));
        }
        boolean cpuShare = makeCpuShareGroup();
        if (cpuShare) {
            variants.put(PACKAGE + CPU_SHARE, atCpuShare(List.of(taskRoot.resolve("bootstrap").toString())));
            for (Map.Entry<String, Path> variant : new ArrayList<>(variantRoots.entrySet())) {
                variantRoots.put(variant.getKey() + CPU_SHARE, variant.getValue());
                variants.put(variant.getKey() + CPU_SHARE,
                        atCpuShare(List.of(variant.getValue().resolve("bootstrap").toString())));
            }
        }
        Map<String, List<Spawned>> results = new LinkedHashMap<>();
        Map<String, String> environment = new HashMap<>(servers.environment(javaStore.bucket(), javaStore.table()));
        environment.put("_HANDLER", HANDLER);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "product-upload");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        for (int run = 0; run < runs; run++) {
            for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                Path root = variantRoots.getOrDefault(variant.getKey(), taskRoot);
                Map<String, String> variantEnvironment = new HashMap<>(environment);
                variantEnvironment.put("LAMBDA_TASK_ROOT", root.toString());
                results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>())
                        .add(spawned(variant.getValue(), variantEnvironment, javaEvent, root));
            }
            results.computeIfAbsent("Python baseline on a Runtime API loop", k -> new ArrayList<>()).add(spawned(
                    List.of(python3(), Path.of("bench", "python_runtime.py").toAbsolutePath().toString(), python.toString()),
                    pythonEnvironment(servers, pythonStore), Files.readAllBytes(pythonEvent), taskRoot));
            List<String> pythonLoop = List.of(python3(), Path.of("bench", "python_runtime.py").toAbsolutePath().toString(),
                    python.toString());
            List<String> oneCore = new ArrayList<>(List.of("taskset", "-c", "0"));
            oneCore.addAll(pythonLoop);
            results.computeIfAbsent(PYTHON_LOOP + ONE_CORE, k -> new ArrayList<>()).add(spawned(oneCore,
                    pythonEnvironment(servers, pythonStore), Files.readAllBytes(pythonEvent), taskRoot));
            if (cpuShare) {
                results.computeIfAbsent(PYTHON_LOOP + CPU_SHARE, k -> new ArrayList<>()).add(spawned(
                        atCpuShare(pythonLoop), pythonEnvironment(servers, pythonStore), Files.readAllBytes(pythonEvent),
                        taskRoot));
            }
            Cold py = cold(List.of(python3(), Path.of("bench", "python_baseline.py").toString(), python.toString(),
                    "cold", pythonEvent.toString()), pythonEnvironment(servers, pythonStore));
            results.computeIfAbsent("Python baseline, called in process", k -> new ArrayList<>())
                    .add(new Spawned(py.initMs() + py.firstRequestMs(), py.totalMs(), py.cpuMs(), py.peakRssMiB(), py.status()));
        }
        Map<String, Double> unzippedMb = new LinkedHashMap<>();
        unzippedMb.put("jar, JDK 25, managed runtime's flags (java25 without SnapStart)", unzippedMb(lambdaJar()));
        unzippedMb.put("custom-runtime package (`bootstrap`)", unzippedMb(zip));
        unzippedMb.put("Python baseline on a Runtime API loop", Files.size(python) / 1e6);

        line("## 1d. As Lambda starts the function (fresh process under the runtime interface client, median of " + runs + ")");
        line("");
        line("Each Java row is a new process polling a Runtime API on loopback, which hands it one API Gateway event "
                + "(a 1 KiB file and a new product: an S3 put and two DynamoDB puts, the version and its head); the time runs from the spawn to the "
                + "response arriving at the Runtime API. The jar runs on the full JDK 25 with the managed runtime's "
                + "flags and the runtime interface client, as `java25` does without SnapStart. The package runs its "
                + "`bootstrap` with `_HANDLER` and `LAMBDA_TASK_ROOT` set; the row without the cache runs its runtime "
                + "with the same flags but no `-XX:AOTCache`. Python: the baseline handler, same servers, the same file "
                + "without product data, on a Runtime API loop as Lambda's python runtime runs it (bench/python_runtime.py), "
                + "and called in process (no runtime client, which favours it). Process total: "
                + "spawn to exit (a Java row's Runtime API refuses the next poll, and the client exits). CPU is the "
                + "process's user + system time up to the response; peak RSS is VmHWM then. Unzipped: what Lambda "
                + "counts against its 250 MB (the Python row: the handler file; boto3 comes with the runtime).");
        line("");
        line("| start | spawn → first response ms | process total ms | CPU ms | peak RSS MiB | unzipped MB | status | spawn → first response / Python on the loop |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        if (cpuShare) {
            Files.delete(CPU_SHARE_GROUP);
        }
        double pythonFirst = Stats.median(results.get(PYTHON_LOOP).stream()
                .mapToDouble(Spawned::firstResponseMs).toArray());
        double pythonInProcess = Stats.median(results.get("Python baseline, called in process").stream()
                .mapToDouble(Spawned::firstResponseMs).toArray());
        for (Map.Entry<String, List<Spawned>> result : results.entrySet()) {
            List<Spawned> samples = result.getValue();
            double first = Stats.median(samples.stream().mapToDouble(Spawned::firstResponseMs).toArray());
            Double unzipped = unzippedMb.get(result.getKey());
            // A row run on one core, or at the CPU share, is compared with Python run the same way.
            String constraint = result.getKey().endsWith(ONE_CORE) ? ONE_CORE
                    : result.getKey().endsWith(CPU_SHARE) ? CPU_SHARE : "";
            line(String.format("| %s | %.0f | %.0f | %.0f | %.0f | %s | %d | %.2f |", result.getKey(), first,
                    Stats.median(samples.stream().mapToDouble(Spawned::totalMs).toArray()),
                    Stats.median(samples.stream().mapToDouble(Spawned::cpuMs).toArray()),
                    Stats.median(samples.stream().mapToDouble(Spawned::peakRssMiB).toArray()),
                    unzipped == null ? "-" : String.format("%.1f", unzipped), samples.get(0).status(),
                    first / firstResponse(results, PYTHON_LOOP + constraint)));
        }
        double packageFirst = firstResponse(results, PACKAGE);
        line("");
        line(String.format("Goal: package spawn → first response <= 1.0 x Python: **%.2f x** the Python handler on a Runtime "
                        + "API loop (%s); %.2f x the handler called in process; "
                        + "on one core, both, %.2f x%s.",
                packageFirst / pythonFirst, packageFirst <= pythonFirst ? "met" : "missed",
                packageFirst / pythonInProcess,
                firstResponse(results, PACKAGE + ONE_CORE) / firstResponse(results, PYTHON_LOOP + ONE_CORE),
                cpuShare ? String.format("; at a 1024 MB function's CPU share, both, %.2f x",
                        firstResponse(results, PACKAGE + CPU_SHARE) / firstResponse(results, PYTHON_LOOP + CPU_SHARE))
                        : " (no cgroup could be made for the CPU-share rows)"));
        line("");
    }

    private static double firstResponse(Map<String, List<Spawned>> results, String row) {
        return Stats.median(results.get(row).stream().mapToDouble(Spawned::firstResponseMs).toArray());
    }

    private static Path customRuntimeZip() throws IOException {
        try (var files = Files.list(Path.of("entrypoint-lambda", "target"))) {
            return files.filter(f -> f.getFileName().toString().matches(".*-custom-runtime-(x86_64|arm64)\\.zip"))
                    .findFirst().orElse(null);
        }
    }

    private Path unpackedPackage;

    /** The custom-runtime package unzipped once, as Lambda unpacks it, or null when the build wrote none. */
    private Path customRuntimeTaskRoot() throws Exception {
        Path zip = customRuntimeZip();
        if (zip != null && unpackedPackage == null) {
            Path taskRoot = work.resolve("custom-runtime-task").toAbsolutePath();
            command(List.of("rm", "-rf", taskRoot.toString()));
            Files.createDirectories(taskRoot);
            command(List.of("unzip", "-q", zip.toAbsolutePath().toString(), "-d", taskRoot.toString()));
            unpackedPackage = taskRoot;
        }
        return zip == null ? null : unpackedPackage;
    }

    /** One process started as Lambda starts a runtime, timed to its first response. */
    private static Spawned spawned(List<String> command, Map<String, String> environment, byte[] event, Path directory)
            throws Exception {
        try (RuntimeApiStub runtimeApi = new RuntimeApiStub(event)) {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
            long spawned = System.nanoTime();
            Process process = builder.start();
            try {
                String response = runtimeApi.response.get(120, TimeUnit.SECONDS);
                double firstResponse = (runtimeApi.respondedNanos - spawned) / 1e6;
                // bootstrap execs the JVM, so the process is the JVM itself
                String[] stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"))
                        .replaceFirst(".*\\) ", "").split(" ");
                double cpuMs = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10.0;
                double peakRss = Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmHWM:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst().orElse(-1) / 1024.0;
                int status = Integer.parseInt(response.replaceAll("(?s).*\"statusCode\"\\s*:\\s*(\\d+).*", "$1"));
                // The stub refuses the next poll; the runtime interface client then exits.
                double total = process.waitFor(30, TimeUnit.SECONDS) ? (System.nanoTime() - spawned) / 1e6 : Double.NaN;
                return new Spawned(firstResponse, total, cpuMs, peakRss, status);
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The size of a zip's entries once unzipped, in MB. */
    private static double unzippedMb(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().mapToLong(ZipEntry::getSize).sum() / 1e6;
        }
    }

    // ---- 1b. Where init goes ---------------------------------------------------------------------------------

    private void initBreakdown(Map<String, String> jdks, int runs) throws Exception {
        Map<String, String> probeEnvironment = Map.of(AwsSettings.BUCKET_NAME, "bucket", AwsSettings.TABLE_NAME, "table",
                AwsSettings.REGION, "us-east-1", "AWS_ACCESS_KEY_ID", "key", "AWS_SECRET_ACCESS_KEY", "secret");
        String classPath = lambdaJar() + File.pathSeparator + benchJar();
        List<String> parts = List.of("jsonMapper", "constraints", "requestSchema", "s3Client", "dynamoDbClient", "enhancedTable");
        line("## 1b. Where the handler's init goes (fresh JVM, Lambda flags, no archive but the package row's, median of " + runs + ")");
        line("");
        line("Each part is built alone, one after the other (the constraints: the compiled checks' patterns and "
                + "currency list); the last column is the handler's own init from its environment in a JVM of its own (the "
                + "parts, the adapters, the routes, the pipeline; section 1d times the start as a whole). The package row runs on the package's runtime, "
                + "flags and AOT cache.");
        line("");
        line("| JDK | " + String.join(" ms | ", parts) + " ms | sum of parts ms | handler init ms |");
        line("| --- |" + " ---: |".repeat(parts.size() + 2));
        Map<String, List<String>> starts = new LinkedHashMap<>();
        for (Map.Entry<String, String> jdk : jdks.entrySet()) {
            List<String> command = new ArrayList<>(List.of(jdk.getValue()));
            command.addAll(LAMBDA_FLAGS);
            command.addAll(List.of("-cp", classPath));
            starts.put(jdk.getKey(), command);
        }
        Path taskRoot = customRuntimeTaskRoot();
        if (taskRoot != null) {
            // The package's runtime, flags and AOT cache; the probe's jar goes after the class path the cache was
            // trained with, which a cache allows.
            List<String> args = Files.readAllLines(taskRoot.resolve("jvm.args"));
            List<String> command = new ArrayList<>(List.of(taskRoot.resolve("runtime/bin/java").toString()));
            command.addAll(args.subList(0, args.indexOf("-cp")));
            command.addAll(List.of("-XX:AOTCache=app.aot", "-cp",
                    args.get(args.indexOf("-cp") + 1) + File.pathSeparator + benchJar()));
            starts.put("25, custom-runtime package with its AOT cache", command);
        }
        for (Map.Entry<String, List<String>> jdk : starts.entrySet()) {
            Map<String, double[]> samples = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                List<String> command = new ArrayList<>(jdk.getValue());
                command.add(InitBreakdownProbe.class.getName());
                Matcher matcher = Pattern.compile("INIT (\\{.*})").matcher(command(command,
                        taskRoot == null ? null : taskRoot.toFile()));
                if (!matcher.find()) {
                    throw new IllegalStateException("no init breakdown from " + command);
                }
                JsonNode result = Events.JSON.readTree(matcher.group(1));
                for (String part : parts) {
                    samples.computeIfAbsent(part, k -> new double[runs])[run] = result.path(part).asDouble();
                }
                List<String> whole = new ArrayList<>(jdk.getValue());
                whole.addAll(List.of(InitBreakdownProbe.class.getName(), "handler"));
                Matcher handler = Pattern.compile("INIT (\\{.*})").matcher(command(whole,
                        taskRoot == null ? null : taskRoot.toFile(), probeEnvironment));
                if (!handler.find()) {
                    throw new IllegalStateException("no handler init from " + whole);
                }
                samples.computeIfAbsent("handler", k -> new double[runs])[run] =
                        Events.JSON.readTree(handler.group(1)).path("handler").asDouble();
            }
            line("| " + jdk.getKey() + " | " + parts.stream().map(part -> String.format("%.0f", Stats.median(samples.get(part))))
                    .collect(java.util.stream.Collectors.joining(" | ")) + String.format(" | %.0f | %.0f |",
                    parts.stream().mapToDouble(part -> Stats.median(samples.get(part))).sum(),
                    Stats.median(samples.get("handler"))));
        }
        line("");
    }

    // ---- 2. Warm latency -----------------------------------------------------------------------------------

    private void warmLatency(AwsBackends servers, Path python) throws Exception {
        RequestLog quiet = new RequestLog(ApiJson.mapper(), logLine -> { }, Clock.systemUTC());
        AwsSettings store = servers.freshResources();
        UploadHandler inMemory = handlerOver(new InMemoryProductRepository(), new InMemoryFileStorage(), quiet);
        // Both stacks reach the servers directly: the tests' fault-injecting proxies add a relay hop per segment
        // and a tail of their own (section 2d).
        AwsSettings direct = directSettings(servers, store);
        UploadHandler onServers = handlerOver(
                new DynamoDbProductRepository(servers.dynamoDbClient(direct), store.table()),
                new S3FileStorage(servers.s3Client(direct), store.bucket()), quiet);

        record Shape(String name, int fileBytes, int iterations) {
        }
        List<Shape> shapes = List.of(new Shape("product only", 0, 2000), new Shape("1 KiB file", 1024, 2000),
                new Shape("100 KiB file", 100 * 1024, 500), new Shape("4 MiB file", 4 * 1024 * 1024, 40));

        Map<String, double[]> pythonWarm = pythonWarm(servers, python);
        line("## 2. Warm latency (in process, after warm-up)");
        line("");
        line("Java: the Lambda handler in this JVM (C2 on), a new product per request, with the file when there is one. "
                + "Python: the baseline handler in one process, the same files without product data. Both reach the "
                + "servers directly.");
        line("");
        line("| request | Java in-memory p50 / p99 ms | Java on servers p50 / p99 ms | Python on servers p50 / p99 ms | Java / Python p50 |");
        line("| --- | ---: | ---: | ---: | ---: |");
        for (Shape shape : shapes) {
            byte[] event = Events.JSON.writeValueAsBytes(Events.event(Events.body(shape.fileBytes(), true)));
            double[] memory = time(inMemory, event, shape.iterations());
            double[] servers2 = time(onServers, event, Math.max(20, shape.iterations() / 4));
            double[] py = pythonWarm.get(shape.name());
            double javaP50 = Stats.median(servers2);
            line(String.format("| %s | %.2f / %.2f | %.2f / %.2f | %s | %s |", shape.name(),
                    Stats.median(memory), Stats.percentile(memory, 99), javaP50, Stats.percentile(servers2, 99),
                    py == null ? "-" : String.format("%.2f / %.2f", py[0], py[1]),
                    py == null ? "-" : String.format("%.2f", javaP50 / py[0])));
        }
        line("");
    }

    /** Settings for {@code store} that reach s3proxy and dynalite directly, not through the tests' proxies. */
    static AwsSettings directSettings(AwsBackends servers, AwsSettings store) {
        Map<String, String> direct = directEndpoints(servers, store);
        return new AwsSettings(store.region(), store.bucket(), store.table(),
                java.net.URI.create(direct.get(AwsSettings.S3_ENDPOINT)),
                java.net.URI.create(direct.get(AwsSettings.DYNAMODB_ENDPOINT)));
    }

    private static Map<String, String> directEndpoints(AwsBackends servers, AwsSettings store) {
        Map<String, String> direct = servers.directEnvironment(store.bucket(), store.table());
        return Map.of(AwsSettings.S3_ENDPOINT, direct.get(AwsSettings.S3_ENDPOINT),
                AwsSettings.DYNAMODB_ENDPOINT, direct.get(AwsSettings.DYNAMODB_ENDPOINT));
    }

    /** The handler's pipeline over the given stores (a product store that also lists), wired as the Lambda composition wires it. */
    static UploadHandler handlerOver(ProductRepository products, FileStorage files, RequestLog log) {
        return handlerOver(products, files, new InMemoryIdempotencyStore(), log);
    }

    private static UploadHandler handlerOver(ProductRepository products, FileStorage files,
                                             IdempotencyStore idempotency, RequestLog log) {
        UploadService upload = new UploadService(products, files, IdGenerator.randomUuids(), Clock.systemUTC());
        ApiSettings settings = ApiSettings.defaults();
        ReadProductService reads = new ReadProductService(products, files, Clock.systemUTC());
        StagedUploadService staged = new StagedUploadService(products, files, new InMemoryUploadSessionStore(),
                IdGenerator.randomUuids(), Clock.systemUTC(),
                StagedUploadService.Limits.defaults());
        FindProductsService finds = new FindProductsService((ProductListing) products);
        return new UploadHandler(new Pipeline(Api.routes(upload, staged, reads, finds, ApiJson.mapper(), settings), ApiJson.mapper(),
                settings, log, new IdempotentWrites(idempotency, Clock.systemUTC())));
    }

    // ---- 2b. Idempotency-Key ----------------------------------------------------------------------------------

    private void idempotencyOverhead(AwsBackends servers) throws Exception {
        RequestLog quiet = new RequestLog(ApiJson.mapper(), logLine -> { }, Clock.systemUTC());
        AwsSettings store = servers.freshResources();
        UploadHandler inMemory = handlerOver(new InMemoryProductRepository(), new InMemoryFileStorage(), quiet);
        UploadHandler onServers = handlerOver(
                new DynamoDbProductRepository(servers.dynamoDbClient(store), store.table()),
                new S3FileStorage(servers.s3Client(store), store.bucket()),
                new DynamoDbIdempotencyStore(servers.dynamoDbClient(store), AwsSettings.idempotencyTableBeside(store.table())),
                quiet);
        String body = Events.body(1024, true);
        line("## 2b. Idempotency-Key (in process, after warm-up, 1 KiB file)");
        line("");
        line("A new product per request. Unkeyed: no header. Keyed: a new key per request, so each one runs and is "
                + "remembered (a conditional put before, one after). Replayed: the same key and body again, answered "
                + "from the record (one conditional put that fails, one read).");
        line("");
        line("| request | in-memory p50 / p99 ms | on servers (dynalite, s3proxy) p50 / p99 ms |");
        line("| --- | ---: | ---: |");
        // Unkeyed and keyed requests alternate, so JIT warm-up, GC and server state weigh on both alike.
        double[][] inMemoryPair = alternating(inMemory, eventsWithKeys(body, 2000, false), eventsWithKeys(body, 2000, true));
        double[][] onServersPair = alternating(onServers, eventsWithKeys(body, 500, false), eventsWithKeys(body, 500, true));
        double[][] unkeyed = {inMemoryPair[0], onServersPair[0]};
        double[][] keyed = {inMemoryPair[1], onServersPair[1]};
        byte[] replay = keyedEvent(body, "bench-replay-" + UUID.randomUUID());
        double[][] replayed = {time(inMemory, replay, 2000), time(onServers, replay, 500)};
        for (Object[] row : List.of(new Object[] {"unkeyed", unkeyed}, new Object[] {"keyed, runs", keyed},
                new Object[] {"keyed, replayed", replayed})) {
            double[][] samples = (double[][]) row[1];
            line(String.format("| %s | %.2f / %.2f | %.2f / %.2f |", row[0], Stats.median(samples[0]),
                    Stats.percentile(samples[0], 99), Stats.median(samples[1]), Stats.percentile(samples[1], 99)));
        }
        line(String.format("| added by a key (keyed − unkeyed p50 / p99) | %+.2f / %+.2f | %+.2f / %+.2f |",
                Stats.median(keyed[0]) - Stats.median(unkeyed[0]),
                Stats.percentile(keyed[0], 99) - Stats.percentile(unkeyed[0], 99),
                Stats.median(keyed[1]) - Stats.median(unkeyed[1]),
                Stats.percentile(keyed[1], 99) - Stats.percentile(unkeyed[1], 99)));
        line("");
    }

    private static byte[] keyedEvent(String body, String key) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode event = Events.event(body);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("headers")).put(IdempotentWrites.KEY_HEADER, key);
        return Events.JSON.writeValueAsBytes(event);
    }

    /** Warm-up and measured events, each keyed with a key of its own when {@code keyed}. */
    private static List<byte[]> eventsWithKeys(String body, int iterations, boolean keyed) throws IOException {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < iterations + Math.max(5, iterations / 2); i++) {
            events.add(keyed ? keyedEvent(body, "bench-" + UUID.randomUUID()) : Events.JSON.writeValueAsBytes(Events.event(body)));
        }
        return events;
    }

    /** Times two lists of events of one length, one request of each in turn, after the first third as warm-up. */
    private static double[][] alternating(UploadHandler handler, List<byte[]> first, List<byte[]> second)
            throws IOException {
        int warmUp = first.size() / 3;
        double[][] samples = {new double[first.size() - warmUp], new double[second.size() - warmUp]};
        for (int i = 0; i < first.size(); i++) {
            for (int which = 0; which < 2; which++) {
                byte[] event = (which == 0 ? first : second).get(i);
                long start = System.nanoTime();
                invoke(handler, event);
                if (i >= warmUp) {
                    samples[which][i - warmUp] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return samples;
    }

    private static double[] time(UploadHandler handler, byte[] event, int iterations) throws IOException {
        int warmUp = Math.max(5, iterations / 2);
        for (int i = 0; i < warmUp; i++) {
            invoke(handler, event);
        }
        double[] samples = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            invoke(handler, event);
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        return samples;
    }

    /** Sends one event through the handler; its response, which must be a 201. */
    static String invoke(UploadHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        String response = out.toString(StandardCharsets.UTF_8);
        if (!response.contains("\"statusCode\":201")) {
            throw new IllegalStateException("request failed: " + response);
        }
        return response;
    }

    private Map<String, double[]> pythonWarm(AwsBackends servers, Path python) throws Exception {
        AwsSettings store = servers.freshResources();
        Map<String, Path> events = new LinkedHashMap<>();
        events.put("1 KiB file", Events.write(work, "warm-1kib", Events.body(1024, false)));
        events.put("100 KiB file", Events.write(work, "warm-100kib", Events.body(100 * 1024, false)));
        events.put("4 MiB file", Events.write(work, "warm-4mib", Events.body(4 * 1024 * 1024, false)));
        List<String> command = new ArrayList<>(List.of(python3(), Path.of("bench", "python_baseline.py").toString(),
                python.toString(), "warm:400"));
        events.values().forEach(path -> command.add(path.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(pythonEnvironment(servers, store));
        builder.environment().putAll(directEndpoints(servers, store));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Map<String, double[]> results = new HashMap<>();
        Matcher matcher = Pattern.compile("WARM (\\{.*})").matcher(output);
        while (matcher.find()) {
            JsonNode result = Events.JSON.readTree(matcher.group(1));
            events.forEach((name, path) -> {
                if (path.toString().equals(result.path("event").asText())) {
                    results.put(name, new double[] {result.path("p50Ms").asDouble(), result.path("p99Ms").asDouble()});
                }
            });
        }
        if (results.size() != events.size()) {
            throw new IllegalStateException("python warm run incomplete:\n" + output);
        }
        return results;
    }

    // ---- 3. Inline bytes -----------------------------------------------------------------------------------

    private void inlineThroughput() throws IOException {
        int size = 4 * 1024 * 1024;
        RequestLog quiet = new RequestLog(ApiJson.mapper(), logLine -> { }, Clock.systemUTC());
        UploadHandler handler = handlerOver(new InMemoryProductRepository(), new InMemoryFileStorage(), quiet);
        byte[] event = Events.JSON.writeValueAsBytes(Events.event(Events.body(size, true)));
        double[] pipeline = time(handler, event, 40);

        byte[] file = new byte[size];
        new Random(size).nextBytes(file);
        String encoded = Base64.getEncoder().encodeToString(file);
        double[] floor = new double[40];
        long sink = 0;
        for (int i = 0; i < 60; i++) {
            long start = System.nanoTime();
            byte[] decoded = Base64.getDecoder().decode(encoded);
            CRC32C crc = new CRC32C();
            crc.update(decoded);
            sink += crc.getValue();
            if (i >= 20) {
                floor[i - 20] = (System.nanoTime() - start) / 1e6;
            }
        }
        double pipelineMbs = size / 1e6 / (Stats.median(pipeline) / 1000);
        double floorMbs = size / 1e6 / (Stats.median(floor) / 1000);
        line("## 3. Inline file bytes (4 MiB, in process, median of 40)");
        line("");
        line("| path | ms | MB/s of file bytes |");
        line("| --- | ---: | ---: |");
        line(String.format("| whole request, in-memory adapters (JSON parse, schema, base64, CRC32C, store, response) | %.1f | %.0f |",
                Stats.median(pipeline), pipelineMbs));
        line(String.format("| floor: JDK base64 decode + CRC32C of the same bytes | %.1f | %.0f |", Stats.median(floor), floorMbs));
        line(String.format("| pipeline / floor | | %.0f %% |", 100 * pipelineMbs / floorMbs));
        line("");
        checksumSink = sink;
    }

    /** Keeps the floor's checksums alive, so the JIT cannot drop the work being timed. */
    static volatile long checksumSink;

    // ---- 3b. Staged upload ----------------------------------------------------------------------------------

    /**
     * A 20 MiB file through the staged upload, end to end against s3proxy and dynalite (create through the pipeline,
     * the client's PUT to the presigned URL, complete through the pipeline), against the floor: the SDK putting the
     * same bytes, with the same CRC32C, to the same s3proxy.
     */
    private void stagedUpload(AwsBackends servers) throws Exception {
        int size = 20 * 1024 * 1024;
        int warmups = 2;
        int runs = 7;
        byte[] file = new byte[size];
        new Random(size).nextBytes(file);
        String crc = dev.productupload.domain.model.Checksum.crc32c(file).value();
        AwsSettings store = servers.freshResources();
        var s3 = servers.s3Client(store);
        var dynamoDb = servers.dynamoDbClient(store);
        DynamoDbProductRepository products = new DynamoDbProductRepository(dynamoDb, store.table());
        S3FileStorage files = new S3FileStorage(s3, store.bucket());
        StagedUploadService staged = new StagedUploadService(products, files,
                new dev.productupload.adapters.aws.DynamoDbUploadSessionStore(dynamoDb,
                        AwsSettings.idempotencyTableBeside(store.table())),
                IdGenerator.randomUuids(), Clock.systemUTC(),
                StagedUploadService.Limits.defaults());
        UploadService upload = new UploadService(products, files, IdGenerator.randomUuids(), Clock.systemUTC());
        ApiSettings settings = ApiSettings.defaults();
        Pipeline pipeline = new Pipeline(Api.routes(upload, staged, new ReadProductService(products, files,
                Clock.systemUTC()), new FindProductsService(products), ApiJson.mapper(), settings), ApiJson.mapper(), settings,
                new RequestLog(ApiJson.mapper(), logLine -> { }, Clock.systemUTC()),
                new IdempotentWrites(new InMemoryIdempotencyStore(), Clock.systemUTC()));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String announce = "{\"fileName\":\"manual.pdf\",\"contentType\":\"application/pdf\",\"size\":" + size
                + ",\"checksum\":{\"algorithm\":\"CRC32C\",\"value\":\"" + crc + "\"}}";
        double[] endToEnd = new double[runs];
        double[] put = new double[runs];
        double[] floor = new double[runs];
        for (int i = 0; i < warmups + runs; i++) {
            String productId = "bench-staged-" + i;
            long start = System.nanoTime();
            var created = pipeline.handle(new dev.productupload.entrypoint.http.HttpRequest("POST",
                    "/products/" + productId + "/uploads", Map.of("Content-Type", "application/json"),
                    announce.getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString()));
            JsonNode ticket = ApiJson.mapper().readTree(created.body());
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(ticket.path("url").asText()))
                    .timeout(java.time.Duration.ofSeconds(120))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file));
            ticket.path("headers").fields().forEachRemaining(header -> request.header(header.getKey(),
                    header.getValue().asText()));
            long putStart = System.nanoTime();
            int putStatus = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            long putEnd = System.nanoTime();
            var completed = pipeline.handle(new dev.productupload.entrypoint.http.HttpRequest("POST",
                    "/products/" + productId + "/uploads/" + ticket.path("uploadId").asText() + "/complete",
                    Map.of("Content-Type", "application/json"),
                    "{\"productData\":{\"productName\":\"Bench\",\"price\":1.00}}".getBytes(StandardCharsets.UTF_8),
                    UUID.randomUUID().toString()));
            long end = System.nanoTime();
            if (created.status() != 201 || putStatus != 200 || completed.status() != 201) {
                throw new IllegalStateException("staged upload failed: " + created.status() + " " + putStatus + " "
                        + completed.status() + " " + completed.bodyText());
            }
            long floorStart = System.nanoTime();
            String floorVersion = s3.putObject(object -> object.bucket(store.bucket()).key("floor/" + productId)
                    .contentType("application/pdf").contentLength((long) size).checksumCRC32C(crc),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(file)).versionId();
            long floorEnd = System.nanoTime();
            // s3proxy keeps objects in its 512 MiB heap: erase both versions before the next run.
            JsonNode stored = ApiJson.mapper().readTree(completed.body()).path("file");
            s3.deleteObject(delete -> delete.bucket(store.bucket()).key(stored.path("key").asText())
                    .versionId(stored.path("versionId").asText()));
            s3.deleteObject(delete -> delete.bucket(store.bucket()).key("floor/" + productId).versionId(floorVersion));
            if (i >= warmups) {
                endToEnd[i - warmups] = (end - start) / 1e6;
                put[i - warmups] = (putEnd - putStart) / 1e6;
                floor[i - warmups] = (floorEnd - floorStart) / 1e6;
            }
        }
        double mb = size / 1e6;
        line("## 3b. Staged upload (20 MiB, s3proxy and dynalite on this machine, median of " + runs + " after "
                + warmups + " warm-ups)");
        line("");
        line("| path | ms | MB/s of file bytes |");
        line("| --- | ---: | ---: |");
        line(String.format("| staged upload end to end: create (pipeline, DynamoDB put), PUT to the presigned URL, complete (HEAD, DynamoDB reads and put) | %.1f | %.0f |",
                Stats.median(endToEnd), mb / (Stats.median(endToEnd) / 1000)));
        line(String.format("| of which the client's PUT (JDK HttpClient) | %.1f | %.0f |",
                Stats.median(put), mb / (Stats.median(put) / 1000)));
        line(String.format("| floor: the SDK's PutObject of the same bytes and CRC32C to the same s3proxy | %.1f | %.0f |",
                Stats.median(floor), mb / (Stats.median(floor) / 1000)));
        line(String.format("| staged / floor (time) | %.2f | |", Stats.median(endToEnd) / Stats.median(floor)));
        line("");
    }

    // ---- 4. Artifact ---------------------------------------------------------------------------------------

    private void artifact() throws IOException {
        Path jar = lambdaJar();
        Map<String, Long> bySource = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                bySource.merge(source(entry.getName()), entry.getCompressedSize(), Long::sum);
            }
        }
        line("## 4. Deployable jar");
        line("");
        line(String.format("`%s`: **%.2f MB** (%d bytes).", jar.getFileName(), Files.size(jar) / 1e6, Files.size(jar)));
        line("");
        line("| largest parts (compressed) | MB |");
        line("| --- | ---: |");
        bySource.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(part -> line(String.format("| %s | %.2f |", part.getKey(), part.getValue() / 1e6)));
        line("");
    }

    private static String source(String entry) {
        String[] parts = entry.split("/");
        if (entry.startsWith("software/amazon/awssdk/services/") && parts.length > 4) {
            return "software/amazon/awssdk/services/" + parts[4];
        }
        if (entry.startsWith("software/amazon/awssdk/")) {
            return "software/amazon/awssdk (core, auth, http, regions, ...)";
        }
        return parts.length > 3 ? String.join("/", List.of(parts).subList(0, 3)) : "other";
    }

    // ---- 5. Local server -----------------------------------------------------------------------------------

    private void localServer() throws Exception {
        Path localJar = findJar("-local.jar");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", localJar.toString(), "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            while (port < 0) {
                String text = out.readLine();
                if (text == null) {
                    throw new IllegalStateException("the local server exited before listening");
                }
                Matcher listening = Pattern.compile("Listening on http://localhost:(\\d+)").matcher(text);
                if (listening.find()) {
                    port = Integer.parseInt(listening.group(1));
                }
            }
            Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }));
            drain.setDaemon(true);
            drain.start();
            String url = "http://127.0.0.1:" + port + "/upload";
            String body = Events.body(0, true);
            autocannon(url, body, 5);
            List<JsonNode> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(autocannon(url, body, 10));
            }
            double[] rps = runs.stream().mapToDouble(run -> run.path("requests").path("average").asDouble()).toArray();
            double[] p99 = runs.stream().mapToDouble(run -> run.path("latency").path("p99").asDouble()).toArray();
            long errors = runs.stream().mapToLong(run -> run.path("non2xx").asLong() + run.path("errors").asLong()).sum();
            line("## 5. Local server under load (in-memory, product-only POST, autocannon, " + CONNECTIONS
                    + " connections, 3 runs of 10 s after 5 s warm-up)");
            line("");
            line("| requests/s (median run) | p99 latency ms (median run) | non-2xx or errors |");
            line("| ---: | ---: | ---: |");
            line(String.format("| %.0f | %.1f | %d |", Stats.median(rps), Stats.median(p99), errors));
            line("");
            line("Load generator and server share the 2 cores.");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static final int CONNECTIONS = 32;

    private static JsonNode autocannon(String url, String body, int seconds) throws Exception {
        Path cli = Path.of("bench", "node_modules", "autocannon", "autocannon.js");
        Process process = new ProcessBuilder("node", cli.toString(), "-c", String.valueOf(CONNECTIONS), "-d",
                String.valueOf(seconds), "-m", "POST", "-H", "Content-Type=application/json", "-b", body, "-j", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return Events.JSON.readTree(output);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Path lambdaJar() throws IOException {
        return options.containsKey("lambda-jar") ? Path.of(options.get("lambda-jar")) : findJar("-lambda.jar");
    }

    private static Path findJar(String suffix) throws IOException {
        try (var jars = Files.list(Path.of("entrypoint-lambda", "target"))) {
            return jars.filter(path -> path.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow()
                    .toAbsolutePath();
        }
    }

    private static String command(List<String> command) throws Exception {
        return command(command, null);
    }

    private static String command(List<String> command, File directory) throws Exception {
        return command(command, directory, Map.of());
    }

    private static String command(List<String> command, File directory, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private String python3;

    /** The interpreter itself, not a version manager's shim in front of it, so no shim's start is timed. */
    private String python3() throws Exception {
        if (python3 == null) {
            python3 = firstLine(command(List.of("python3", "-c", "import sys; print(sys.executable)")));
        }
        return python3;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.replaceFirst("model name\\s*:\\s*", "")).findFirst().orElse("unknown CPU");
    }

    private static long memoryGiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024).findFirst().orElse(0L);
    }

}
