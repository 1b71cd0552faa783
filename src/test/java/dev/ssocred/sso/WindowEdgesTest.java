package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoSession;
import dev.ssocred.testing.FakeOidc;
import dev.ssocred.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every window at its exact edge, as botocore and the AWS CLI decide it ("remaining < 15 min" refreshes, expires or
 * re-registers; exactly 15:00 does not), and the lock paths that only the process-level tests reached before.
 */
class WindowEdgesTest {
    static final SsoSession CORP = new SsoSession(Optional.of("corp"), "https://d-1.awsapps.com/start", "us-east-1",
            List.of("sso:account:access"));
    static final ServiceEndpoints NONE = ServiceEndpoints.fromEnvironment(new Environment(Map.of()));
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at("2024-01-02T03:00:00Z");
    final FakeOidc oidc = new FakeOidc();

    private TokenCache cache() {
        return new TokenCache(dir, Path::toString, w -> { });
    }

    private void cachedToken(Duration left) {
        cache().writeToken(CORP, new SsoToken(CORP.startUrl(), "us-east-1", "old-at", clock.instant().plus(left), "cid",
                "cs", "2030-01-01T00:00:00Z", "rt"));
    }

    private SsoToken usable() {
        return new TokenService(cache(), oidc.factory(), clock, w -> { }, Duration.ofSeconds(5))
                .usableToken(CORP, NONE, "fix");
    }

    @Test
    void aTokenWithExactlyFifteenMinutesLeftIsUsedAsItIs() {
        cachedToken(Duration.ofMinutes(15));
        assertEquals("old-at", usable().accessToken());
        assertTrue(oidc.calls.isEmpty(), "botocore refreshes only when remaining < 15 min");
    }

    @Test
    void aTokenOneMillisecondInsideTheWindowIsRefreshed() {
        cachedToken(Duration.ofMinutes(15).minusMillis(1));
        oidc.queueToken("new-at", 28800, "rt-2");
        assertEquals("new-at", usable().accessToken());
    }

    @Test
    void aRegistrationIsReusedWithExactlyFifteenMinutesLeftAndNotOneMillisecondLess() {
        Instant now = clock.instant();
        var device = new ClientRegistration("c", "s", now.plus(Duration.ofMinutes(15)), "x", null, null);
        var pkce = new ClientRegistration("c", "s", now.plus(Duration.ofMinutes(15)), "x", List.of("sso:account:access"),
                List.of(ClientRegistration.AUTH_CODE_GRANT, "refresh_token"));
        assertTrue(device.usableForDeviceFlow(now));
        assertTrue(pkce.usableForAuthCode(now));
        Instant later = now.plusMillis(1);
        assertFalse(device.usableForDeviceFlow(later));
        assertFalse(pkce.usableForAuthCode(later));
        assertFalse(pkce.usableForDeviceFlow(now), "a PKCE registration is not reused for the device flow");
        assertFalse(device.usableForAuthCode(now), "nor the other way round");
    }

    @Test
    void registrationScopesAndGrantTypesAreReadBackFromTheCache() {
        var reg = new ClientRegistration("cid", "secret", Instant.parse("2030-01-01T00:00:00Z"), "2030-01-01T00:00:00Z",
                List.of("sso:account:access", "extra"), List.of(ClientRegistration.AUTH_CODE_GRANT, "refresh_token"));
        cache().writeRegistration(CORP, reg);
        ClientRegistration back = cache().readRegistration(CORP, "fix").orElseThrow();
        assertEquals(List.of("sso:account:access", "extra"), back.scopes());
        assertEquals(List.of(ClientRegistration.AUTH_CODE_GRANT, "refresh_token"), back.grantTypes());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), back.expiresAt());
        assertTrue(back.usableForAuthCode(clock.instant()));
    }

    @Test
    void aRefreshThatWaitedForAnotherRefresherReReadsTheTokenAndDoesNotRefreshAgain() throws Exception {
        cachedToken(Duration.ofMinutes(5));
        // The other refresher on a thread of its own, which takes the lock and lets it go: a thread that holds a lock
        // takes it again at once (FileLock), so it cannot stand for another holder on the test's thread.
        CountDownLatch held = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (var holder = dev.ssocred.io.FileLock.acquire(cache().lockPath(CORP), Duration.ofSeconds(5),
                    java.time.Clock.systemUTC(), "the other refresher", h -> { })) {
                held.countDown();
                Thread.sleep(200);
                // What the other refresher leaves behind before it lets go.
                cache().writeToken(CORP, new SsoToken(CORP.startUrl(), "us-east-1", "theirs", clock.instant()
                        .plus(Duration.ofHours(8)), "cid", "cs", "2030-01-01T00:00:00Z", "rt-2"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        assertTrue(held.await(5, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("theirs", usable().accessToken());
        other.join();
        assertTrue(oidc.calls.isEmpty(), "the token written while we waited was used, not refreshed again");
    }

    /** A sign-in that takes 300 ms, counts itself in {@code flows} and says when it has started. */
    private static java.util.function.Supplier<SsoToken> slowSignIn(AtomicInteger flows, CountDownLatch inFlow,
                                                                    Instant expiresAt) {
        return () -> {
            flows.incrementAndGet();
            inFlow.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SsoToken(CORP.startUrl(), "us-east-1", "at-" + flows.get(), expiresAt, "cid", "cs",
                    "2030-01-01T00:00:00Z", "rt");
        };
    }

    @Test
    void twoLoginsAtOnceMakeOneSignInAndTheSecondUsesItsToken() throws Exception {
        LoginService logins = new LoginService(cache(), java.time.Clock.systemUTC(), Duration.ofSeconds(10),
                Duration.ofSeconds(5));
        AtomicInteger flows = new AtomicInteger();
        CountDownLatch inFlow = new CountDownLatch(1);
        List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.function.Supplier<SsoToken> signIn = slowSignIn(flows, inFlow, Instant.now().plus(Duration.ofHours(8)));
        var first = new java.util.concurrent.CompletableFuture<SsoToken>();
        Thread t = new Thread(() -> first.complete(logins.login(CORP, signIn, notes::add, "fix")));
        t.start();
        inFlow.await();
        SsoToken second = logins.login(CORP, signIn, notes::add, "fix");
        t.join();
        assertEquals(1, flows.get(), notes.toString());
        assertEquals(first.get().accessToken(), second.accessToken());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("Waiting for ")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("has just signed in")), notes.toString());
    }

    @Test
    void deletingATokenSaysWhetherThereWasOneAndKeepsTheRegistration() throws Exception {
        assertEquals(false, cache().deleteToken(CORP));
        cachedToken(Duration.ofHours(1));
        cache().writeRegistration(CORP, new ClientRegistration("cid", "secret-1", Instant.parse("2030-01-01T00:00:00Z"),
                "2030-01-01T00:00:00Z", null, null));
        assertEquals(true, cache().deleteToken(CORP));
        assertEquals(Optional.empty(), cache().readTokenIfIntact(CORP));
        assertTrue(cache().readRegistration(CORP, "fix").isPresent());
    }

    @Test
    void anExpiredTokenThatCannotBeRefreshedSaysWhenItEndedAndWhatToRun() {
        SsoSession legacy = new SsoSession(Optional.empty(), "https://d-1.awsapps.com/start", "us-east-1", null);
        cache().writeToken(legacy, new SsoToken(legacy.startUrl(), "us-east-1", "at", clock.instant().minusSeconds(60),
                null, null, null, null));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ssocred.SsocredException.class, () ->
                new TokenService(cache(), oidc.factory(), clock, w -> { }, Duration.ofSeconds(5))
                        .usableToken(legacy, NONE, "ssocred login --profile old"));
        assertTrue(e.getMessage().contains("2024-01-02 02:59:00"), e.getMessage());
        assertTrue(e.hint().startsWith("run 'ssocred login --profile old'; to stop re-logging in every few hours, move "
                + "the profile to an [sso-session]"), e.hint());
    }

    @Test
    void aLoginAnotherProcessJustMadeWithExactlyFifteenMinutesLeftIsUsed() throws Exception {
        Instant t0 = Instant.parse("2026-11-29T02:00:00Z");
        LoginService logins = new LoginService(cache(), java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC),
                Duration.ofSeconds(10), Duration.ofSeconds(5));
        AtomicInteger flows = new AtomicInteger();
        CountDownLatch inFlow = new CountDownLatch(1);
        java.util.function.Supplier<SsoToken> signIn = slowSignIn(flows, inFlow, t0.plus(Duration.ofMinutes(15)));
        Thread t = new Thread(() -> logins.login(CORP, signIn, n -> { }, "fix"));
        t.start();
        inFlow.await();
        SsoToken second = logins.login(CORP, signIn, n -> { }, "fix");
        t.join();
        assertEquals(1, flows.get(), "15:00 left is fresh (botocore: remaining < 15 min refreshes)");
        assertEquals("at-1", second.accessToken());
    }

    @Test
    void aNewLoginIsStoredEvenWhenTheSessionLockCannotBeTaken() throws Exception {
        java.nio.file.Files.createDirectories(cache().lockPath(CORP)); // a directory where the lock file goes
        LoginService logins = new LoginService(cache(), java.time.Clock.systemUTC(), Duration.ofSeconds(5),
                Duration.ofSeconds(1));
        List<String> notes = new ArrayList<>();
        SsoToken token = new SsoToken(CORP.startUrl(), "us-east-1", "at-unlocked", Instant.now().plus(Duration.ofHours(8)),
                "cid", "cs", "2030-01-01T00:00:00Z", "rt");
        logins.login(CORP, () -> token, notes::add, "fix");
        assertEquals("at-unlocked", cache().readToken(CORP, "fix").orElseThrow().accessToken());
        assertTrue(notes.get(0).startsWith("ssocred: warning: could not lock ") && notes.get(0).endsWith(
                "; storing the token without it"), notes.toString());
    }
}
