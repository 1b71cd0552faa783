package dev.ssocred.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.PortalApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AWS_CA_BUNDLE against an HTTPS server whose certificate only that bundle trusts, as behind a TLS-intercepting proxy. */
class CaBundleTest {
    @TempDir
    static Path dir;
    static WireMockServer server;
    static Path pem;
    static final SdkClients CLIENTS = new SdkClients(Duration.ofSeconds(2), Duration.ofSeconds(5), false);

    @BeforeAll
    static void start() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path ks = dir.resolve("server.p12");
        pem = dir.resolve("ca.pem");
        run(keytool, "-genkeypair", "-alias", "wm", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "wm", "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        server = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort().keystorePath(ks.toString())
                .keystorePassword("changeit").keyManagerPassword("changeit").keystoreType("PKCS12"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(okJson("{\"roleCredentials\":{"
                + "\"accessKeyId\":\"ASIA\",\"secretAccessKey\":\"S\",\"sessionToken\":\"T\",\"expiration\":1704164645000}}")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    private static PortalApi portal(Map<String, String> env) {
        return SdkPortalApi.factory(CLIENTS).create("us-east-1", ServiceEndpoints.fromEnvironment(new Environment(env)));
    }

    private static String https() {
        return "https://127.0.0.1:" + server.httpsPort();
    }

    @Test
    void trustsTheServerOnlyThroughTheBundle() {
        var e = assertThrows(ServiceException.class,
                () -> portal(Map.of("AWS_ENDPOINT_URL_SSO", https())).getRoleCredentials("t", "1", "R"));
        assertEquals(ServiceException.Kind.NETWORK, e.kind(), "the JVM's own trust store rejects the certificate");
        var creds = portal(Map.of("AWS_ENDPOINT_URL_SSO", https(), "AWS_CA_BUNDLE", pem.toString()))
                .getRoleCredentials("t", "1", "R");
        assertEquals("ASIA", creds.accessKeyId());
    }

    @Test
    void anUnusableBundleIsAConfigurationErrorNamingIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.pem"), "not a certificate");
        var e = assertThrows(SsocredException.class, () -> portal(Map.of("AWS_ENDPOINT_URL_SSO", https(),
                "AWS_CA_BUNDLE", bad.toString())).getRoleCredentials("t", "1", "R"));
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().startsWith("the CA bundle " + bad + " (AWS_CA_BUNDLE or ca_bundle) cannot be used"),
                e.getMessage());
    }

    @Test
    void profileCaBundleIsUsedWhenTheVariableIsUnset() {
        var endpoints = new ServiceEndpoints(new Environment(Map.of("AWS_ENDPOINT_URL_SSO", https())), Map.of(),
                java.util.Optional.empty(), false, java.util.Optional.of(pem.toString()));
        assertEquals(List.of(pem), endpoints.caBundle().stream().toList());
        assertEquals("ASIA", SdkPortalApi.factory(CLIENTS).create("us-east-1", endpoints).getRoleCredentials("t", "1", "R")
                .accessKeyId());
    }
}
