package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.emulator.IdentityCenterEmulator;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Launcher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corporate network, on loopback: the Identity Center endpoint is an HTTPS server under a name that resolves
 * nowhere (sso.example.test) with a certificate only AWS_CA_BUNDLE trusts, and a real forward proxy process that
 * requires Basic authentication is the only way to it. The packaged file must log in, refresh and fetch role
 * credentials through the proxy; NO_PROXY must bypass a dead one.
 */
class ProxyIT {
    static final String HOST = "sso.example.test";
    @TempDir
    static Path tls;
    static Path pem;
    static SSLContext context;
    @TempDir
    Path home;
    IdentityCenterEmulator emu;
    Process proxy;
    int proxyPort;
    final List<String> proxyLog = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> env;

    @BeforeAll
    static void certificate() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path ks = tls.resolve("server.p12");
        pem = tls.resolve("corp-ca.pem");
        exec(keytool, "-genkeypair", "-alias", "sso", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-keystore", ks.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        exec(keytool, "-exportcert", "-rfc", "-alias", "sso", "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
    }

    @BeforeEach
    void setUp() throws Exception {
        emu = IdentityCenterEmulator.start(0, Clock.systemUTC(), context, HOST);
        emu.autoApproveAfter = Duration.ZERO;
        startProxy("--auth", "alice:s3cr%t", "--map", HOST + "=" + emu.port());
        CorpHome.config(home);
        env = Launcher.env(home);
        env.put("AWS_ENDPOINT_URL", emu.baseUrl());
        env.put("AWS_CA_BUNDLE", pem.toString());
        env.put("HTTPS_PROXY", "http://alice:s3cr%25t@127.0.0.1:" + proxyPort);
    }

    @AfterEach
    void tearDown() throws Exception {
        emu.close();
        proxy.getOutputStream().close();
        proxy.waitFor();
    }

    private void startProxy(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(), "dev.ssocred.testing.ForwardProxy"));
        command.addAll(List.of(args));
        proxy = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
        proxyPort = Integer.parseInt(out.readLine().substring("PORT ".length()));
        Thread t = new Thread(() -> out.lines().forEach(proxyLog::add));
        t.setDaemon(true);
        t.start();
    }

    private void signedIn(Instant expiresAt) {
        CorpHome.signIn(home, emu, expiresAt);
    }

    @Test
    void theEndpointIsUnreachableWithoutTheProxy() throws Exception {
        signedIn(Instant.now().plus(Duration.ofHours(8)));
        env.remove("HTTPS_PROXY");
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(5, r.code(), r.toString());
        assertTrue(r.err().contains(HOST), r.err());
    }

    @Test
    void loginGoesThroughTheAuthenticatedProxy() throws Exception {
        Launcher.Result r = Launcher.run(env, "login", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, emu.calls("StartDeviceAuthorization"));
        assertTrue(proxyLog.contains("CONNECT " + HOST + ":" + emu.port() + " auth=ok"), proxyLog.toString());
        // The JDK answers the proxy's 407 challenge, as a browser does; nothing passes unauthenticated.
        assertTrue(proxyLog.stream().filter(l -> l.endsWith("auth=ok")).count()
                >= proxyLog.stream().filter(l -> l.endsWith("auth=missing")).count(), proxyLog.toString());
        assertFalse(r.err().contains("s3cr"), "the proxy password never shows: " + r.err());
    }

    @Test
    void refreshAndRoleCredentialsGoThroughTheProxyNamedInLowerCase() throws Exception {
        signedIn(Instant.now().minusSeconds(60));
        // The lower-case variable wins, as in botocore; the upper-case one points at nothing.
        env.put("https_proxy", env.remove("HTTPS_PROXY"));
        env.put("HTTPS_PROXY", "http://127.0.0.1:" + deadPort());
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, emu.calls("CreateToken:refresh_token"));
        assertEquals(1, emu.calls("GetRoleCredentials"));
        assertTrue(proxyLog.size() >= 2, proxyLog.toString());
    }

    @Test
    void wrongProxyCredentialsAreAClearError() throws Exception {
        signedIn(Instant.now().plus(Duration.ofHours(8)));
        env.put("HTTPS_PROXY", "http://alice:wrong@127.0.0.1:" + proxyPort);
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(5, r.code(), r.toString());
        assertTrue(r.err().contains("407"), r.err());
        assertFalse(r.err().contains("wrong"), r.err());
    }

    @Test
    void noProxyBypassesADeadProxyForTheHostsItNames() throws Exception {
        try (IdentityCenterEmulator plain = IdentityCenterEmulator.start()) {
            CorpHome.signIn(home, plain, Instant.now().plus(Duration.ofHours(8)));
            env.put("AWS_ENDPOINT_URL", plain.baseUrl());
            env.put("HTTP_PROXY", "http://127.0.0.1:" + deadPort());
            Launcher.Result viaDead = Launcher.run(env, "process", "--profile", "dev");
            assertEquals(5, viaDead.code(), "http endpoints use HTTP_PROXY: " + viaDead);
            env.put("NO_PROXY", "example.com, .0.0.1,localhost");
            Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, plain.calls("GetRoleCredentials"));
        }
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed again: nothing listens there
        }
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }
}
