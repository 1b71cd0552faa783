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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.sso.OidcApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drives the real SDK client through AWS_ENDPOINT_URL_SSO_OIDC and checks the wire shapes and the error mapping. */
class SdkOidcApiWireMockTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final SdkClients NO_RETRY = new SdkClients(Duration.ofSeconds(2), Duration.ofSeconds(5), false);

    private OidcApi api() {
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL_SSO_OIDC", wm.baseUrl()));
        return SdkOidcApi.factory(NO_RETRY).create("us-east-1", ServiceEndpoints.fromEnvironment(env));
    }

    @Test
    void registerClientSendsPublicClientWithScopes() {
        wm.stubFor(post("/client/register").willReturn(okJson(
                "{\"clientId\":\"cid\",\"clientSecret\":\"cs\",\"clientIdIssuedAt\":1,\"clientSecretExpiresAt\":1711929600}")));
        OidcApi.Registered r = api().registerClient("ssocred-client-corp", List.of("sso:account:access"));
        assertEquals("cid", r.clientId());
        assertEquals(1711929600L, r.clientSecretExpiresAt());
        wm.verify(postRequestedFor(urlEqualTo("/client/register"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"clientName\":\"ssocred-client-corp\",\"clientType\":\"public\","
                        + "\"scopes\":[\"sso:account:access\"]}")));
        var event = wm.getAllServeEvents().get(0);
        assertFalse(event.getRequest().containsHeader("Authorization"), "these operations are unsigned");
    }

    @Test
    void registerClientWithoutScopesSendsNone() {
        wm.stubFor(post("/client/register").willReturn(okJson(
                "{\"clientId\":\"cid\",\"clientSecret\":\"cs\",\"clientSecretExpiresAt\":1711929600}")));
        api().registerClient("n", null);
        wm.verify(postRequestedFor(urlEqualTo("/client/register"))
                .withRequestBody(equalToJson("{\"clientName\":\"n\",\"clientType\":\"public\"}")));
    }

    @Test
    void startDeviceAuthorizationSendsClientAndStartUrl() {
        wm.stubFor(post("/device_authorization").willReturn(okJson("{\"deviceCode\":\"dc\",\"userCode\":\"ABCD-EFGH\","
                + "\"verificationUri\":\"https://v\",\"verificationUriComplete\":\"https://v?user_code=ABCD-EFGH\","
                + "\"expiresIn\":600,\"interval\":1}")));
        OidcApi.DeviceAuthorization a = api().startDeviceAuthorization("cid", "cs", "https://d-1.awsapps.com/start");
        assertEquals(new OidcApi.DeviceAuthorization("dc", "ABCD-EFGH", "https://v", "https://v?user_code=ABCD-EFGH", 600, 1), a);
        wm.verify(postRequestedFor(urlEqualTo("/device_authorization")).withRequestBody(equalToJson(
                "{\"clientId\":\"cid\",\"clientSecret\":\"cs\",\"startUrl\":\"https://d-1.awsapps.com/start\"}")));
    }

    @Test
    void createTokenWithDeviceCode() {
        wm.stubFor(post("/token").willReturn(okJson(
                "{\"accessToken\":\"at\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,\"refreshToken\":\"rt\"}")));
        assertEquals(new OidcApi.TokenGrant("at", 28800, "rt"), api().createTokenWithDeviceCode("cid", "cs", "dc"));
        wm.verify(postRequestedFor(urlEqualTo("/token")).withRequestBody(equalToJson("{\"clientId\":\"cid\","
                + "\"clientSecret\":\"cs\",\"grantType\":\"urn:ietf:params:oauth:grant-type:device_code\",\"deviceCode\":\"dc\"}")));
    }

    @Test
    void createTokenWithRefreshToken() {
        wm.stubFor(post("/token").willReturn(okJson("{\"accessToken\":\"at2\",\"expiresIn\":3600}")));
        assertEquals(new OidcApi.TokenGrant("at2", 3600, null), api().createTokenWithRefreshToken("cid", "cs", "rt"));
        wm.verify(postRequestedFor(urlEqualTo("/token")).withRequestBody(equalToJson("{\"clientId\":\"cid\","
                + "\"clientSecret\":\"cs\",\"grantType\":\"refresh_token\",\"refreshToken\":\"rt\"}")));
    }

    @ParameterizedTest
    @CsvSource({
            "400, AuthorizationPendingException, authorization_pending, AUTHORIZATION_PENDING",
            "400, SlowDownException, slow_down, SLOW_DOWN",
            "400, ExpiredTokenException, expired_token, EXPIRED_TOKEN",
            "400, AccessDeniedException, access_denied, ACCESS_DENIED",
            "400, InvalidGrantException, invalid_grant, INVALID_GRANT",
            "401, InvalidClientException, invalid_client, INVALID_CLIENT",
            "400, UnauthorizedClientException, unauthorized_client, INVALID_CLIENT",
            "400, InvalidRequestException, invalid_request, INVALID_REQUEST",
            "500, InternalServerException, server_error, SERVER_ERROR",
            "429, ThrottlingException, throttled, THROTTLED",
            "503, ServiceUnavailable, unavailable, SERVER_ERROR"})
    void mapsEveryModeledError(int status, String type, String error, Kind kind) {
        wm.stubFor(post("/token").willReturn(aResponse().withStatus(status).withHeader("x-amzn-ErrorType", type)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + error + "\",\"error_description\":\"details\"}")));
        var e = assertThrows(ServiceException.class, () -> api().createTokenWithDeviceCode("cid", "cs", "dc"));
        assertEquals(kind, e.kind());
        assertEquals("CreateToken", e.operation());
        assertEquals(wm.baseUrl(), e.endpoint());
    }

    @ParameterizedTest
    @CsvSource({"InvalidGrantException", "InvalidGrantException:http://internal.amazon.com/coral/com.amazon.switchboard.service/"})
    void theOauthFieldsAreReadWhateverTheErrorTypeHeaderCarries(String header) {
        wm.stubFor(post("/token").willReturn(aResponse().withStatus(400).withHeader("x-amzn-ErrorType", header)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token provided\"}")));
        var e = assertThrows(ServiceException.class, () -> api().createTokenWithRefreshToken("cid", "cs", "secret-rt"));
        assertEquals(Kind.INVALID_GRANT, e.kind());
        assertEquals("invalid_grant: Invalid refresh token provided", e.getMessage());
    }

    @Test
    void invalidGrantMessageCarriesTheOauthFields() {
        wm.stubFor(post("/token").willReturn(aResponse().withStatus(400).withHeader("x-amzn-ErrorType", "InvalidGrantException")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token provided\"}")));
        var e = assertThrows(ServiceException.class, () -> api().createTokenWithRefreshToken("cid", "cs", "secret-rt"));
        assertEquals("invalid_grant: Invalid refresh token provided", e.getMessage());
        assertFalse(e.describe().contains("secret-rt"));
    }

    @Test
    void malformedAnswerIsAnError() {
        wm.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody("<html>proxy login</html>")));
        var e = assertThrows(ServiceException.class, () -> api().createTokenWithDeviceCode("cid", "cs", "dc"));
        assertEquals(Kind.OTHER, e.kind());
        assertEquals("the answer is not what the API defines", e.getMessage());
    }

    @Test
    void anUnreadableTokenAnswerNeverReachesMessagesOrDebugTraces() {
        wm.stubFor(post("/token").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"accessToken\": SECRETTOKENVALUE}")));
        var e = assertThrows(ServiceException.class, () -> api().createTokenWithDeviceCode("cid", "cs", "dc"));
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        assertFalse(trace.toString().contains("SECRETTOKENVALUE"), trace.toString());
    }

    @Test
    void answerWithoutAccessTokenIsAnError() {
        wm.stubFor(post("/token").willReturn(okJson("{}")));
        var e = assertThrows(ServiceException.class, () -> api().createTokenWithDeviceCode("cid", "cs", "dc"));
        assertEquals(Kind.OTHER, e.kind());
    }

    @Test
    void unreachableEndpointIsANetworkError() {
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:1"));
        OidcApi api = SdkOidcApi.factory(NO_RETRY).create("us-east-1", ServiceEndpoints.fromEnvironment(env));
        var e = assertThrows(ServiceException.class, () -> api.createTokenWithDeviceCode("cid", "cs", "dc"));
        assertEquals(Kind.NETWORK, e.kind());
    }

    @Test
    void stalledEndpointTimesOut() {
        wm.stubFor(post("/token").willReturn(okJson("{}").withFixedDelay(4000)));
        SdkClients quick = new SdkClients(Duration.ofSeconds(1), Duration.ofMillis(500), false);
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL_SSO_OIDC", wm.baseUrl()));
        OidcApi api = SdkOidcApi.factory(quick).create("us-east-1", ServiceEndpoints.fromEnvironment(env));
        var e = assertThrows(ServiceException.class, () -> api.createTokenWithDeviceCode("cid", "cs", "dc"));
        assertEquals(Kind.NETWORK, e.kind());
    }
}
