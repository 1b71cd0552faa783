package dev.ssocred.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.AwsConfig;
import dev.ssocred.config.Environment;
import dev.ssocred.config.IniFile;
import dev.ssocred.config.IniParser;
import dev.ssocred.config.ProfileResolver;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.creds.RoleCredentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GetRoleCredentials on the wire, through the SDK's client and through {@link HttpPortalApi}, which replaced it on
 * the miss path: every case runs on both, and the differential cases require the same answer or the same error, to
 * the letter, from both.
 */
class PortalApiWireMockTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final SdkClients NO_RETRY = new SdkClients(Duration.ofSeconds(2), Duration.ofSeconds(5), false);
    private static final PortalApi.Factory SDK = SdkPortalApi.factory(NO_RETRY);
    /** Ours, on its own: the SDK's factory behind it must never be reached for GetRoleCredentials. */
    private static final PortalApi.Factory HTTP = HttpPortalApi.factory(() -> {
        throw new AssertionError("GetRoleCredentials went to the SDK");
    }, new RestJson.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), false, d -> { }));

    static Stream<Arguments> apis() {
        return Stream.of(Arguments.of("sdk", SDK), Arguments.of("http", HTTP));
    }

    private static PortalApi api(PortalApi.Factory f) {
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL_SSO", wm.baseUrl()));
        return f.create("eu-west-1", ServiceEndpoints.fromEnvironment(env));
    }

    private static final String CREDENTIALS = "{\"roleCredentials\":{\"accessKeyId\":\"ASIA\",\"secretAccessKey\":\"S\","
            + "\"sessionToken\":\"T\",\"expiration\":1704164645000}}";

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void getRoleCredentialsSendsBearerHeaderAndQuery(String name, PortalApi.Factory f) {
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(okJson(CREDENTIALS)));
        RoleCredentials c = api(f).getRoleCredentials("the-token", "111122223333", "Read Only+Admin/x");
        assertEquals(new RoleCredentials("ASIA", "S", "T", Instant.parse("2024-01-02T03:04:05Z"), "111122223333"), c);
        wm.verify(getRequestedFor(urlPathEqualTo("/federation/credentials"))
                .withQueryParam("account_id", equalTo("111122223333"))
                .withQueryParam("role_name", equalTo("Read Only+Admin/x"))
                .withHeader("x-amz-sso_bearer_token", equalTo("the-token")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void servicesSectionPointsTheClientAtTheEndpoint(String name, PortalApi.Factory f) {
        wm.stubFor(get(urlPathEqualTo("/base/federation/credentials")).willReturn(okJson(CREDENTIALS)));
        String config = "[profile dev]\nservices = local\n[services local]\nsso =\n  endpoint_url = " + wm.baseUrl()
                + "/base\n";
        Environment env = new Environment(Map.of());
        ProfileResolver r = new ProfileResolver(new AwsConfig(IniParser.parse(config, "c"), IniFile.empty("k"), w -> { }), env);
        PortalApi api = f.create("eu-west-1", r.endpoints(r.profile("dev")));
        assertEquals("ASIA", api.getRoleCredentials("t", "1", "R").accessKeyId());
    }

    @org.junit.jupiter.api.Test
    void theTokenNeverFollowsARedirect() {
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", wm.baseUrl() + "/elsewhere")));
        wm.stubFor(get(urlPathEqualTo("/elsewhere")).willReturn(okJson(CREDENTIALS)));
        var e = assertThrows(ServiceException.class, () -> api(HTTP).getRoleCredentials("the-token", "1", "R"));
        assertEquals("error (HTTP 307)", e.getMessage());
        wm.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere")));
    }

    @ParameterizedTest
    @CsvSource({
            "401, UnauthorizedException, UNAUTHORIZED",
            "404, ResourceNotFoundException, NOT_FOUND",
            "403, ForbiddenException, ACCESS_DENIED",
            "403, 'ForbiddenException:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/', ACCESS_DENIED",
            "401, 'UnauthorizedException:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/', UNAUTHORIZED",
            "429, TooManyRequestsException, THROTTLED",
            "400, InvalidRequestException, INVALID_REQUEST",
            "500, InternalFailure, SERVER_ERROR"})
    void mapsEveryModeledError(int status, String type, Kind kind) {
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(aResponse().withStatus(status)
                .withHeader("x-amzn-ErrorType", type).withBody("{\"message\":\"nope\"}")));
        for (PortalApi.Factory f : new PortalApi.Factory[] {SDK, HTTP}) {
            var e = assertThrows(ServiceException.class, () -> api(f).getRoleCredentials("t", "1", "R"));
            assertEquals(kind, e.kind());
            assertEquals("GetRoleCredentials", e.operation());
            assertEquals(wm.baseUrl(), e.endpoint());
        }
    }

    /** Odd answers, each given to both clients: the same credentials, or the same kind of error with the same words. */
    static Stream<Arguments> oddAnswers() {
        return Stream.of(
                Arguments.of("type in the body", aResponse().withStatus(400)
                        .withBody("{\"__type\":\"com.amazonaws.switchboard.portal#InvalidRequestException\",\"message\":\"m\"}")),
                Arguments.of("code in the body", aResponse().withStatus(404)
                        .withBody("{\"code\":\"ResourceNotFoundException\",\"Message\":\"gone\"}")),
                Arguments.of("no type, a 403", aResponse().withStatus(403).withBody("{\"message\":\"No access\"}")),
                Arguments.of("a proxy's page", aResponse().withStatus(502).withBody("<html><body>Bad gateway</body></html>")),
                Arguments.of("empty 500", aResponse().withStatus(500)),
                Arguments.of("a 418 with a message", aResponse().withStatus(418).withHeader("x-amzn-ErrorType", "Teapot")
                        .withBody("{\"message\":\"short\\nand stout\"}")),
                Arguments.of("a redirect", aResponse().withStatus(302).withHeader("Location", "/elsewhere")),
                Arguments.of("not JSON", okJson("roleCredentials")),
                Arguments.of("no roleCredentials", okJson("{}")),
                Arguments.of("empty roleCredentials", okJson("{\"roleCredentials\":{}}")),
                Arguments.of("no secret", okJson("{\"roleCredentials\":{\"accessKeyId\":\"A\",\"expiration\":1}}")),
                Arguments.of("no session token", okJson("{\"roleCredentials\":{\"accessKeyId\":\"A\","
                        + "\"secretAccessKey\":\"S\",\"expiration\":1704164645000}}")),
                Arguments.of("unknown fields", okJson("{\"x\":[1,{}],\"roleCredentials\":{\"accessKeyId\":\"A\","
                        + "\"secretAccessKey\":\"S\",\"sessionToken\":\"T\",\"expiration\":1704164645000,\"y\":null}}")),
                Arguments.of("numbers for strings, a string for the number", okJson("{\"roleCredentials\":{"
                        + "\"accessKeyId\":12,\"secretAccessKey\":\"S\",\"sessionToken\":\"T\",\"expiration\":\"1704164645000\"}}")),
                Arguments.of("a fraction for a string", okJson("{\"roleCredentials\":{\"accessKeyId\":1.5,"
                        + "\"secretAccessKey\":\"S\",\"expiration\":1704164645000}}")),
                Arguments.of("a word for the number", okJson("{\"roleCredentials\":{\"accessKeyId\":\"A\","
                        + "\"secretAccessKey\":\"S\",\"expiration\":\"soon\"}}")),
                Arguments.of("a boolean for a string", okJson("{\"roleCredentials\":{\"accessKeyId\":true,"
                        + "\"secretAccessKey\":\"S\",\"expiration\":1}}")),
                Arguments.of("an array for a string", okJson("{\"roleCredentials\":{\"accessKeyId\":\"A\","
                        + "\"secretAccessKey\":\"S\",\"sessionToken\":[1],\"expiration\":1}}")),
                Arguments.of("an object for a string", okJson("{\"roleCredentials\":{\"accessKeyId\":{},"
                        + "\"secretAccessKey\":\"S\",\"expiration\":1}}")),
                Arguments.of("null fields", okJson("{\"roleCredentials\":{\"accessKeyId\":\"A\","
                        + "\"secretAccessKey\":\"S\",\"sessionToken\":null,\"expiration\":1704164645000}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddAnswers")
    void bothClientsReadOddAnswersAlike(String name, ResponseDefinitionBuilder answer) {
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(answer));
        // Where a redirect would lead: a client that followed it would answer with these credentials.
        wm.stubFor(get(urlPathEqualTo("/elsewhere")).willReturn(okJson(CREDENTIALS)));
        assertEquals(outcome(() -> api(SDK).getRoleCredentials("t", "1", "R")),
                outcome(() -> api(HTTP).getRoleCredentials("t", "1", "R")));
    }

    private static String outcome(Supplier<RoleCredentials> call) {
        try {
            RoleCredentials c = call.get();
            return "ok " + c.accessKeyId() + " " + c.secretAccessKey() + " " + c.sessionToken() + " " + c.expiration();
        } catch (ServiceException e) {
            return e.kind() + " " + e.describe();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "us-gov-west-1", "cn-north-1", "us-isob-east-1"})
    void withoutAConfiguredEndpointTheRegionsPartitionIsUsed(String region) {
        URI expected = software.amazon.awssdk.services.sso.endpoints.SsoEndpointProvider.defaultProvider()
                .resolveEndpoint(software.amazon.awssdk.services.sso.endpoints.SsoEndpointParams.builder()
                        .region(software.amazon.awssdk.regions.Region.of(region)).build()).join().url();
        assertEquals(expected, HttpPortalApi.target(region, ServiceEndpoints.fromEnvironment(new Environment(Map.of()))));
    }
}
