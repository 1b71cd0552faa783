package dev.ssocred.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.SsocredException;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoProfile;
import dev.ssocred.config.SsoSession;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenCache;
import dev.ssocred.sso.TokenService;
import dev.ssocred.testing.FakeOidc;
import dev.ssocred.testing.FakePortal;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsServiceTest {
    static final SsoSession CORP = new SsoSession(Optional.of("corp"), "https://d-1.awsapps.com/start", "us-east-1",
            List.of("sso:account:access"));
    static final SsoProfile DEV = new SsoProfile("dev", CORP, "111122223333", "ReadOnly", Optional.empty(),
            ServiceEndpoints.fromEnvironment(new Environment(Map.of())));
    @TempDir
    Path home;
    final MutableClock clock = MutableClock.at("2024-01-02T03:00:00Z");
    final FakePortal portal = new FakePortal();
    final List<String> warnings = new ArrayList<>();
    RoleCredentialsCache cache;
    CredentialsService service;

    @BeforeEach
    void setUp() {
        TokenCache tokens = new TokenCache(home.resolve("sso"), Path::toString, warnings::add);
        tokens.writeToken(CORP, new SsoToken(CORP.startUrl(), "us-east-1", "at", clock.instant().plus(Duration.ofHours(8)),
                "cid", "cs", "2030-01-01T00:00:00Z", "rt"));
        cache = new RoleCredentialsCache(home.resolve("cli"), Path::toString, warnings::add);
        service = new CredentialsService(cache, new TokenService(tokens, new FakeOidc().factory(), clock, warnings::add,
                Duration.ofSeconds(5)), portal.factory(), clock, Duration.ofSeconds(5), warnings::add);
    }

    @Test
    void fetchesOnceThenServesFromTheCacheWhileMoreThanFifteenMinutesRemain() {
        portal.expiration = clock.instant().plus(Duration.ofHours(1));
        RoleCredentials first = service.credentials(DEV, "fix");
        assertEquals(first, service.credentials(DEV, "fix"));
        clock.advance(Duration.ofMinutes(44)); // 16 minutes left
        assertEquals(first, service.credentials(DEV, "fix"));
        assertEquals(1, portal.tokensSeen.size());
        clock.advance(Duration.ofMinutes(2)); // 14 minutes left: fetch again
        service.credentials(DEV, "fix");
        assertEquals(2, portal.tokensSeen.size());
    }

    @Test
    void aDamagedCacheEntryIsReportedAndReplaced() {
        Files2.write(cache.path(DEV), "{\"ProviderType\": \"sso\", \"Creden");
        service.credentials(DEV, "fix");
        assertEquals(1, portal.tokensSeen.size());
        // read before and after taking the lock; the CLI's warning sink prints each distinct message once
        List<String> distinct = warnings.stream().distinct().toList();
        assertEquals(2, distinct.size(), distinct.toString());
        assertTrue(distinct.get(0).endsWith(".json is unreadable (malformed JSON at line 1, column 32); "
                + "fetching new credentials"), distinct.get(0));
        assertTrue(distinct.get(1).endsWith("was readable by others (mode rw-r--r--); it is now rw-------"), distinct.get(1));
        assertTrue(cache.read(DEV).isPresent());
    }

    @Test
    void readsEntriesTheAwsCliWroteWithoutAccountId() {
        Files2.write(cache.path(DEV), "{\"ProviderType\": \"sso\", \"Credentials\": {\"AccessKeyId\": \"CLI\", "
                + "\"SecretAccessKey\": \"S\", \"SessionToken\": \"T\", \"Expiration\": \"2024-01-02T05:00:00UTC\"}}");
        assertEquals("CLI", service.credentials(DEV, "fix").accessKeyId());
        assertTrue(portal.tokensSeen.isEmpty());
    }

    @Test
    void unassignedRoleIsAConfigurationError() {
        portal.failWith = Kind.NOT_FOUND;
        var e = assertThrows(SsocredException.class, () -> service.credentials(DEV, "fix"));
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().startsWith("role 'ReadOnly' in account 111122223333 is not assigned to you"), e.getMessage());
    }

    @Test
    void throttlingIsAnAwsErrorWithARetryHint() {
        portal.failWith = Kind.THROTTLED;
        var e = assertThrows(SsocredException.class, () -> service.credentials(DEV, "fix"));
        assertEquals(ExitCode.AWS, e.exitCode());
        assertEquals("retry in a moment", e.hint());
    }

    @Test
    void anUnlockableAndUnreadableCacheStillGivesCredentialsWithWarnings() throws Exception {
        java.nio.file.Files.createDirectories(cache.lockPath(DEV)); // the lock cannot be opened
        java.nio.file.Files.createDirectories(cache.path(DEV));     // nor the entry read or written
        RoleCredentials c = service.credentials(DEV, "fix");
        assertEquals("ASIA1", c.accessKeyId());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("it is not a regular file")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.endsWith("the credentials are not cached")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("cannot lock ") && w.endsWith("fetching without it")),
                warnings.toString());
    }

    @Test
    void credentialsAnotherHolderFetchedWhileWeWaitedAreServedWithoutAFetch() throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        RoleCredentials theirs = new RoleCredentials("ASIATHEIRS", "their-secret-value", "their-token-value",
                clock.instant().plus(Duration.ofHours(1)), "111122223333");
        var holder = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (dev.ssocred.io.FileLock l = dev.ssocred.io.FileLock.acquire(cache.lockPath(DEV), Duration.ofSeconds(5),
                    java.time.Clock.systemUTC(), "another ssocred", dev.ssocred.io.FileLock.QUIET)) {
                held.countDown();
                written.await(10, java.util.concurrent.TimeUnit.SECONDS);
                Thread.sleep(200); // let the service reach the lock and wait for it
                cache.write(DEV, theirs);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(held.await(5, java.util.concurrent.TimeUnit.SECONDS));
        written.countDown();
        assertEquals(theirs, service.credentials(DEV, "fix"));
        assertTrue(portal.tokensSeen.isEmpty(), "no fetch of our own");
        holder.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void anEntryThatIsNotRoleCredentialsIsReportedAndReplaced() {
        dev.ssocred.testing.Files2.write(cache.path(DEV), "{\"ProviderType\": \"sso\", \"Other\": {}}");
        java.nio.file.Path p = cache.path(DEV);
        try {
            java.nio.file.Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        portal.expiration = clock.instant().plus(Duration.ofHours(1));
        service.credentials(DEV, "fix");
        assertTrue(warnings.get(0).endsWith(".json is not a role-credential cache entry; fetching new credentials"),
                warnings.toString());
        assertEquals(1, portal.tokensSeen.size());
    }
}
