package dev.productupload.entrypoint.local;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the local server holds connections, so that slow clients cannot wedge it. The JDK server reads a request's
 * headers and body on the worker that serves it, so a client sending one byte a second holds a worker: a fixed
 * pool of 8 let 8 such clients block every other request. Here a worker is started for every request up to
 * {@link #MAX_CONNECTIONS}, and the JDK server closes a connection whose request is not complete within
 * {@link #MAX_REQUEST_TIME} or whose response is not taken within {@link #MAX_RESPONSE_TIME}.
 *
 * <p>The limits are the JDK server's own system properties ({@code sun.net.httpserver.maxReqTime},
 * {@code maxRspTime}, {@code jdk.httpserver.maxConnections}, all in JDK 17), read once per JVM when its first
 * server starts; one set on the command line ({@code -D}) is left as it is. On a timeout the JDK server closes the
 * connection without a response: it reads headers before any handler runs, so it offers no place to answer 408.
 */
final class LocalConnections {

    /** Connections served at once; one more is closed at accept. Each holds at most one worker. */
    static final int MAX_CONNECTIONS = 1000;
    /** From the first byte of a request to its last (headers and body). */
    static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(20);
    /** From a complete request to its response sent: the pipeline's own budget plus room to write. */
    static final Duration MAX_RESPONSE_TIME = Duration.ofSeconds(60);

    private static final Duration IDLE_WORKER = Duration.ofSeconds(30);

    private LocalConnections() {
    }

    /** Sets the JDK server's limits that are not set yet; call before the first server is created. */
    static void configureJdkServer() {
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_TIME.toSeconds()));
        setIfAbsent("sun.net.httpserver.maxRspTime", Long.toString(MAX_RESPONSE_TIME.toSeconds()));
        setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
        // Without TCP_NODELAY the JDK server's separate header and body writes wait for a delayed ACK: 40 ms a response.
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /**
     * Workers started on demand and stopped when idle, at most one per connection. Past the cap the executor
     * refuses, and the JDK server closes that connection (its dispatcher catches the refusal).
     */
    static ExecutorService workers() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, "local-server-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, MAX_CONNECTIONS, IDLE_WORKER.toSeconds(), TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemons, new ThreadPoolExecutor.AbortPolicy());
    }
}
