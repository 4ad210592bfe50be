import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * MB/s of the checksums S3 can verify, over one 4 MiB file, in this JVM:
 * {@code java bench/ChecksumThroughput.java}. Median of 15 timed runs after 10 warm-up runs.
 */
public class ChecksumThroughput {

    public static void main(String[] args) throws Exception {
        byte[] file = new byte[4 * 1024 * 1024];
        new Random(42).nextBytes(file);
        System.out.printf("JDK %s, %d cores, %d MiB file%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                file.length >> 20);
        measure("CRC32C", file, bytes -> { CRC32C c = new CRC32C(); c.update(bytes); return c.getValue(); });
        measure("CRC32", file, bytes -> { CRC32 c = new CRC32(); c.update(bytes); return c.getValue(); });
        measure("SHA-1", file, bytes -> digest("SHA-1", bytes));
        measure("SHA-256", file, bytes -> digest("SHA-256", bytes));
        measure("MD5 (Content-MD5)", file, bytes -> digest("MD5", bytes));
    }

    private static long digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes)[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void measure(String name, byte[] file, ToLongFunction<byte[]> checksum) {
        long sink = 0;
        for (int i = 0; i < 10; i++) {
            sink += checksum.applyAsLong(file);
        }
        double[] mbPerSecond = new double[15];
        for (int i = 0; i < mbPerSecond.length; i++) {
            long start = System.nanoTime();
            sink += checksum.applyAsLong(file);
            mbPerSecond[i] = file.length / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(mbPerSecond);
        System.out.printf("%-18s %8.0f MB/s   (%s)%n", name, mbPerSecond[mbPerSecond.length / 2], sink == 42 ? "" : "ok");
    }
}
