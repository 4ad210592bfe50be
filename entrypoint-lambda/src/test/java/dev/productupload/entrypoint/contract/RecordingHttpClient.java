package dev.productupload.entrypoint.contract;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * An {@link HttpClient} that keeps the raw bytes of every response it receives, so a test can hold the exact body
 * against the document while the generated client reads it into its models.
 */
final class RecordingHttpClient extends HttpClient {

    /** One request and the response it got, as on the wire. */
    record Exchange(String method, URI uri, int status, HttpHeaders headers, byte[] body) {
    }

    private final HttpClient delegate;
    private final Consumer<Exchange> recorder;

    private RecordingHttpClient(HttpClient delegate, Consumer<Exchange> recorder) {
        this.delegate = delegate;
        this.recorder = recorder;
    }

    /** A builder for the generated {@code ApiClient}, whose clients record into the given consumer. */
    static HttpClient.Builder builder(Consumer<Exchange> recorder) {
        HttpClient.Builder real = HttpClient.newBuilder();
        return new HttpClient.Builder() {
            @Override
            public Builder cookieHandler(CookieHandler cookieHandler) {
                real.cookieHandler(cookieHandler);
                return this;
            }

            @Override
            public Builder connectTimeout(Duration duration) {
                real.connectTimeout(duration);
                return this;
            }

            @Override
            public Builder sslContext(SSLContext sslContext) {
                real.sslContext(sslContext);
                return this;
            }

            @Override
            public Builder sslParameters(SSLParameters sslParameters) {
                real.sslParameters(sslParameters);
                return this;
            }

            @Override
            public Builder executor(Executor executor) {
                real.executor(executor);
                return this;
            }

            @Override
            public Builder followRedirects(Redirect policy) {
                real.followRedirects(policy);
                return this;
            }

            @Override
            public Builder version(Version version) {
                real.version(version);
                return this;
            }

            @Override
            public Builder priority(int priority) {
                real.priority(priority);
                return this;
            }

            @Override
            public Builder proxy(ProxySelector proxySelector) {
                real.proxy(proxySelector);
                return this;
            }

            @Override
            public Builder authenticator(Authenticator authenticator) {
                real.authenticator(authenticator);
                return this;
            }

            @Override
            public HttpClient build() {
                return new RecordingHttpClient(real.build(), recorder);
            }
        };
    }

    /**
     * Sends, records, and hands the body on as a stream: the generated native client reads every body with
     * {@code BodyHandlers.ofInputStream()}.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = delegate.send(request, HttpResponse.BodyHandlers.ofByteArray());
        recorder.accept(new Exchange(request.method(), request.uri(), response.statusCode(), response.headers(),
                response.body()));
        return (HttpResponse<T>) new Replayed(response);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("the contract tests call the API synchronously");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        throw new UnsupportedOperationException("the contract tests call the API synchronously");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    /** The recorded response, its body readable once more. */
    private record Replayed(HttpResponse<byte[]> response) implements HttpResponse<java.io.InputStream> {

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<java.io.InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public java.io.InputStream body() {
            return new ByteArrayInputStream(response.body());
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public Version version() {
            return response.version();
        }
    }
}
