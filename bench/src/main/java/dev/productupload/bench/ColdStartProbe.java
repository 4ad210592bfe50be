package dev.productupload.bench;

import dev.productupload.entrypoint.lambda.UploadHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM, as a Lambda execution environment would: builds the handler from the environment,
 * serves one API Gateway event, and prints when each step ended (epoch milliseconds) for the parent to time.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        UploadHandler handler = new UploadHandler();
        long ready = System.currentTimeMillis();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, null);
        long served = System.currentTimeMillis();
        String body = response.toString(StandardCharsets.UTF_8);
        int status = Integer.parseInt(body.replaceAll("(?s).*\"statusCode\"\\s*:\\s*(\\d+).*", "$1"));
        System.out.println("COLDSTART {\"readyEpochMs\":" + ready + ",\"servedEpochMs\":" + served
                + ",\"status\":" + status
                + ",\"classesLoaded\":" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
                + ",\"peakRssKb\":" + peakRssKb() + "}");
    }

    static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
