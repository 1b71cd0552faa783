package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoSession;
import dev.ssocred.testing.FakeOidc;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authorization-code flow against a fake OIDC API, with the real loopback listener and a scripted browser. */
class AuthCodeLoginTest {
    static final SsoSession CORP = new SsoSession(Optional.of("corp"), "https://d-1234567890.awsapps.com/start",
            "us-east-1", List.of("sso:account:access"));
    @TempDir
    Path dir;
    final FakeOidc oidc = new FakeOidc();
    final List<String> warnings = new ArrayList<>();
    final List<String> opened = new ArrayList<>();
    final List<Integer> answers = new ArrayList<>();

    final LoginListener listener = new LoginListener() {
        @Override
        public void prompt(OidcApi.DeviceAuthorization auth, boolean browserOpened, Instant expiresAt) {
        }

        @Override
        public void promptBrowser(String url, boolean browserOpened, Instant until) {
        }

        @Override
        public void waiting(Duration remaining) {
        }

        @Override
        public void done() {
        }
    };

    private AuthCodeLogin login(Browser browser) {
        return new AuthCodeLogin(new TokenCache(dir, Path::toString, w -> { }), oidc, browser, Clock.systemUTC(),
                warnings::add, RandomBytes.SYSTEM);
    }

    static Map<String, String> query(String url) {
        Map<String, String> q = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** A browser that goes to the redirect URI with {@code extra} (what the authorization server would append). */
    private Browser returning(String... extras) {
        return url -> {
            opened.add(url);
            Map<String, String> q = query(url);
            try {
                for (String extra : extras) {
                    String back = q.get("redirect_uri") + "?" + extra.replace("STATE", q.get("state"));
                    answers.add(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(back)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return true;
        };
    }

    @Test
    void signsInWithAChallengeTheVerifierMatchesAndCachesThePkceRegistration() {
        oidc.queueToken("AT", 3600, "RT");
        SsoToken t = login(returning("code=the-code&state=STATE")).login(CORP, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP,
                Duration.ofSeconds(30), listener, "fix");
        assertEquals("AT", t.accessToken());
        assertEquals("RT", t.refreshToken());
        Map<String, String> q = query(opened.get(0));
        assertTrue(opened.get(0).startsWith("https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=cid"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A"), opened.get(0));
        assertTrue(opened.get(0).contains("&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge="));
        assertEquals(Pkce.challenge(oidc.lastCodeVerifier), q.get("code_challenge"));
        assertEquals(64, oidc.lastCodeVerifier.length());
        assertEquals(q.get("redirect_uri"), oidc.redirectUris.get(0));
        assertEquals(List.of("RegisterClient authorization_code http://127.0.0.1/oauth/callback "
                + "https://d-1234567890.awsapps.com/start", "CreateToken"), oidc.calls);
        var reg = new TokenCache(dir, Path::toString, w -> { }).readRegistration(CORP, "").orElseThrow();
        assertEquals(List.of("authorization_code", "refresh_token"), reg.grantTypes());
        assertEquals(List.of(200), answers);
        assertEquals(List.of(), warnings, "no forged answer, no warning");

        oidc.calls.clear();
        oidc.queueToken("AT2", 3600, "RT2");
        login(returning("code=c2&state=STATE")).login(CORP, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP,
                Duration.ofSeconds(30), listener, "fix");
        assertEquals(List.of("CreateToken"), oidc.calls, "the cached registration is reused");
    }

    @Test
    void anAnswerWithAForgedStateIsRefusedAndTheWaitGoesOn() {
        oidc.queueToken("AT", 3600, "RT");
        SsoToken t = login(returning("code=evil&state=forged", "code=good&state=STATE")).login(CORP, 0, true,
                AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofSeconds(30), listener, "fix");
        assertEquals("AT", t.accessToken());
        assertEquals(List.of(400, 200), answers);
        assertTrue(warnings.get(0).contains("state that was not ours"), warnings.toString());
    }

    @Test
    void denialInTheBrowserIsLoginNeeded() {
        var e = assertThrows(SsocredException.class, () -> login(returning("error=access_denied&state=STATE"))
                .login(CORP, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofSeconds(30), listener, "fix"));
        assertEquals(ExitCode.LOGIN_NEEDED, e.exitCode());
        assertEquals("the sign-in was denied in the browser", e.getMessage());
    }

    @Test
    void theTimeLimitEndsTheWaitWithItsOwnExitCode() {
        var e = assertThrows(SsocredException.class, () -> login(returning()).login(CORP, 0, true,
                AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofMillis(1500), listener, "fix"));
        assertEquals(ExitCode.TIMEOUT, e.exitCode());
        assertTrue(e.hint().contains("--use-device-code"), e.hint());
    }

    @Test
    void aFixedPortIsUsedAndAPortInUseIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        oidc.queueToken("AT", 3600, "RT");
        login(returning("code=c&state=STATE")).login(CORP, port, true, AuthCodeLogin.NoBrowser.WAIT,
                Duration.ofSeconds(30), listener, "fix");
        assertEquals("http://127.0.0.1:" + port + "/oauth/callback", oidc.redirectUris.get(0));
        try (ServerSocket busy = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            var e = assertThrows(SsocredException.class, () -> login(returning()).login(CORP, port, true,
                    AuthCodeLogin.NoBrowser.WAIT, Duration.ofSeconds(5), listener, "fix"));
            assertEquals("port " + port + " on 127.0.0.1 is in use, so the browser cannot be received there",
                    e.getMessage());
        }
    }

    @Test
    void withoutABrowserItGivesUpSoTheCallerCanUseTheDeviceCode() {
        assertThrows(AuthCodeLogin.NoBrowserException.class, () -> login(url -> false).login(CORP, 0, true,
                AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofSeconds(5), listener, "fix"));
    }

    @Test
    void theVerifierAndChallengeFollowRfc7636() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        assertEquals("_-BU_nrgy23GXDr5th1SCfQ5hR20PQulmXM33xVGaOs", Pkce.challenge("a".repeat(64)));
        Pkce p = Pkce.generate(RandomBytes.SYSTEM);
        assertTrue(p.verifier().matches("[A-Za-z0-9._~-]{64}"), p.verifier());
        assertEquals(43, p.challenge().length());
    }

    @Test
    void thePersonIsToldThenCountedDownThenTheLineIsEndedInThatOrder() {
        List<String> events = new ArrayList<>();
        LoginListener recording = new LoginListener() {
            @Override
            public void prompt(OidcApi.DeviceAuthorization auth, boolean browserOpened, Instant expiresAt) {
                events.add("prompt");
            }

            @Override
            public void promptBrowser(String url, boolean browserOpened, Instant until) {
                events.add("promptBrowser " + browserOpened + " " + url.startsWith("https://oidc.us-east-1.amazonaws.com/"));
            }

            @Override
            public void waiting(Duration remaining) {
                if (!events.get(events.size() - 1).equals("waiting")) {
                    events.add("waiting");
                }
                assertTrue(!remaining.isNegative() && !remaining.isZero() && remaining.compareTo(Duration.ofSeconds(3)) <= 0,
                        remaining.toString());
            }

            @Override
            public void done() {
                events.add("done");
            }
        };
        oidc.queueToken("AT", 3600, "RT");
        Browser late = url -> {
            Map<String, String> q = query(url);
            new Thread(() -> {
                try {
                    Thread.sleep(1200); // longer than one countdown tick
                    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(q.get("redirect_uri")
                            + "?code=c&state=" + q.get("state"))).build(), HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).start();
            return true;
        };
        login(late).login(CORP, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofSeconds(3), recording, "fix");
        assertEquals(List.of("promptBrowser true true", "waiting", "done"), events);
    }

    @Test
    void aBrowserThatComesBackWithAnotherErrorIsNotCalledADenial() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ssocred.SsocredException.class, () -> login(
                returning("error=server_error&state=STATE")).login(CORP, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP,
                Duration.ofSeconds(30), listener, "fix"));
        assertEquals("the browser came back without a sign-in (server_error)", e.getMessage());
        assertEquals("run 'fix' again", e.hint());
    }

    @Test
    void anExpiredOrSecondGrantTypeRegistrationIsReplacedAndAnUnreadableOneWarned() throws Exception {
        TokenCache cache = new TokenCache(dir, Path::toString, w -> { });
        Instant soon = Instant.now().plusSeconds(60);
        cache.writeRegistration(CORP, new ClientRegistration("old", "old-secret", soon, dev.ssocred.io.Timestamps.format(soon),
                java.util.List.of("sso:account:access"), java.util.List.of("authorization_code", "refresh_token")));
        oidc.queueToken("AT", 3600, "RT");
        login(returning("code=c&state=STATE")).login(CORP, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP,
                Duration.ofSeconds(30), listener, "fix");
        assertEquals("RegisterClient authorization_code http://127.0.0.1/oauth/callback "
                + "https://d-1234567890.awsapps.com/start", oidc.calls.get(0), "fewer than 15 minutes left: replaced");
        java.nio.file.Files.writeString(dir.resolve(CacheKeys.registrationFile(CORP)), "{broken");
        oidc.calls.clear();
        oidc.queueToken("AT", 3600, "RT");
        login(returning("code=c&state=STATE")).login(CORP, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP,
                Duration.ofSeconds(30), listener, "fix");
        assertTrue(warnings.stream().anyMatch(w -> w.endsWith("; registering a new client")), warnings.toString());
        assertTrue(oidc.calls.get(0).startsWith("RegisterClient"), oidc.calls.toString());
    }

    @Test
    void theSessionsOwnScopesAreRegisteredAndAskedFor() {
        SsoSession custom = new SsoSession(java.util.Optional.of("custom"), CORP.startUrl(), "us-east-1",
                List.of("sso:account:access", "codecatalyst:read_write"));
        oidc.queueToken("AT", 3600, "RT");
        login(returning("code=the-code&state=STATE")).login(custom, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP,
                Duration.ofSeconds(30), listener, "fix");
        assertTrue(opened.get(0).contains("&scopes=sso%3Aaccount%3Aaccess%20codecatalyst%3Aread_write&"), opened.get(0));
        var reg = new TokenCache(dir, Path::toString, w -> { }).readRegistration(custom, "").orElseThrow();
        assertEquals(List.of("sso:account:access", "codecatalyst:read_write"), reg.scopes());
    }

    @Test
    void aCodeTheServiceRefusesIsLoginNeeded() {
        oidc.queueError(dev.ssocred.ServiceException.Kind.INVALID_GRANT);
        var e = assertThrows(dev.ssocred.SsocredException.class, () -> login(returning("code=c&state=STATE")).login(CORP,
                0, true, AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofSeconds(30), listener, "ssocred login --profile dev"));
        assertEquals(dev.ssocred.ExitCode.LOGIN_NEEDED, e.exitCode());
        assertTrue(e.getMessage().startsWith("IAM Identity Center did not accept the code the browser brought"), e.getMessage());
        assertEquals("run 'ssocred login --profile dev' again", e.hint());
    }

    @Test
    void aFreshRegistrationMadeForTheDeviceFlowIsNotUsedForTheBrowserFlow() {
        Instant later = Instant.now().plus(Duration.ofDays(80));
        new TokenCache(dir, Path::toString, w -> { }).writeRegistration(CORP, new ClientRegistration("device-client",
                "device-secret", later, dev.ssocred.io.Timestamps.format(later), List.of("sso:account:access"), null));
        assertTrue(new TokenCache(dir, Path::toString, w -> { }).readRegistration(CORP, "").isPresent(), "a readable one");
        oidc.queueToken("AT", 3600, "RT");
        login(returning("code=c&state=STATE")).login(CORP, 0, true, AuthCodeLogin.NoBrowser.GIVE_UP,
                Duration.ofSeconds(30), listener, "fix");
        assertTrue(oidc.calls.get(0).startsWith("RegisterClient authorization_code"), oidc.calls.toString());
    }

    @Test
    void anExpiredCodeIsLoginNeededAndOtherRefusalsPassThrough() {
        oidc.queueError(dev.ssocred.ServiceException.Kind.EXPIRED_TOKEN);
        var e = assertThrows(dev.ssocred.SsocredException.class, () -> login(returning("code=c&state=STATE")).login(CORP,
                0, true, AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofSeconds(30), listener, "fix"));
        assertEquals(dev.ssocred.ExitCode.LOGIN_NEEDED, e.exitCode());
        oidc.queueError(dev.ssocred.ServiceException.Kind.ACCESS_DENIED);
        assertThrows(dev.ssocred.ServiceException.class, () -> login(returning("code=c&state=STATE")).login(CORP, 0, true,
                AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofSeconds(30), listener, "fix"));
    }

    @Test
    void anInterruptedWaitForTheBrowserEndsTheLoginAndKeepsTheInterruptFlag() {
        LoginListener interrupting = new LoginListener() {
            @Override
            public void prompt(OidcApi.DeviceAuthorization auth, boolean browserOpened, Instant expiresAt) {
            }

            @Override
            public void promptBrowser(String url, boolean browserOpened, Instant until) {
                Thread.currentThread().interrupt(); // as a Ctrl-C handler would, right as the wait starts
            }

            @Override
            public void waiting(Duration remaining) {
            }

            @Override
            public void done() {
            }
        };
        var e = assertThrows(dev.ssocred.SsocredException.class, () -> login(returning()).login(CORP, 0, true,
                AuthCodeLogin.NoBrowser.GIVE_UP, Duration.ofSeconds(30), interrupting, "fix"));
        assertEquals("login interrupted", e.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt is passed on, not swallowed");
    }
}
