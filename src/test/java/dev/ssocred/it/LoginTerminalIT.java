package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.SsoSession;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Pty;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ssocred login} as a person meets it: the packaged file on a real pseudo-terminal, the real clock and
 * sleeper, and an emulator that waits for the person to approve (or deny) in the browser, as the service does.
 */
class LoginTerminalIT extends EmulatedHome {
    static final String CODE = "([B-Z]{4}-[B-Z]{4})";
    static final SsoSession CORP = CorpHome.CORP;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        emu.manualApproval = true;
        emu.autoApproveAfter = null;
        CorpHome.config(home);
        env = Launcher.env(home);
        env.put("AWS_ENDPOINT_URL", emu.baseUrl());
        env.put("TERM", "xterm");
        // The "browser" a person has: it shows the page (which waits for Allow) and exits 0.
        Path browser = Files2.write(home.resolve("bin/browser"), "#!/bin/sh\necho \"$1\" >> \"$HOME/opened\"\n");
        browser.toFile().setExecutable(true);
        env.put("BROWSER", browser.toString());
    }


    private Pty login(String... extra) throws Exception {
        return Pty.start(env, Launcher.path() + " login --use-device-code --profile dev" + String.join(" ", extra));
    }

    private static int open(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aPersonWhoApprovesAfterTwentySecondsIsSignedIn() throws Exception {
        try (Pty pty = login()) {
            String code = pty.await(CODE, Duration.ofSeconds(30));
            pty.await("Waiting for approval; the code expires in \\d+:\\d\\d", Duration.ofSeconds(10));
            Thread.sleep(21_000); // typing a password and an MFA code, with the countdown redrawn every second
            assertEquals(200, open(emu.approvalUrl(code)));
            assertEquals(0, pty.exitCode(Duration.ofSeconds(20)), pty.screen());
            String screen = pty.screen();
            assertTrue(screen.contains("Logged in to https://d-1234567890.awsapps.com/start (sso-session corp)"), screen);
            assertFalse(screen.contains("internal error"), screen);
            assertTrue(screen.contains("\r\033[K"), "the countdown line is cleared: " + screen);
            assertTrue(screen.indexOf("Waiting for approval") < screen.lastIndexOf("Waiting for approval"),
                    "the countdown is redrawn: " + screen);
        }
        assertTrue(Files.readString(home.resolve("opened")).contains("/device?user_code="));
        SsoToken token = CorpHome.cache(home).readToken(CORP, "").orElseThrow();
        assertTrue(token.expiresAt().isAfter(Instant.now().plus(Duration.ofHours(7))));
        assertEquals(1, emu.calls("StartDeviceAuthorization"));
    }

    @Test
    void denyingInTheBrowserEndsTheLoginWithExitThree() throws Exception {
        try (Pty pty = login()) {
            String code = pty.await(CODE, Duration.ofSeconds(30));
            Thread.sleep(2_500);
            assertEquals(200, open(emu.denialUrl(code)));
            assertEquals(3, pty.exitCode(Duration.ofSeconds(20)), pty.screen());
            assertTrue(pty.screen().contains("ssocred: the sign-in request was denied in the browser"), pty.screen());
        }
    }

    @Test
    void ctrlCEndsTheCountdownLineAndExits130() throws Exception {
        try (Pty pty = login()) {
            pty.await("Waiting for approval; the code expires in", Duration.ofSeconds(30));
            pty.type("\u0003");
            assertEquals(130, pty.exitCode(Duration.ofSeconds(20)), pty.screen());
            String screen = pty.screen();
            assertTrue(screen.contains("\r\033[Kssocred: sign-in cancelled"), screen);
            assertTrue(screen.contains("hint: run 'ssocred login --profile dev' to start again"), screen);
        }
    }

    @Test
    void aDumbTerminalGetsNoCursorControlAndANarrowOneAShortCountdown() throws Exception {
        env.put("TERM", "dumb");
        try (Pty pty = login()) {
            String code = pty.await(CODE, Duration.ofSeconds(30));
            pty.await("Waiting for approval until \\d\\d:\\d\\d:\\d\\d", Duration.ofSeconds(10));
            Thread.sleep(3_000);
            open(emu.approvalUrl(code));
            assertEquals(0, pty.exitCode(Duration.ofSeconds(20)), pty.screen());
            assertFalse(pty.screen().contains("\033["), pty.screen());
        }
        env.put("TERM", "xterm");
        env.put("COLUMNS", "30");
        try (Pty pty = login()) {
            String code = pty.await(CODE, Duration.ofSeconds(30));
            pty.await("\rWaiting for approval: \\d+:\\d\\d ", Duration.ofSeconds(10));
            open(emu.approvalUrl(code));
            assertEquals(0, pty.exitCode(Duration.ofSeconds(20)), pty.screen());
            assertFalse(pty.screen().contains("the code expires in"), pty.screen());
        }
    }

    @Test
    void withStderrNotATerminalAndATwoSecondIntervalTheLoginWaitsToo() throws Exception {
        emu.pollIntervalSeconds = 2;
        Thread approver = new Thread(() -> {
            try {
                Thread.sleep(7_000);
                String code = Files.readString(home.resolve("opened")).replaceAll("(?s).*user_code=([A-Z-]+).*", "$1");
                open(emu.approvalUrl(code));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        approver.start();
        Launcher.Result r = Launcher.run(env, "login", "--use-device-code", "--profile", "dev");
        approver.join();
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Waiting for approval until"), r.err());
        assertFalse(r.err().contains("\r"), r.err());
    }

    @Test
    void credentialProcessIsNotHeldUpByALoginWaitingInAnotherTerminal() throws Exception {
        // An expired access token with a good refresh token: process must refresh now, not wait for the login.
        CorpHome.signIn(home, emu, Instant.now().minusSeconds(60));
        try (Pty pty = login()) {
            pty.await(CODE, Duration.ofSeconds(30));
            Map<String, String> quick = new java.util.HashMap<>(env);
            quick.put("SSOCRED_LOCK_TIMEOUT", "5");
            Launcher.Result r = Launcher.run(quick, "process", "--profile", "dev");
            assertEquals(0, r.code(), r.toString());
            assertEquals(1, emu.calls("CreateToken:refresh_token"));
            pty.type("\u0003");
            pty.exitCode(Duration.ofSeconds(20));
        }
    }

    @Test
    void aSecondLoginSaysAtOnceThatItWaitsAndThenUsesTheFirstOnesToken() throws Exception {
        try (Pty first = login()) {
            String code = first.await(CODE, Duration.ofSeconds(30));
            try (Pty second = login()) {
                secondWaitsFor(first, second, code);
            }
        }
        assertEquals(1, emu.calls("StartDeviceAuthorization"));
    }

    private void secondWaitsFor(Pty first, Pty second, String code) throws Exception {
        // Said before the wait, not after it (stderr is flushed line by line).
        second.await("Waiting for ssocred login for sso-session 'corp' \\(pid \\d+\\) to finish", Duration.ofSeconds(30));
        assertEquals(1, emu.calls("StartDeviceAuthorization"), "the second login is waiting, not signing in");
        open(emu.approvalUrl(code));
        assertEquals(0, first.exitCode(Duration.ofSeconds(20)), first.screen());
        assertEquals(0, second.exitCode(Duration.ofSeconds(20)), second.screen());
        assertTrue(second.screen().contains("Another ssocred process has just signed in"), second.screen());
    }
}
