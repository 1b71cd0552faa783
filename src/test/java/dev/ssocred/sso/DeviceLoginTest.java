package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoSession;
import dev.ssocred.testing.FakeOidc;
import dev.ssocred.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceLoginTest {
    private static final SsoSession CORP = new SsoSession(Optional.of("corp"), "https://d-1234567890.awsapps.com/start",
            "us-east-1", List.of("sso:account:access"));
    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at("2024-01-02T03:04:05.678Z");
    private final FakeOidc oidc = new FakeOidc();
    private final List<String> opened = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private TokenCache cache() {
        return new TokenCache(dir, Path::toString, w -> { });
    }

    private DeviceLogin login() {
        return new DeviceLogin(cache(), oidc, url -> opened.add(url), clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        }, warnings::add);
    }

    private final LoginListener listener = new LoginListener() {
        @Override
        public void prompt(OidcApi.DeviceAuthorization auth, boolean browserOpened, Instant expiresAt) {
            events.add("prompt " + auth.userCode() + " browser=" + browserOpened + " until " + expiresAt);
        }

        @Override
        public void promptBrowser(String url, boolean browserOpened, Instant until) {
            events.add("browser " + url);
        }

        @Override
        public void waiting(Duration remaining) {
            events.add("waiting " + remaining.toSeconds());
        }

        @Override
        public void done() {
            events.add("done");
        }
    };

    @Test
    void registersStartsPollsAndReturnsTheTokenInCacheShape() {
        oidc.queueError(Kind.AUTHORIZATION_PENDING).queueError(Kind.AUTHORIZATION_PENDING).queueToken("AT", 3600, "RT");
        SsoToken t = login().login(CORP, true, listener, "fix");
        assertEquals(List.of("RegisterClient", "StartDeviceAuthorization cid https://d-1234567890.awsapps.com/start",
                "CreateToken", "CreateToken", "CreateToken"), oidc.calls);
        assertEquals(List.of(List.of("sso:account:access")), oidc.registeredScopes);
        assertEquals(List.of("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH"), opened);
        assertEquals("AT", t.accessToken());
        assertEquals("RT", t.refreshToken());
        assertEquals("cid", t.clientId());
        assertEquals("2030-03-17T17:46:40Z", t.registrationExpiresAt());
        assertEquals(Instant.parse("2024-01-02T03:04:06.678Z").plusSeconds(3600), t.expiresAt());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps, "interval 1 s from the server, one wait between two polls");
        assertTrue(events.get(0).startsWith("prompt ABCD-EFGH browser=true"), events.toString());
        assertEquals("done", events.get(events.size() - 1));
    }

    @Test
    void noPromptWhenTheFirstAttemptAlreadySucceeds() {
        oidc.queueToken("AT", 3600, null);
        SsoToken t = login().login(CORP, true, listener, "fix");
        assertTrue(events.isEmpty(), events.toString());
        assertTrue(opened.isEmpty());
        assertNull(t.refreshToken());
    }

    @Test
    void slowDownAddsFiveSecondsToTheInterval() {
        oidc.authorization = new OidcApi.DeviceAuthorization("dc", "CODE", "https://v", "https://v?c", 600, 2);
        oidc.queueError(Kind.AUTHORIZATION_PENDING).queueError(Kind.SLOW_DOWN).queueError(Kind.AUTHORIZATION_PENDING)
                .queueToken("AT", 3600, "RT");
        Instant start = clock.instant();
        login().login(CORP, true, listener, "fix");
        // pending before the prompt, slow_down on the immediate attempt after it: then 7 s, pending, 7 s, token
        assertEquals(Duration.ofSeconds(14), Duration.between(start, clock.instant()));
    }

    @Test
    void defaultIntervalIsFiveSeconds() {
        oidc.authorization = new OidcApi.DeviceAuthorization("dc", "CODE", "https://v", "https://v?c", 600, 0);
        oidc.queueError(Kind.AUTHORIZATION_PENDING).queueError(Kind.AUTHORIZATION_PENDING).queueToken("AT", 3600, "RT");
        Instant start = clock.instant();
        login().login(CORP, false, listener, "fix");
        assertEquals(Duration.ofSeconds(5), Duration.between(start, clock.instant()));
        assertTrue(opened.isEmpty(), "--no-browser opens nothing");
    }

    @Test
    void expiredDeviceCodeAsksForANewLogin() {
        oidc.queueError(Kind.AUTHORIZATION_PENDING).queueError(Kind.EXPIRED_TOKEN);
        var e = assertThrows(SsocredException.class, () -> login().login(CORP, true, listener, "ssocred login --profile dev"));
        assertEquals(ExitCode.LOGIN_NEEDED, e.exitCode());
        assertEquals("the sign-in code expired before it was confirmed in the browser", e.getMessage());
        assertEquals("run 'ssocred login --profile dev' again", e.hint());
        assertEquals("done", events.get(events.size() - 1));
    }

    @Test
    void localDeadlineStopsPollingEvenIfTheServerKeepsSayingPending() {
        oidc.authorization = new OidcApi.DeviceAuthorization("dc", "CODE", "https://v", "https://v?c", 3, 1);
        for (int i = 0; i < 10; i++) {
            oidc.queueError(Kind.AUTHORIZATION_PENDING);
        }
        var e = assertThrows(SsocredException.class, () -> login().login(CORP, true, listener, "fix"));
        assertEquals(ExitCode.LOGIN_NEEDED, e.exitCode());
        // 2 calls before and right after the prompt, then one per second until the 3 s run out
        assertEquals(5, oidc.grantTypes.size(), oidc.calls.toString());
    }

    @Test
    void accessDeniedIsReportedAsDenied() {
        oidc.queueError(Kind.AUTHORIZATION_PENDING).queueError(Kind.ACCESS_DENIED);
        var e = assertThrows(SsocredException.class, () -> login().login(CORP, true, listener, "fix"));
        assertEquals("the sign-in request was denied in the browser", e.getMessage());
    }

    @Test
    void otherErrorsPropagateUnchanged() {
        oidc.queueError(Kind.SERVER_ERROR);
        var e = assertThrows(dev.ssocred.ServiceException.class, () -> login().login(CORP, true, listener, "fix"));
        assertEquals(Kind.SERVER_ERROR, e.kind());
    }

    @Test
    void reusesACachedRegistrationWithMoreThanFifteenMinutesLeft() {
        Instant exp = clock.instant().plus(Duration.ofMinutes(16));
        String raw = "2024-01-02T03:20:05.678+00:00"; // a form the CLI never writes, to see it copied verbatim
        cache().writeRegistration(CORP, new ClientRegistration("cached", "s", exp, raw, null, null));
        oidc.queueToken("AT", 3600, "RT");
        SsoToken t = login().login(CORP, true, listener, "fix");
        assertEquals("cached", t.clientId());
        assertEquals(raw, t.registrationExpiresAt(), "copied through verbatim, as the CLI does");
        assertEquals(List.of(), oidc.registeredScopes);
    }

    @Test
    void replacesARegistrationThatIsAboutToExpireOrMadeForPkce() {
        Instant soon = clock.instant().plus(Duration.ofMinutes(14));
        cache().writeRegistration(CORP, new ClientRegistration("old", "s", soon, soon.toString(), null, null));
        oidc.queueToken("AT", 3600, "RT");
        assertEquals("cid", login().login(CORP, true, listener, "fix").clientId());
        Instant later = clock.instant().plus(Duration.ofDays(80));
        cache().writeRegistration(CORP, new ClientRegistration("pkce", "s", later, later.toString(), null,
                List.of("authorization_code", "refresh_token")));
        oidc.queueToken("AT", 3600, "RT");
        assertEquals("cid", login().login(CORP, true, listener, "fix").clientId());
        assertEquals(2, oidc.registeredScopes.size());
        assertEquals("cid", cache().readRegistration(CORP, "fix").orElseThrow().clientId());
    }

    @Test
    void aCachedRegistrationTheServiceRefusesIsReplacedOnce() {
        oidc.queueToken("AT", 3600, "RT");
        login().login(CORP, true, listener, "fix"); // caches registration "cid"
        oidc.calls.clear();
        oidc.revokedClients.add("cid");
        oidc.registration = new OidcApi.Registered("cid2", "csecret2", 1_900_000_000L);
        oidc.queueToken("AT2", 3600, "RT2");
        SsoToken t = login().login(CORP, true, listener, "fix");
        assertEquals(List.of("StartDeviceAuthorization cid https://d-1234567890.awsapps.com/start", "RegisterClient",
                "StartDeviceAuthorization cid2 https://d-1234567890.awsapps.com/start", "CreateToken"), oidc.calls);
        assertEquals("cid2", t.clientId());
        assertEquals("cid2", cache().readRegistration(CORP, "fix").orElseThrow().clientId());
        assertTrue(warnings.get(0).contains("no longer accepts the cached client registration"), warnings.toString());
    }

    @Test
    void aFreshRegistrationThatIsRefusedTooIsNotRetriedForever() {
        oidc.revokedClients.add("cid");
        var e = assertThrows(dev.ssocred.ServiceException.class, () -> login().login(CORP, true, listener, "fix"));
        assertEquals(Kind.INVALID_CLIENT, e.kind());
        assertEquals(1, oidc.calls.stream().filter(c -> c.equals("RegisterClient")).count());
    }

    @Test
    void withoutVerificationUriCompleteTheBrowserGetsThePlainUriAndThePersonTypesTheCode() {
        oidc.authorization = new OidcApi.DeviceAuthorization("dc", "CODE-1234", "https://device.example/", null, 600, 1);
        oidc.queueError(Kind.AUTHORIZATION_PENDING).queueToken("AT", 3600, "RT");
        assertEquals("AT", login().login(CORP, true, listener, "fix").accessToken());
        assertEquals(List.of("https://device.example/"), opened);
    }

    @Test
    void anUnreadableRegistrationIsWarnedAboutAndReplaced() throws Exception {
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve(CacheKeys.registrationFile(CORP)), "{broken");
        oidc.queueToken("AT", 3600, "RT");
        assertEquals("AT", login().login(CORP, true, listener, "fix").accessToken());
        assertEquals("RegisterClient", oidc.calls.get(0));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("is not valid JSON") && w.endsWith("; registering a new client")),
                warnings.toString());
    }

    @Test
    void anInterruptedWaitEndsTheLoginAndKeepsTheInterruptFlag() {
        oidc.queueError(Kind.AUTHORIZATION_PENDING).queueError(Kind.AUTHORIZATION_PENDING); // before and after the prompt
        DeviceLogin interrupted = new DeviceLogin(cache(), oidc, url -> true, clock, d -> {
            throw new InterruptedException();
        }, warnings::add);
        var e = assertThrows(dev.ssocred.SsocredException.class, () -> interrupted.login(CORP, true, listener, "fix"));
        assertEquals(dev.ssocred.ExitCode.TIMEOUT, e.exitCode());
        assertEquals("login interrupted", e.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt is passed on, not swallowed");
    }
}
