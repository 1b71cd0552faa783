package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Pty;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser sign-in (authorization code with PKCE) with the packaged file: a scripted browser (curl) follows the
 * emulator's /authorize redirect to ssocred's loopback listener, as a signed-in browser does.
 */
class BrowserLoginIT extends EmulatedHome {
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        emu.autoApproveAfter = Duration.ZERO; // for the device-code cases
        CorpHome.config(home, "[profile legacy]", "sso_start_url = https://d-1234567890.awsapps.com/start",
                "sso_region = us-east-1", "sso_account_id = 111122223333", "sso_role_name = ReadOnly");
        env = Launcher.env(home);
        env.put("AWS_ENDPOINT_URL", emu.baseUrl());
        env.put("BROWSER", browser("exec curl -s -L -o /dev/null \"$1\""));
    }


    private String browser(String body) {
        Path p = Files2.write(home.resolve("bin/browser-" + Math.abs(body.hashCode())), "#!/bin/sh\n" + body + "\n");
        p.toFile().setExecutable(true);
        return p.toString();
    }

    @Test
    void anSsoSessionProfileSignsInThroughTheBrowserByDefault() throws Exception {
        Launcher.Result r = Launcher.run(env, "login", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, emu.calls("Authorize"));
        assertEquals(1, emu.calls("CreateToken:authorization_code"));
        assertEquals(0, emu.calls("StartDeviceAuthorization"));
        assertTrue(r.err().contains("A browser window is opening"), r.err());
        assertEquals(0, Launcher.run(env, "process", "--profile", "dev").code(), "the token works");
        assertTrue(Files2.read(CorpHome.cache(home).registrationPath(CorpHome.CORP))
                .contains("\"grantTypes\": [\"authorization_code\", \"refresh_token\"]"));
    }

    @Test
    void aLoginAsPeopleTypeItRunsWithoutPicocli() throws Exception {
        // The front door (cli.LoginLine): building picocli's model was ~40 ms of the time to the prompt.
        Map<String, String> logging = new java.util.HashMap<>(env);
        logging.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load");
        Launcher.Result r = Launcher.run(logging, "login", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("dev.ssocred.cli.LoginLine "), "the front door ran it");
        assertFalse(r.err().contains(" picocli."), "no picocli class loaded");
        assertEquals(1, emu.calls("CreateToken:authorization_code"));
        // A line it does not take is picocli's, with picocli's words.
        Launcher.Result usage = Launcher.run(logging, "login", "--callback-port", "x", "dev");
        assertEquals(2, usage.code(), usage.toString());
        assertTrue(usage.err().contains(" picocli."), "picocli judged it");
    }

    @Test
    void aFixedCallbackPortLetsABrowserElsewhereFinishTheLogin() throws Exception {
        // The ssh -L recipe: no display here, the person opens the printed URL on their laptop, whose browser
        // reaches 127.0.0.1:PORT through the tunnel (here the tunnel's far end is this machine's loopback).
        env.remove("BROWSER");
        env.put("SSH_CONNECTION", "192.0.2.10 50000 192.0.2.20 22");
        int port = freePort();
        try (Pty pty = Pty.start(env, Launcher.path() + " login --profile dev --callback-port " + port)) {
            String url = pty.await("(http://127\\.0\\.0\\.1:\\d+/authorize\\?\\S+)", Duration.ofSeconds(30));
            assertTrue(url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A" + port + "%2Foauth%2Fcallback"), url);
            HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains("You can close this tab"), page.body());
            assertEquals(0, pty.exitCode(Duration.ofSeconds(20)), pty.screen());
        }
        assertEquals(1, emu.calls("CreateToken:authorization_code"));
    }

    @Test
    void aCallbackPortInUseIsAClearError() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Launcher.Result r = Launcher.run(env, "login", "--profile", "dev", "--callback-port",
                    String.valueOf(busy.getLocalPort()));
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().startsWith("ssocred: port " + busy.getLocalPort() + " on 127.0.0.1 is in use"), r.err());
        }
    }

    @Test
    void denialInTheBrowserEndsWithExitThree() throws Exception {
        emu.denyAuthorization = true;
        Launcher.Result r = Launcher.run(env, "login", "--profile", "dev");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("ssocred: the sign-in was denied in the browser"), r.err());
    }

    @Test
    void aBrowserThatNeverComesBackTimesOut() throws Exception {
        env.put("BROWSER", browser("exit 0"));
        env.put("SSOCRED_LOGIN_TIMEOUT", "3");
        Launcher.Result r = Launcher.run(env, "login", "--profile", "dev");
        assertEquals(6, r.code(), r.toString());
        assertTrue(r.err().contains("the browser did not come back"), r.err());
    }

    @Test
    void ctrlCWhileWaitingForTheBrowserEndsTheLineAndExits130() throws Exception {
        env.put("BROWSER", browser("exit 0"));
        env.put("TERM", "xterm");
        try (Pty pty = Pty.start(env, Launcher.path() + " login --profile dev")) {
            pty.await("Waiting for the browser; \\d+:\\d\\d left", Duration.ofSeconds(30));
            pty.type("\u0003");
            assertEquals(130, pty.exitCode(Duration.ofSeconds(20)), pty.screen());
            assertTrue(pty.screen().contains("\r\033[Kssocred: sign-in cancelled"), pty.screen());
        }
    }

    @Test
    void deviceCodeOnRequestForLegacyProfilesAndWithoutADisplay() throws Exception {
        assertEquals(0, Launcher.run(env, "login", "--profile", "dev", "--use-device-code").code());
        assertEquals(0, Launcher.run(env, "login", "--profile", "legacy").code());
        env.remove("BROWSER");
        Launcher.Result headless = Launcher.run(env, "login", "--profile", "dev");
        assertEquals(0, headless.code(), headless.toString());
        assertTrue(headless.err().contains("Signing in with a device code: no display to open a browser in"),
                headless.err());
        assertEquals(3, emu.calls("StartDeviceAuthorization"));
        assertEquals(0, emu.calls("Authorize"));
    }

    @Test
    void aBrowserThatCannotStartFallsBackToTheDeviceCodeAndSaysSo() throws Exception {
        env.put("BROWSER", browser("exit 1"));
        Launcher.Result r = Launcher.run(env, "login", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("No browser could be started; signing in with a device code instead."), r.err());
        assertEquals(1, emu.calls("StartDeviceAuthorization"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
