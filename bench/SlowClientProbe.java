import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long one ordinary upload waits while slow clients hold connections to a running local server:
 * {@code java bench/SlowClientProbe.java PORT [SLOW_CLIENTS] [SECONDS]}. Each slow client sends the start of a
 * request one byte per second and never finishes it; after two seconds one upload is sent, timed, and the
 * probe reports its status and latency (beside that of an upload before the slow clients came, after 20 to warm
 * up), then how many slow connections the server has closed.
 */
public class SlowClientProbe {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int slowClients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        byte[] drip = ("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 60\r\n\r\n" + "{".repeat(60)).getBytes(StandardCharsets.US_ASCII);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(seconds)).build();
        HttpRequest upload = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/upload"))
                .timeout(Duration.ofSeconds(seconds * 2L))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productData\":{\"productName\":\"Lamp\",\"price\":1}}"))
                .build();
        for (int i = 0; i < 20; i++) {
            http.send(upload, HttpResponse.BodyHandlers.discarding());
        }
        long warm = System.nanoTime();
        http.send(upload, HttpResponse.BodyHandlers.discarding());
        System.out.printf("without slow clients: an upload took %.1f ms%n", (System.nanoTime() - warm) / 1e6);
        List<Socket> sockets = new ArrayList<>();
        int[] closed = {0};
        for (int i = 0; i < slowClients; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            sockets.add(socket);
            Thread dripper = new Thread(() -> {
                try (OutputStream out = socket.getOutputStream()) {
                    for (int b = 0; b < drip.length && b < seconds; b++) {
                        out.write(drip[b]);
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (Exception e) {
                    synchronized (closed) {
                        closed[0]++;
                    }
                }
            });
            dripper.setDaemon(true);
            dripper.start();
        }
        Thread.sleep(2000);
        long started = System.nanoTime();
        String outcome;
        try {
            outcome = "status " + http.send(upload, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            outcome = "no answer (" + e.getClass().getSimpleName() + ")";
        }
        double ms = (System.nanoTime() - started) / 1e6;
        System.out.printf("with %d slow clients: the other upload got %s after %.1f ms%n", slowClients, outcome, ms);
        Thread.sleep(Math.max(0, seconds * 1000L - (long) ms));
        synchronized (closed) {
            System.out.printf("slow connections closed by the server within %d s: %d of %d%n", seconds, closed[0], slowClients);
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
