package dev.ssocred.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ssocred.ServiceException;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.sso.OidcApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sso-oidc operation on the wire, through the SDK's client and through {@link HttpOidcApi}, which replaced it:
 * the same request, byte for byte, and for every answer the same result or the same error, to the letter.
 */
class OidcWireMockTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final OidcApi.Factory SDK = SdkOidcApi.factory(
            new SdkClients(Duration.ofSeconds(2), Duration.ofSeconds(5), false));
    /** Ours, on its own: the SDK's factory behind it must never be reached for these endpoints. */
    private static final OidcApi.Factory HTTP = HttpOidcApi.factory(() -> {
        throw new AssertionError("the call went to the SDK");
    }, new RestJson.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), false, d -> { }));

    private static OidcApi api(OidcApi.Factory f) {
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL_SSO_OIDC", wm.baseUrl()));
        return f.create("us-east-1", ServiceEndpoints.fromEnvironment(env));
    }

    /** One operation as the login and refresh code call it, and its result as text. */
    enum Operation {
        REFRESH("/token") {
            String call(OidcApi api) {
                return grant(api.createTokenWithRefreshToken("cid", "c-secret", "r-token"));
            }
        },
        AUTH_CODE("/token") {
            String call(OidcApi api) {
                return grant(api.createTokenWithAuthCode("cid", "c-secret", "the-code",
                        "http://127.0.0.1:4242/oauth/callback", "v3r1f13r-~._"));
            }
        },
        DEVICE_CODE("/token") {
            String call(OidcApi api) {
                return grant(api.createTokenWithDeviceCode("cid", "c-secret", "d-code"));
            }
        },
        REGISTER("/client/register") {
            String call(OidcApi api) {
                return registered(api.registerClient("ssocred-client-corp", List.of("sso:account:access", "b")));
            }
        },
        REGISTER_WITHOUT_SCOPES("/client/register") {
            String call(OidcApi api) {
                return registered(api.registerClient("ssocred-client-1700000000", null));
            }
        },
        REGISTER_FOR_AUTH_CODE("/client/register") {
            String call(OidcApi api) {
                return registered(api.registerClientForAuthCode("ssocred-client-corp", List.of("sso:account:access"),
                        "http://127.0.0.1/oauth/callback", "https://d-1234567890.awsapps.com/start"));
            }
        },
        DEVICE_AUTHORIZATION("/device_authorization") {
            String call(OidcApi api) {
                OidcApi.DeviceAuthorization d = api.startDeviceAuthorization("cid", "c-secret",
                        "https://d-1234567890.awsapps.com/start");
                return "ok " + d.deviceCode() + " " + d.userCode() + " " + d.verificationUri() + " "
                        + d.verificationUriComplete() + " " + d.expiresIn() + " " + d.interval();
            }
        };

        final String path;

        Operation(String path) {
            this.path = path;
        }

        abstract String call(OidcApi api);

        String outcome(OidcApi.Factory f) {
            try {
                return call(api(f));
            } catch (ServiceException e) {
                return e.kind() + " " + e.describe();
            }
        }

        private static String grant(OidcApi.TokenGrant g) {
            return "ok " + g.accessToken() + " " + g.expiresIn() + " " + g.refreshToken();
        }

        private static String registered(OidcApi.Registered r) {
            return "ok " + r.clientId() + " " + r.clientSecret() + " " + r.clientSecretExpiresAt();
        }
    }

    private static final String TOKEN = "{\"accessToken\":\"AT\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,"
            + "\"refreshToken\":\"RT2\",\"idToken\":\"i\"}";
    private static final String CLIENT = "{\"clientId\":\"cid\",\"clientSecret\":\"cs\",\"clientIdIssuedAt\":1700000000,"
            + "\"clientSecretExpiresAt\":1711929600,\"authorizationEndpoint\":null,\"tokenEndpoint\":null}";
    private static final String DEVICE = "{\"deviceCode\":\"dc\",\"userCode\":\"ABCD-EFGH\","
            + "\"verificationUri\":\"https://device.sso.us-east-1.amazonaws.com/\","
            + "\"verificationUriComplete\":\"https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH\","
            + "\"expiresIn\":600,\"interval\":1}";

    private static String success(Operation op) {
        return switch (op.path) {
            case "/token" -> TOKEN;
            case "/client/register" -> CLIENT;
            default -> DEVICE;
        };
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void bothSendTheSameRequestByteForByte(Operation op) {
        wm.stubFor(post(op.path).willReturn(okJson(success(op))));
        String sdk = op.outcome(SDK);
        LoggedRequest sdkRequest = onlyRequest();
        wm.resetRequests();
        String ours = op.outcome(HTTP);
        LoggedRequest request = onlyRequest();
        assertTrue(sdk.startsWith("ok "), sdk);
        assertEquals(sdk, ours);
        assertEquals(sdkRequest.getBodyAsString(), request.getBodyAsString());
        assertEquals("application/json", request.getHeader("Content-Type"));
        assertEquals(sdkRequest.getHeader("Content-Type"), request.getHeader("Content-Type"));
        assertFalse(request.containsHeader("Authorization"), "these operations are unsigned");
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = wm.findAll(postRequestedFor(urlMatching(".*")));
        assertEquals(1, all.size());
        return all.get(0);
    }

    /** Answers every operation may get: errors, and a body that is not what the API defines. */
    static Stream<Arguments> errors() {
        return Stream.of(
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
                Arguments.of("authorization_pending", error(400, "AuthorizationPendingException",
                        "{\"error\":\"authorization_pending\",\"error_description\":\"d\"}")),
                Arguments.of("slow_down", error(400, "SlowDownException", "{\"error\":\"slow_down\"}")),
                Arguments.of("unauthorized_client", error(400, "UnauthorizedClientException",
                        "{\"error\":\"unauthorized_client\",\"error_description\":\"d\"}")),
                Arguments.of("invalid_request", error(400, "InvalidRequestException",
                        "{\"error\":\"invalid_request\",\"error_description\":\"d\"}")),
                Arguments.of("invalid_scope", error(400, "InvalidScopeException",
                        "{\"error\":\"invalid_scope\",\"error_description\":\"d\"}")),
                Arguments.of("invalid_client_metadata", error(400, "InvalidClientMetadataException",
                        "{\"error\":\"invalid_client_metadata\",\"error_description\":\"bad redirect\"}")),
                Arguments.of("invalid_redirect_uri", error(400, "InvalidRedirectUriException",
                        "{\"error\":\"invalid_redirect_uri\",\"error_description\":\"d\"}")),
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
                Arguments.of("an array", okJson("[]")),
                Arguments.of("empty", okJson("{}")));
    }

    /** Answers of each operation's own shape: members missing, null, unknown, of another JSON type. */
    static Stream<Arguments> answers() {
        List<Arguments> token = List.of(
                Arguments.of("no new refresh token", okJson("{\"accessToken\":\"AT\",\"expiresIn\":3600}")),
                Arguments.of("unknown and null fields", okJson("{\"x\":{},\"accessToken\":\"AT\",\"expiresIn\":1,"
                        + "\"refreshToken\":null,\"idToken\":\"i\"}")),
                Arguments.of("no expiresIn", okJson("{\"accessToken\":\"AT\"}")),
                Arguments.of("expiresIn a string", okJson("{\"accessToken\":\"AT\",\"expiresIn\":\"3600\"}")),
                Arguments.of("expiresIn past an int", okJson("{\"accessToken\":\"AT\",\"expiresIn\":4294967296}")),
                Arguments.of("accessToken a number", okJson("{\"accessToken\":7,\"expiresIn\":3600}")),
                Arguments.of("accessToken an object", okJson("{\"accessToken\":{},\"expiresIn\":3600}")),
                Arguments.of("refreshToken an array", okJson("{\"accessToken\":\"AT\",\"expiresIn\":3600,"
                        + "\"refreshToken\":[]}")));
        List<Arguments> client = List.of(
                Arguments.of("only what is needed", okJson("{\"clientId\":\"cid\",\"clientSecret\":\"cs\","
                        + "\"clientSecretExpiresAt\":1711929600}")),
                Arguments.of("no clientSecretExpiresAt", okJson("{\"clientId\":\"cid\",\"clientSecret\":\"cs\"}")),
                Arguments.of("no clientSecret", okJson("{\"clientId\":\"cid\",\"clientSecretExpiresAt\":1}")),
                Arguments.of("expiry a string", okJson("{\"clientId\":\"cid\",\"clientSecret\":\"cs\","
                        + "\"clientSecretExpiresAt\":\"1711929600\"}")),
                Arguments.of("expiry a word", okJson("{\"clientId\":\"cid\",\"clientSecret\":\"cs\","
                        + "\"clientSecretExpiresAt\":\"soon\"}")),
                Arguments.of("issued at a float", okJson("{\"clientId\":\"cid\",\"clientSecret\":\"cs\","
                        + "\"clientIdIssuedAt\":1.5,\"clientSecretExpiresAt\":1}")),
                Arguments.of("clientId a number", okJson("{\"clientId\":12,\"clientSecret\":\"cs\","
                        + "\"clientSecretExpiresAt\":1}")));
        List<Arguments> device = List.of(
                Arguments.of("no expiresIn or interval", okJson("{\"deviceCode\":\"dc\",\"userCode\":\"U\","
                        + "\"verificationUri\":\"https://v/\"}")),
                Arguments.of("no userCode", okJson("{\"deviceCode\":\"dc\",\"verificationUri\":\"https://v/\"}")),
                Arguments.of("no verificationUri", okJson("{\"deviceCode\":\"dc\",\"userCode\":\"U\"}")),
                Arguments.of("interval a string", okJson("{\"deviceCode\":\"dc\",\"userCode\":\"U\","
                        + "\"verificationUri\":\"https://v/\",\"interval\":\"5\"}")),
                Arguments.of("interval a boolean", okJson("{\"deviceCode\":\"dc\",\"userCode\":\"U\","
                        + "\"verificationUri\":\"https://v/\",\"interval\":true}")),
                Arguments.of("null complete URI", okJson("{\"deviceCode\":\"dc\",\"userCode\":\"U\","
                        + "\"verificationUri\":\"https://v/\",\"verificationUriComplete\":null,\"expiresIn\":5}")));
        Stream<Arguments> everyError = Stream.of(Operation.values()).flatMap(op -> errors().map(a -> with(op, a)));
        return Stream.of(everyError,
                forEach(token, Operation.REFRESH, Operation.AUTH_CODE, Operation.DEVICE_CODE),
                forEach(client, Operation.REGISTER, Operation.REGISTER_WITHOUT_SCOPES, Operation.REGISTER_FOR_AUTH_CODE),
                forEach(device, Operation.DEVICE_AUTHORIZATION)).flatMap(x -> x);
    }

    private static Stream<Arguments> forEach(List<Arguments> answers, Operation... ops) {
        return Stream.of(ops).flatMap(op -> answers.stream().map(a -> with(op, a)));
    }

    private static Arguments with(Operation op, Arguments a) {
        return Arguments.of(op, a.get()[0], a.get()[1]);
    }

    private static ResponseDefinitionBuilder error(int status, String type, String body) {
        return aResponse().withStatus(status).withHeader("x-amzn-ErrorType", type).withBody(body);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("answers")
    void bothReadEveryAnswerAlike(Operation op, String name, ResponseDefinitionBuilder answer) {
        wm.stubFor(post(op.path).willReturn(answer));
        assertEquals(op.outcome(SDK), op.outcome(HTTP));
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
