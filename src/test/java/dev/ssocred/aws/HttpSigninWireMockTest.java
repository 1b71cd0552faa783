package dev.ssocred.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ssocred.ServiceException;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.RoleCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpSigninWireMockTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    static final RoleCredentials CREDS = new RoleCredentials("ASIAWIRE", "wire-secret-key", "wire-session-token",
            Instant.now().plus(Duration.ofHours(1)), "111122223333");

    private String call() {
        return new HttpSignin(new SdkClients(Duration.ofSeconds(2), Duration.ofSeconds(5), false)).signinToken(
                wm.baseUrl() + "/federation", CREDS, ServiceEndpoints.fromEnvironment(new Environment(Map.of())));
    }

    @Test
    void sendsTheSessionJsonAndReturnsTheToken() {
        wm.stubFor(get(urlPathEqualTo("/federation")).willReturn(okJson("{\"SigninToken\":\"tok-1\"}")));
        assertEquals("tok-1", call());
        wm.verify(getRequestedFor(urlPathEqualTo("/federation")).withQueryParam("Action", equalTo("getSigninToken"))
                .withQueryParam("Session", equalTo("{\"sessionId\":\"ASIAWIRE\",\"sessionKey\":\"wire-secret-key\","
                        + "\"sessionToken\":\"wire-session-token\"}")));
    }

    @Test
    void aRefusalIsAccessDeniedAndNeverQuotesTheRequest() {
        wm.stubFor(get(urlPathEqualTo("/federation")).willReturn(aResponse().withStatus(400).withBody("Bad Request")));
        ServiceException e = assertThrows(ServiceException.class, this::call);
        assertEquals(ServiceException.Kind.ACCESS_DENIED, e.kind());
        assertEquals("getSigninToken at " + wm.baseUrl() + "/federation: HTTP 400", e.describe());
        assertFalse(e.describe().contains("wire-s"), e.describe());
    }

    @Test
    void anAnswerWithoutATokenIsNotAccepted() {
        wm.stubFor(get(urlPathEqualTo("/federation")).willReturn(okJson("{\"Other\":1}")));
        assertEquals(ServiceException.Kind.OTHER, assertThrows(ServiceException.class, this::call).kind());
        wm.stubFor(get(urlPathEqualTo("/federation")).willReturn(aResponse().withStatus(200).withBody("<html>")));
        assertEquals(ServiceException.Kind.OTHER, assertThrows(ServiceException.class, this::call).kind());
    }

    @Test
    void urlsInConnectionMessagesAreDropped() {
        assertEquals("Server returned HTTP response code: 400 for URL: <the endpoint>",
                HttpSignin.withoutUrls("Server returned HTTP response code: 400 for URL: https://x/federation?Session=%7B"));
    }
}
