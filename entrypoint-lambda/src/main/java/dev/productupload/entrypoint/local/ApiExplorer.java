package dev.productupload.entrypoint.local;

import dev.productupload.entrypoint.http.Endpoint;
import dev.productupload.entrypoint.http.HttpRequest;
import dev.productupload.entrypoint.http.HttpResponse;
import dev.productupload.entrypoint.http.Problem;
import dev.productupload.entrypoint.http.RequestLog;
import dev.productupload.entrypoint.http.RequestRejectedException;
import dev.productupload.entrypoint.http.Route;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local server's API explorer: {@code docs/openapi.yaml} at {@code /openapi.yaml} and Swagger UI at
 * {@code /docs}, from the Swagger UI webjar on the class path (nothing from a CDN), so a newcomer can click
 * through the API and send requests from the browser.
 */
final class ApiExplorer {

    static final String DOCUMENT = "/openapi.yaml";
    static final String PAGE = "/docs";
    /** Where the build puts docs/openapi.yaml and the request schema it refers to. */
    private static final String DOCUMENT_RESOURCE = "/docs/openapi.yaml";
    private static final String SCHEMA_RESOURCE = "/schema/upload-request.schema.json";
    private static final String SCHEMA_REFERENCE = "'../entrypoint-lambda/src/main/resources/schema/upload-request.schema.json'";
    private static final String LOCAL_SERVER = "url: http://localhost:8080";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    /** The Swagger UI files the page loads, and their media types. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private ApiExplorer() {
    }

    /** The explorer's routes: the document, the schema it refers to, the page, its script and Swagger UI's files. */
    static List<Route> routes() {
        String document = text(DOCUMENT_RESOURCE).replace(SCHEMA_REFERENCE, "'." + SCHEMA_RESOURCE + "'");
        byte[] schema = bytes(SCHEMA_RESOURCE);
        byte[] page = bytes("/explorer/index.html");
        byte[] script = bytes("/explorer/explorer.js");
        String webjar = WEBJAR + swaggerUiVersion() + "/";
        return List.of(
                Route.get(DOCUMENT, new DocumentEndpoint(document)),
                Route.get(SCHEMA_RESOURCE, (request, log) -> ok("application/schema+json", schema)),
                Route.get(PAGE, (request, log) -> ok("text/html; charset=utf-8", page)),
                Route.get(PAGE + "/explorer.js", (request, log) -> ok("text/javascript; charset=utf-8", script)),
                Route.get(PAGE + "/{asset}", new AssetEndpoint(webjar)));
    }

    /** The document, its servers entry naming the address the browser reached this server at. */
    private record DocumentEndpoint(String document) implements Endpoint {
        @Override
        public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
            String host = request.header("Host");
            String served = host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+") ? document
                    : document.replace(LOCAL_SERVER, "url: http://" + host);
            return ok("application/yaml; charset=utf-8", served.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One of Swagger UI's files, by name; nothing else of the class path. */
    private record AssetEndpoint(String webjar) implements Endpoint {
        @Override
        public HttpResponse handle(HttpRequest request, RequestLog.Entry log) {
            String asset = request.pathParameter("asset");
            String type = ASSETS.get(asset);
            if (type == null) {
                throw new RequestRejectedException(Problem.NOT_FOUND, "the explorer has no file " + asset);
            }
            return ok(type, bytes(webjar + asset));
        }
    }

    private static HttpResponse ok(String contentType, byte[] body) {
        return new HttpResponse(200, Map.of("Content-Type", contentType, "Cache-Control", "no-cache"), body);
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = resource("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ApiExplorer.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the local server's class path");
        }
        return in;
    }
}
