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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdkPortalApiWireMockTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final SdkClients NO_RETRY = new SdkClients(Duration.ofSeconds(2), Duration.ofSeconds(5), false);

    private PortalApi api() {
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL_SSO", wm.baseUrl()));
        return SdkPortalApi.factory(NO_RETRY).create("eu-west-1", ServiceEndpoints.fromEnvironment(env));
    }

    @Test
    void getRoleCredentialsSendsBearerHeaderAndQuery() {
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(okJson("{\"roleCredentials\":{"
                + "\"accessKeyId\":\"ASIA\",\"secretAccessKey\":\"S\",\"sessionToken\":\"T\",\"expiration\":1704164645000}}")));
        RoleCredentials c = api().getRoleCredentials("the-token", "111122223333", "ReadOnly");
        assertEquals(new RoleCredentials("ASIA", "S", "T", Instant.parse("2024-01-02T03:04:05Z"), "111122223333"), c);
        wm.verify(getRequestedFor(urlPathEqualTo("/federation/credentials"))
                .withQueryParam("account_id", equalTo("111122223333"))
                .withQueryParam("role_name", equalTo("ReadOnly"))
                .withHeader("x-amz-sso_bearer_token", equalTo("the-token")));
    }

    @Test
    void servicesSectionPointsTheClientAtTheEndpoint() {
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(okJson("{\"roleCredentials\":{"
                + "\"accessKeyId\":\"ASIA\",\"secretAccessKey\":\"S\",\"sessionToken\":\"T\",\"expiration\":1704164645000}}")));
        String config = "[profile dev]\nservices = local\n[services local]\nsso =\n  endpoint_url = " + wm.baseUrl() + "\n";
        Environment env = new Environment(Map.of());
        ProfileResolver r = new ProfileResolver(new AwsConfig(IniParser.parse(config, "c"), IniFile.empty("k"), w -> { }), env);
        PortalApi api = SdkPortalApi.factory(NO_RETRY).create("eu-west-1", r.endpoints(r.profile("dev")));
        assertEquals("ASIA", api.getRoleCredentials("t", "1", "R").accessKeyId());
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
        var e = assertThrows(ServiceException.class, () -> api().getRoleCredentials("t", "1", "R"));
        assertEquals(kind, e.kind());
    }

    @Test
    void incompleteAnswerIsAnError() {
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(okJson("{\"roleCredentials\":{}}")));
        var e = assertThrows(ServiceException.class, () -> api().getRoleCredentials("t", "1", "R"));
        assertEquals(Kind.OTHER, e.kind());
    }
}
