package dev.productupload.adapters.aws.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forwards loopback TCP connections to a server, byte for byte (signatures stay valid), and can cut them:
 * while unreachable it closes every open connection and every new one at once.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean reachable = true;
    private volatile boolean stalled;
    private final AtomicInteger responsesToCut = new AtomicInteger();
    private volatile ByteArrayOutputStream requestCapture;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
        if (!reachable) {
            open.forEach(TcpProxy::closeQuietly);
            open.clear();
        }
    }

    /**
     * While stalled, connections are accepted and bytes are read but held, in both directions, as by a server
     * that froze: a client sees its call hang until its own timeout. Un-stalling delivers what was held; cutting
     * ({@code setReachable(false)}) drops it.
     */
    public void setStalled(boolean stalled) {
        synchronized (this) {
            this.stalled = stalled;
            notifyAll();
        }
    }

    /**
     * The next {@code count} responses are dropped as they start to come back, and their connections closed: the
     * server received and processed each request, the client never hears the answer.
     */
    public void cutNextResponses(int count) {
        responsesToCut.set(count);
    }

    /**
     * Runs {@code action} and returns every byte clients sent to the server meanwhile, as the server received them.
     */
    public byte[] requestBytesDuring(Runnable action) {
        ByteArrayOutputStream capture = new ByteArrayOutputStream();
        requestCapture = capture;
        try {
            action.run();
        } finally {
            requestCapture = null;
        }
        synchronized (capture) {
            return capture.toByteArray();
        }
    }

    private void capture(byte[] buffer, int length) {
        ByteArrayOutputStream capture = requestCapture;
        if (capture != null) {
            synchronized (capture) {
                capture.write(buffer, 0, length);
            }
        }
    }

    private boolean cutThisResponse() {
        return responsesToCut.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    private void awaitNotStalled() throws InterruptedException {
        synchronized (this) {
            while (stalled) {
                wait(100);
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (!reachable) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                // Forward each chunk as it comes: Nagle's algorithm on a relay adds delays no direct path has.
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                pipe(client, server, false);
                pipe(server, client, true);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean towardsClient) {
        Thread copier = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    awaitNotStalled();
                    if (!open.contains(to) || towardsClient && cutThisResponse()) {
                        return;
                    }
                    if (!towardsClient) {
                        capture(buffer, read);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // The other side closed, or the proxy cut the connection.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        setReachable(false);
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
