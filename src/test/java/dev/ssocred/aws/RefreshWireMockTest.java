package dev.ssocred.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ssocred.ServiceException;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.sso.OidcApi;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refresh (CreateToken, grant refresh_token) on the wire, through the SDK's client and through
 * {@link HttpOidcApi}, which replaced it: the same request, and for every answer the same grant or the same error,
 * to the letter.
 */
class RefreshWireMockTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final OidcApi.Factory SDK = SdkOidcApi.factory(
            new SdkClients(Duration.ofSeconds(2), Duration.ofSeconds(5), false));
    /** Ours, on its own: the SDK's factory behind it must never be reached for a refresh. */
    private static final OidcApi.Factory HTTP = HttpOidcApi.factory(() -> {
        throw new AssertionError("the refresh went to the SDK");
    }, new RestJson.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), false, d -> { }));

    private static OidcApi api(OidcApi.Factory f) {
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL_SSO_OIDC", wm.baseUrl()));
        return f.create("us-east-1", ServiceEndpoints.fromEnvironment(env));
    }

    private static String outcome(Supplier<OidcApi.TokenGrant> call) {
        try {
            OidcApi.TokenGrant g = call.get();
            return "ok " + g.accessToken() + " " + g.expiresIn() + " " + g.refreshToken();
        } catch (ServiceException e) {
            return e.kind() + " " + e.describe();
        }
    }

    private static String refresh(OidcApi.Factory f) {
        return outcome(() -> api(f).createTokenWithRefreshToken("cid", "c-secret", "r-token"));
    }

    @Test
    void bothSendTheSameRequest() {
        wm.stubFor(post("/token").willReturn(okJson("{\"accessToken\":\"AT\",\"tokenType\":\"Bearer\","
                + "\"expiresIn\":28800,\"refreshToken\":\"RT2\"}")));
        assertEquals("ok AT 28800 RT2", refresh(SDK));
        assertEquals("ok AT 28800 RT2", refresh(HTTP));
        wm.verify(2, postRequestedFor(urlEqualTo("/token")).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"clientId\":\"cid\",\"clientSecret\":\"c-secret\","
                        + "\"grantType\":\"refresh_token\",\"refreshToken\":\"r-token\"}")));
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("no new refresh token", okJson("{\"accessToken\":\"AT\",\"expiresIn\":3600}")),
                Arguments.of("unknown and null fields", okJson("{\"x\":{},\"accessToken\":\"AT\",\"expiresIn\":1,"
                        + "\"refreshToken\":null,\"idToken\":\"i\"}")),
                Arguments.of("invalid_grant", error(400, "InvalidGrantException",
                        "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token provided\"}")),
                Arguments.of("invalid_grant, no description", error(400, "InvalidGrantException",
                        "{\"error\":\"invalid_grant\"}")),
                Arguments.of("invalid_grant, no fields", error(400, "InvalidGrantException", "{}")),
                Arguments.of("invalid_client", error(401, "InvalidClientException",
                        "{\"error\":\"invalid_client\",\"error_description\":\"client expired\"}")),
                Arguments.of("expired_token", error(400, "ExpiredTokenException",
                        "{\"error\":\"expired_token\",\"error_description\":\"line one\\nline two\"}")),
                Arguments.of("access_denied", error(400, "AccessDeniedException", "{\"error\":\"access_denied\"}")),
                Arguments.of("unauthorized_client", error(400, "UnauthorizedClientException",
                        "{\"error\":\"unauthorized_client\",\"error_description\":\"d\"}")),
                Arguments.of("invalid_request", error(400, "InvalidRequestException",
                        "{\"error\":\"invalid_request\",\"error_description\":\"d\"}")),
                Arguments.of("internal", error(500, "InternalServerException", "{\"error\":\"server_error\"}")),
                Arguments.of("namespaced type", error(400,
                        "InvalidGrantException:http://internal.amazon.com/coral/com.amazonaws.awsssooidc/",
                        "{\"error\":\"invalid_grant\",\"error_description\":\"d\"}")),
                Arguments.of("type in the body", aResponse().withStatus(400).withBody(
                        "{\"__type\":\"com.amazonaws.awsssooidc#InvalidGrantException\",\"error\":\"invalid_grant\"}")),
                Arguments.of("an unmodeled type", error(400, "SomethingNewException", "{\"message\":\"new\"}")),
                Arguments.of("no type, throttled", aResponse().withStatus(429).withBody("{\"message\":\"slow\"}")),
                Arguments.of("a proxy's page", aResponse().withStatus(502).withBody("<html>Bad gateway</html>")),
                Arguments.of("not JSON", okJson("accessToken")),
                Arguments.of("empty", okJson("{}")),
                Arguments.of("no expiresIn", okJson("{\"accessToken\":\"AT\"}")),
                Arguments.of("expiresIn a string", okJson("{\"accessToken\":\"AT\",\"expiresIn\":\"3600\"}")),
                Arguments.of("accessToken a number", okJson("{\"accessToken\":7,\"expiresIn\":3600}")));
    }

    private static ResponseDefinitionBuilder error(int status, String type, String body) {
        return aResponse().withStatus(status).withHeader("x-amzn-ErrorType", type).withBody(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void bothReadEveryAnswerAlike(String name, ResponseDefinitionBuilder answer) {
        wm.stubFor(post("/token").willReturn(answer));
        assertEquals(refresh(SDK), refresh(HTTP));
    }

    @Test
    void theAuthorizeBaseIsTheEndpointsOrigin() {
        assertEquals(api(SDK).authorizeBase(), api(HTTP).authorizeBase());
        Environment none = new Environment(Map.of());
        assertEquals("https://oidc.eu-west-1.amazonaws.com",
                HTTP.create("eu-west-1", ServiceEndpoints.fromEnvironment(none)).authorizeBase());
        assertNull(Partitions.endpoint("sso_oidc", "oidc", "eu-west-1",
                ServiceEndpoints.fromEnvironment(new Environment(Map.of("AWS_USE_DUALSTACK_ENDPOINT", "true")))));
        // The browser goes to the partition's host, as the AWS CLI sends it to its sso-oidc client's endpoint (the
        // SDK adapter's own fallback said amazonaws.com for every region).
        assertEquals("https://oidc.cn-north-1.amazonaws.com.cn",
                HTTP.create("cn-north-1", ServiceEndpoints.fromEnvironment(none)).authorizeBase());
    }
}
