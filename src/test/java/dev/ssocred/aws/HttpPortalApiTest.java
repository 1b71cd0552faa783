package dev.ssocred.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.PortalApi;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.endpoints.SsoEndpointParams;
import software.amazon.awssdk.services.sso.endpoints.SsoEndpointProvider;

/** What {@link HttpPortalApi} does besides one answer: the SDK's retries, and which endpoints it leaves to the SDK. */
class HttpPortalApiTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<Long> sleeps = new ArrayList<>();

    private PortalApi api(String endpoint) {
        Environment env = new Environment(Map.of("AWS_ENDPOINT_URL_SSO", endpoint));
        return HttpPortalApi.factory(() -> {
            throw new AssertionError("went to the SDK");
        }, new RestJson.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), true, d -> sleeps.add(d.toMillis())))
                .create("eu-west-1", ServiceEndpoints.fromEnvironment(env));
    }

    private void answers(String... statuses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = "call " + (i + 1);
            int status = Integer.parseInt(statuses[i]);
            wm.stubFor(get(urlPathEqualTo("/federation/credentials")).inScenario("s").whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(status == 200 ? okJson("{\"roleCredentials\":{\"accessKeyId\":\"A\","
                            + "\"secretAccessKey\":\"S\",\"sessionToken\":\"T\",\"expiration\":1704164645000}}")
                            : aResponse().withStatus(status).withBody("{\"message\":\"busy\"}")));
            state = next;
        }
    }

    @Test
    void serverErrorsAreRetriedWithJitteredBackoffFrom100Ms() {
        answers("500", "503", "200");
        assertEquals("A", api(wm.baseUrl()).getRoleCredentials("t", "1", "R").accessKeyId());
        wm.verify(3, getRequestedFor(urlPathEqualTo("/federation/credentials")));
        assertEquals(2, sleeps.size());
        assertTrue(sleeps.get(0) <= 100 && sleeps.get(1) <= 200, sleeps.toString());
    }

    @Test
    void throttlingIsTriedFourTimesWithLongerWaitsThenReported() {
        answers("429", "429", "429", "429", "200");
        var e = assertThrows(ServiceException.class, () -> api(wm.baseUrl()).getRoleCredentials("t", "1", "R"));
        assertEquals(Kind.THROTTLED, e.kind());
        assertEquals("error (HTTP 429): busy", e.getMessage());
        wm.verify(4, getRequestedFor(urlPathEqualTo("/federation/credentials")));
        assertEquals(3, sleeps.size());
        assertTrue(sleeps.get(0) >= 250 && sleeps.get(0) <= 500, sleeps.toString());
        assertTrue(sleeps.get(1) >= 500 && sleeps.get(1) <= 1000, sleeps.toString());
        assertTrue(sleeps.get(2) >= 1000 && sleeps.get(2) <= 2000, sleeps.toString());
    }

    @Test
    void aRefusalIsNotRetried() {
        answers("401", "200");
        var e = assertThrows(ServiceException.class, () -> api(wm.baseUrl()).getRoleCredentials("t", "1", "R"));
        assertEquals(Kind.OTHER, e.kind()); // no type: the status alone, as the SDK has it
        wm.verify(1, getRequestedFor(urlPathEqualTo("/federation/credentials")));
        assertEquals(List.of(), sleeps);
    }

    @Test
    void aNetworkFailureIsRetriedThenNamedAsTheNetworks() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        var e = assertThrows(ServiceException.class,
                () -> api("http://127.0.0.1:" + port).getRoleCredentials("t", "1", "R"));
        assertEquals(Kind.NETWORK, e.kind());
        assertTrue(e.getMessage().startsWith("Unable to execute HTTP request: Connection refused"), e.getMessage());
        assertEquals(3, sleeps.size());
    }

    private static ServiceEndpoints env(String... pairs) {
        Map<String, String> vars = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put(pairs[i], pairs[i + 1]);
        }
        return ServiceEndpoints.fromEnvironment(new Environment(vars));
    }

    @Test
    void endpointsItCannotWorkOutAreLeftToTheSdk() {
        assertNull(HttpPortalApi.target("eu-west-1", env("AWS_USE_FIPS_ENDPOINT", "true")));
        assertNull(HttpPortalApi.target("eu-west-1", env("AWS_USE_DUALSTACK_ENDPOINT", "true")));
        assertNull(HttpPortalApi.target("eu-west-1", env("AWS_USE_FIPS_ENDPOINT", "yes"))); // the SDK says what it makes of it
        assertTrue(env("AWS_USE_DUALSTACK_ENDPOINT", "1").sdkPicks("sso_oidc"));
        assertFalse(env("AWS_USE_FIPS_ENDPOINT", "true", "AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:9").sdkPicks("sso"),
                "a configured endpoint is used as it is");
        // Turned off in so many words: the same endpoint either way, so ours.
        assertEquals(URI.create("https://portal.sso.eu-west-1.amazonaws.com"), HttpPortalApi.target("eu-west-1",
                env("AWS_USE_FIPS_ENDPOINT", "false", "AWS_USE_DUALSTACK_ENDPOINT", "FALSE")));
        assertNull(HttpPortalApi.target("aws-global", env()));
        assertNull(HttpPortalApi.target("eu-west-1", env("AWS_ENDPOINT_URL_SSO", "http://h/p?x=1")));
        assertNull(HttpPortalApi.target("eu-west-1", env("AWS_ENDPOINT_URL_SSO", "localhost:8080")));
        // A configured endpoint is the SDK's choice too, FIPS or not.
        assertEquals(URI.create("http://127.0.0.1:9/x"),
                HttpPortalApi.target("eu-west-1", env("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:9/x",
                        "AWS_USE_FIPS_ENDPOINT", "true")));

        PortalApi fromSdk = new PortalApi() {
            public dev.ssocred.creds.RoleCredentials getRoleCredentials(String a, String b, String c) {
                return null;
            }

            public Page<Account> listAccounts(String a, String b) {
                return null;
            }

            public Page<String> listAccountRoles(String a, String b, String c) {
                return null;
            }

            public void logout(String a) {
            }
        };
        PortalApi made = HttpPortalApi.factory(() -> (region, endpoints) -> fromSdk)
                .create("eu-west-1", env("AWS_USE_FIPS_ENDPOINT", "true"));
        assertSame(fromSdk, made);
        // Without them, ours, and the SDK's factory is not even asked until an operation written out here is not.
        List<String> asked = new ArrayList<>();
        PortalApi ours = HttpPortalApi.factory(() -> {
            asked.add("factory");
            return (region, endpoints) -> fromSdk;
        }).create("eu-west-1", env());
        assertTrue(ours instanceof HttpPortalApi, ours.getClass().getName());
        assertEquals(List.of(), asked);
        assertNull(ours.listAccounts("t", null)); // the SDK's answer, passed through
        ours.logout("t");
        assertEquals(List.of("factory"), asked, "made once, on first use");
    }

    /** The partitions' suffixes, region by region, against the SDK's own endpoint rules. */
    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-1", "ap-southeast-7", "mx-central-1", "il-central-1", "ca-west-1",
            "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1", "us-iso-east-1", "us-isob-east-1",
            "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1", "xx-foo-1", "eusc-de-1", "cn-foo-2"})
    void partitionsAgreeWithTheSdksRules(String region) {
        String sdk = SsoEndpointProvider.defaultProvider().resolveEndpoint(SsoEndpointParams.builder()
                .region(Region.of(region)).build()).join().url().toString();
        assertEquals(sdk, HttpPortalApi.target(region, env()).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws-global", "us-east-1-fips", "eu-west-", "EU-WEST-1", "eu_west_1", "a-b-c-d-1", ""})
    void oddShapesHaveNoSuffix(String region) {
        assertNull(Partitions.dnsSuffix(region));
    }
}
