package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.SsocredException;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoSession;
import dev.ssocred.testing.FakeOidc;
import dev.ssocred.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {
    private static final SsoSession CORP = new SsoSession(Optional.of("corp"), "https://d-1.awsapps.com/start",
            "us-east-1", List.of("sso:account:access"));
    private static final SsoSession LEGACY = new SsoSession(Optional.empty(), "https://d-1.awsapps.com/start",
            "us-east-1", null);
    private static final ServiceEndpoints NONE = ServiceEndpoints.fromEnvironment(new Environment(Map.of()));
    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at("2024-01-02T03:00:00Z");
    private final FakeOidc oidc = new FakeOidc();
    private final List<String> warnings = new ArrayList<>();

    private TokenCache cache() {
        return new TokenCache(dir, Path::toString, w -> { });
    }

    private TokenService service() {
        return new TokenService(cache(), oidc.factory(), clock, warnings::add, java.time.Duration.ofSeconds(5));
    }

    private SsoToken cached(SsoSession s, Duration left, String refreshToken, String registrationExpiresAt) {
        SsoToken t = new SsoToken(s.startUrl(), s.region(), "old-at", clock.instant().plus(left), "cid", "cs",
                registrationExpiresAt, refreshToken);
        cache().writeToken(s, t);
        return t;
    }

    private SsoToken usable(SsoSession s) {
        return service().usableToken(s, NONE, "ssocred login --profile dev");
    }

    @Test
    void usesTheCachedTokenOutsideTheRefreshWindow() {
        cached(CORP, Duration.ofMinutes(16), "rt", "2030-01-01T00:00:00Z");
        assertEquals("old-at", usable(CORP).accessToken());
        assertTrue(oidc.calls.isEmpty());
    }

    @Test
    void refreshesInsideTheWindowAndWritesBackTheRotatedRefreshToken() {
        cached(CORP, Duration.ofMinutes(14), "rt-1", "2030-01-01T00:00:00Z");
        oidc.queueToken("new-at", 28800, "rt-2");
        SsoToken t = usable(CORP);
        assertEquals("new-at", t.accessToken());
        assertEquals(List.of("refresh_token"), oidc.grantTypes);
        assertEquals("rt-1", oidc.lastRefreshToken);
        SsoToken stored = cache().readToken(CORP, "fix").orElseThrow();
        assertEquals("rt-2", stored.refreshToken());
        assertEquals(clock.instant().plusSeconds(28800), stored.expiresAt());
        assertEquals("2030-01-01T00:00:00Z", stored.registrationExpiresAt());
    }

    @Test
    void aRefreshedTokenThatCannotBeSavedIsStillUsedWithAWarningNamingTheNextStep() {
        cached(CORP, Duration.ofMinutes(5), "rt-1", "2030-01-01T00:00:00Z");
        oidc.queueToken("new-at", 28800, "rt-2");
        oidc.duringRefresh = () -> { // the cache directory turns into a file: no write can succeed, even as root
            dev.ssocred.testing.Files2.deleteTree(dir);
            dev.ssocred.testing.Files2.write(dir, "not a directory");
        };
        assertEquals("new-at", usable(CORP).accessToken());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).endsWith("the refreshed token is used now but not saved, so the next call will need "
                + "'ssocred login --profile dev'"), warnings.get(0));
    }

    @Test
    void keepsTheOldRefreshTokenWhenTheServerSendsNone() {
        cached(CORP, Duration.ofMinutes(-5), "rt-1", "2030-01-01T00:00:00Z");
        oidc.queueToken("new-at", 3600, null);
        usable(CORP);
        assertEquals("rt-1", cache().readToken(CORP, "fix").orElseThrow().refreshToken());
    }

    @Test
    void noTokenMeansLoginNeeded() {
        var e = assertThrows(SsocredException.class, () -> usable(CORP));
        assertEquals(ExitCode.LOGIN_NEEDED, e.exitCode());
        assertEquals("run 'ssocred login --profile dev'", e.hint());
    }

    @Test
    void legacyTokenIsNeverRefreshedAndExplainsWhyWhenExpired() {
        cached(LEGACY, Duration.ofMinutes(5), "rt", "2030-01-01T00:00:00Z");
        assertEquals("old-at", usable(LEGACY).accessToken());
        clock.advance(Duration.ofMinutes(6));
        var e = assertThrows(SsocredException.class, () -> usable(LEGACY));
        assertEquals(ExitCode.LOGIN_NEEDED, e.exitCode());
        assertTrue(e.getMessage().contains("legacy profiles (sso_start_url on the profile) cannot be refreshed"), e.getMessage());
        assertTrue(e.hint().contains("sso_registration_scopes = sso:account:access"), e.hint());
        assertTrue(oidc.calls.isEmpty());
    }

    @Test
    void tokenWithoutRefreshTokenIsUsedUntilItExpires() {
        cached(CORP, Duration.ofMinutes(5), null, "2030-01-01T00:00:00Z");
        assertEquals("old-at", usable(CORP).accessToken());
        clock.advance(Duration.ofMinutes(5));
        var e = assertThrows(SsocredException.class, () -> usable(CORP));
        assertTrue(e.getMessage().contains("has no refresh token"), e.getMessage());
    }

    @Test
    void expiredRegistrationPreventsRefresh() {
        cached(CORP, Duration.ofMinutes(-1), "rt", "2024-01-01T00:00:00Z");
        var e = assertThrows(SsocredException.class, () -> usable(CORP));
        assertTrue(e.getMessage().contains("client registration expired"), e.getMessage());
        assertEquals("run 'ssocred login --profile dev'", e.hint(), "an sso-session needs no advice on scopes");
        assertTrue(oidc.calls.isEmpty());
    }

    @Test
    void refusedRefreshOfAnExpiredTokenMeansTheSessionEnded() {
        cached(CORP, Duration.ofMinutes(-1), "rt", "2030-01-01T00:00:00Z");
        oidc.queueError(Kind.INVALID_GRANT);
        var e = assertThrows(SsocredException.class, () -> usable(CORP));
        assertEquals(ExitCode.LOGIN_NEEDED, e.exitCode());
        assertTrue(e.getMessage().contains("has ended (refresh refused"), e.getMessage());
    }

    @Test
    void transientFailureWithAStillValidTokenUsesItAndWarns() {
        SsoToken old = cached(CORP, Duration.ofMinutes(10), "rt", "2030-01-01T00:00:00Z");
        oidc.queueError(Kind.SERVER_ERROR);
        assertEquals(old, usable(CORP));
        assertEquals(1, warnings.size());
    }

    @Test
    void transientFailureWithAnExpiredTokenIsAnAwsError() {
        cached(CORP, Duration.ofMinutes(-1), "rt", "2030-01-01T00:00:00Z");
        oidc.queueError(Kind.NETWORK);
        var e = assertThrows(SsocredException.class, () -> usable(CORP));
        assertEquals(ExitCode.AWS, e.exitCode());
    }

    @Test
    void refusedRefreshOfAStillValidTokenKeepsUsingIt() {
        SsoToken old = cached(CORP, Duration.ofMinutes(10), "rt", "2030-01-01T00:00:00Z");
        oidc.queueError(Kind.INVALID_GRANT);
        assertEquals(old, usable(CORP));
        assertTrue(warnings.get(0).contains("could not refresh"), warnings.toString());
    }

    @Test
    void aRefreshHeldUpByAnotherHolderUsesTheCurrentTokenWhileItLasts() throws Exception {
        cached(CORP, Duration.ofMinutes(10), "rt", "2030-01-01T00:00:00Z"); // due for a refresh, not expired
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var holder = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (dev.ssocred.io.FileLock l = dev.ssocred.io.FileLock.acquire(cache().lockPath(CORP), Duration.ofSeconds(5),
                    java.time.Clock.systemUTC(), "another ssocred (pid 7)", dev.ssocred.io.FileLock.QUIET)) {
                held.countDown();
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(held.await(5, java.util.concurrent.TimeUnit.SECONDS));
        try {
            SsoToken t = new TokenService(cache(), oidc.factory(), clock, warnings::add, Duration.ofMillis(300))
                    .usableToken(CORP, NONE, "fix");
            assertEquals("old-at", t.accessToken());
            assertTrue(warnings.get(0).startsWith("gave up waiting for another ssocred (pid 7) to refresh the token for "
                    + "sso-session 'corp'; using the current one until "), warnings.toString());
            assertTrue(oidc.calls.isEmpty());
        } finally {
            release.countDown();
            holder.get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
