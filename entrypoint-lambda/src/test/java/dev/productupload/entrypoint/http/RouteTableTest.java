package dev.productupload.entrypoint.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    private static final Endpoint OK = (request, log) -> HttpResponse.json(200, new byte[0]);
    private static final RouteTable TABLE = RouteTable.of(List.of(
            Route.get("/products/{productId}", OK),
            Route.postJson("/products/{productId}", OK, "{}"),
            Route.get("/products/{productId}/files/{fileId}", OK)));

    private static HttpRequest request(String method, String path) {
        return TestApi.request(method, path, Map.of(), null);
    }

    @Test
    void matchesATemplateAndDecodesEachPathParameterOnceAfterMatching() {
        // when
        RouteTable.Resolved resolved = TABLE.resolve(request("GET", "/products/a%2Fb%20c/files/%25"));

        // then
        assertThat(resolved.route().template().text()).isEqualTo("/products/{productId}/files/{fileId}");
        assertThat(resolved.request().pathParameters()).containsExactlyInAnyOrderEntriesOf(
                Map.of("productId", "a/b c", "fileId", "%"));
    }

    @Test
    void keepsAPlusSignInAPathSegment() {
        assertThat(TABLE.resolve(request("GET", "/products/a+b")).request().pathParameter("productId")).isEqualTo("a+b");
    }

    @Test
    void ignoresATrailingSlash() {
        assertThat(TABLE.resolve(request("GET", "/products/p-1/")).request().pathParameter("productId")).isEqualTo("p-1");
    }

    @Test
    void refusesAWrongMethodOnAKnownPathListingEveryMethodOfThatPath() {
        assertThatThrownBy(() -> TABLE.resolve(request("DELETE", "/products/p-1")))
                .isInstanceOfSatisfying(RequestRejectedException.class, rejected -> {
                    assertThat(rejected.problem()).isEqualTo(Problem.METHOD_NOT_ALLOWED);
                    assertThat(rejected.allowedMethods()).containsExactly("GET", "POST");
                });
    }

    @Test
    void refusesAnUnknownPathAsNotFound() {
        for (String path : List.of("/", "/products", "/products/p-1/files", "/products//files/f", "/other/p-1")) {
            assertThatThrownBy(() -> TABLE.resolve(request("GET", path)))
                    .isInstanceOfSatisfying(RequestRejectedException.class,
                            rejected -> assertThat(rejected.problem()).isEqualTo(Problem.NOT_FOUND));
        }
    }

    @Test
    void refusesAPathParameterThatIsNotPercentEncodedUtf8() {
        for (String path : List.of("/products/%ZZ", "/products/abc%2", "/products/%C3%28")) {
            assertThatThrownBy(() -> TABLE.resolve(request("GET", path)))
                    .isInstanceOfSatisfying(RequestRejectedException.class,
                            rejected -> assertThat(rejected.problem()).isEqualTo(Problem.INVALID_REQUEST));
        }
    }

    @Test
    void resolvesTheTemplateApiGatewayMatchedWithTheParametersItDecoded() {
        // when
        RouteTable.Resolved resolved = TABLE.resolveTemplate(request("GET", "/v1/products/a%2Fb"),
                "/products/{productId}", Map.of("productId", "a/b"));

        // then
        assertThat(resolved.route().method()).isEqualTo("GET");
        assertThat(resolved.request().pathParameter("productId")).isEqualTo("a/b");
    }

    @Test
    void decodesAQueryOnceKeepingRepeatedValuesInOrder() {
        assertThat(PercentDecoding.query("limit=5&cursor=a%3Db&limit=7&flag&q=a+b"))
                .containsExactly(Map.entry("limit", List.of("5", "7")), Map.entry("cursor", List.of("a=b")),
                        Map.entry("flag", List.of("")), Map.entry("q", List.of("a b")));
    }

    @Test
    void refusesARouteListedTwice() {
        assertThatThrownBy(() -> RouteTable.of(List.of(Route.get("/a", OK), Route.get("/a", OK))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
