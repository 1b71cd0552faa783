package dev.ssocred.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.SsocredException;
import dev.ssocred.config.Environment;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Proxy choice as botocore makes it through urllib: scheme, case, NO_PROXY, credentials. */
class EnvironmentProxyTest {
    private static final URI OIDC = URI.create("https://oidc.us-east-1.amazonaws.com");

    private static Optional<EnvironmentProxy> proxy(URI target, Map<String, String> vars) {
        return EnvironmentProxy.forUrl(target, new Environment(vars));
    }

    @Test
    void httpsEndpointsUseHttpsProxyAndHttpEndpointsHttpProxy() {
        Map<String, String> vars = Map.of("HTTPS_PROXY", "http://secure:3128", "HTTP_PROXY", "http://plain:8080");
        assertEquals("secure", proxy(OIDC, vars).orElseThrow().host());
        assertEquals("plain", proxy(URI.create("http://127.0.0.1:9"), vars).orElseThrow().host());
        assertEquals(Optional.empty(), proxy(OIDC, Map.of("HTTP_PROXY", "http://plain:8080")),
                "HTTP_PROXY alone does not apply to https endpoints (the SDK's own lookup gets this wrong)");
    }

    @Test
    void lowerCaseWinsAndAnEmptyLowerCaseValueTurnsItOff() {
        assertEquals("lower", proxy(OIDC, Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", "http://lower:2"))
                .orElseThrow().host());
        assertEquals(Optional.empty(), proxy(OIDC, Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", "")));
    }

    @Test
    void credentialsPortAndASchemelessValueAreRead() {
        EnvironmentProxy p = proxy(OIDC, Map.of("https_proxy", "alice:p%40ss%3Aword@proxy.corp:3128")).orElseThrow();
        assertEquals(new EnvironmentProxy("proxy.corp", 3128, "alice", "p@ss:word"), p);
        assertFalse(p.toString().contains("p@ss"), p.toString());
        assertEquals(80, proxy(OIDC, Map.of("https_proxy", "http://proxy.corp")).orElseThrow().port());
    }

    @Test
    void noProxyMatchesHostsDomainsAndAddressesAsUrllibDoes() {
        assertTrue(EnvironmentProxy.bypass(OIDC, "localhost,.amazonaws.com"));
        assertTrue(EnvironmentProxy.bypass(OIDC, "amazonaws.com"));
        assertTrue(EnvironmentProxy.bypass(OIDC, " OIDC.us-east-1.amazonaws.com "));
        assertTrue(EnvironmentProxy.bypass(OIDC, "*"));
        assertFalse(EnvironmentProxy.bypass(OIDC, "zonaws.com,example.com"));
        assertTrue(EnvironmentProxy.bypass(URI.create("http://127.0.0.1:8080"), "127.0.0.1"));
        assertTrue(EnvironmentProxy.bypass(URI.create("http://127.0.0.1:8080"), "127.0.0.1:8080"));
        assertFalse(EnvironmentProxy.bypass(URI.create("http://127.0.0.1:8080"), "10.0.0.0/8"),
                "no CIDR ranges: urllib (and so botocore) has none");
        assertEquals(Optional.empty(), proxy(OIDC, Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "amazonaws.com")));
    }

    @Test
    void anHttpsProxyUrlIsRefusedWithoutRepeatingThePassword() {
        var e = assertThrows(SsocredException.class,
                () -> proxy(OIDC, Map.of("HTTPS_PROXY", "https://bob:hunter2@proxy:443")));
        assertTrue(e.getMessage().startsWith("the proxy in HTTPS_PROXY uses https://"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2") || e.hint().contains("hunter2"));
    }
}
