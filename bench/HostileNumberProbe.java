import dev.productupload.adapters.local.InMemoryFileStorage;
import dev.productupload.adapters.local.InMemoryIdempotencyStore;
import dev.productupload.adapters.local.InMemoryProductRepository;
import dev.productupload.domain.port.out.IdGenerator;
import dev.productupload.domain.service.UploadService;
import dev.productupload.entrypoint.http.Api;
import dev.productupload.entrypoint.http.ApiJson;
import dev.productupload.entrypoint.http.ApiSettings;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.IdempotentWrites;
import dev.productupload.entrypoint.http.Pipeline;
import dev.productupload.entrypoint.http.RequestLog;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The CPU time one upload with a hostile price costs the request pipeline, in this JVM, on in-memory stores:
 * {@code ./mvnw -q -B package -DskipTests && java -cp entrypoint-lambda/target/entrypoint-lambda-*-local.jar
 * bench/HostileNumberProbe.java [LITERAL...]}. Median of 201 requests per literal, after 2000 to warm up; an ordinary
 * price is the yardstick.
 */
public class HostileNumberProbe {

    private static final List<String> DEFAULT_LITERALS = List.of(
            "12.50", "1e999999999", "1e1000000", "1e10000000", "-1e10000000", "1e100000000", "1e-999999999",
            "10e2147483647", "1e2147483648");

    public static void main(String[] args) {
        List<String> literals = args.length > 0 ? List.of(args) : DEFAULT_LITERALS;
        UploadService upload = new UploadService(new InMemoryProductRepository(), new InMemoryFileStorage(),
                IdGenerator.randomUuids(), Clock.systemUTC());
        Pipeline pipeline = new Pipeline(Api.routes(upload, ApiJson.mapper(), ApiSettings.defaults()), ApiJson.mapper(),
                ApiSettings.defaults(), new RequestLog(ApiJson.mapper(), line -> { }, Clock.systemUTC()),
                new IdempotentWrites(new InMemoryIdempotencyStore(), Clock.systemUTC()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2000; i++) {
            post(pipeline, i % 2 == 0 ? "1e999999999" : "1.00");
        }
        System.out.printf("JDK %s%n%-16s %6s %18s%n", Runtime.version(), "price", "status", "CPU per request");
        for (String literal : literals) {
            List<Long> cpu = new ArrayList<>();
            int status = 0;
            for (int run = 0; run < 201; run++) {
                long before = threads.getCurrentThreadCpuTime();
                status = post(pipeline, literal);
                cpu.add(threads.getCurrentThreadCpuTime() - before);
            }
            Collections.sort(cpu);
            System.out.printf("%-16s %6d %15.1f us%n", literal, status, cpu.get(cpu.size() / 2) / 1e3);
        }
    }

    private static int post(Pipeline pipeline, String price) {
        byte[] body = ("{\"productData\":{\"productName\":\"Drill\",\"price\":" + price + "}}").getBytes(StandardCharsets.UTF_8);
        return pipeline.handle(new HttpRequest("POST", "/upload", Map.of("Content-Type", "application/json"), body,
                "probe", Map.of(), Map.of())).status();
    }
}
