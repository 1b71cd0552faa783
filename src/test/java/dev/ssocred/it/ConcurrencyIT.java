package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.SsoSession;
import dev.ssocred.emulator.Fault;
import dev.ssocred.emulator.IdentityCenterEmulator;
import dev.ssocred.io.Json;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenCache;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Launcher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real target/ssocred processes in parallel against the stateful emulator, which rotates refresh tokens (a used
 * one is refused) and counts calls: N callers on an expiring session make one refresh and one fetch, and all succeed.
 */
class ConcurrencyIT {
    static final int N = 32;
    static final SsoSession CORP = CorpHome.CORP;
    @TempDir
    Path home;
    IdentityCenterEmulator emu;
    Map<String, String> env;
    IdentityCenterEmulator.Seed seed;

    @BeforeEach
    void setUp() throws Exception {
        emu = IdentityCenterEmulator.start();
        seed = emu.seedSession();
        CorpHome.config(home, "[profile admin]", "sso_session = corp", "sso_account_id = 111122223333",
                "sso_role_name = Admin");
        env = Launcher.env(home);
        env.put("AWS_ENDPOINT_URL", emu.baseUrl());
    }

    @AfterEach
    void tearDown() {
        emu.close();
    }

    private void token(Duration left) {
        new TokenCache(home.resolve(".aws/sso/cache"), Path::toString, w -> { }).writeToken(CORP, new SsoToken(
                CORP.startUrl(), "us-east-1", seed.accessToken(), Instant.now().plus(left), seed.clientId(),
                seed.clientSecret(), seed.registrationExpiresAt().toString(), seed.refreshToken()));
    }

    private List<Launcher.Result> parallel(List<String> profiles) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(profiles.size());
        try {
            List<Future<Launcher.Result>> futures = new ArrayList<>();
            for (String p : profiles) {
                futures.add(pool.submit(() -> Launcher.run(env, "process", "--profile", p)));
            }
            List<Launcher.Result> results = new ArrayList<>();
            for (Future<Launcher.Result> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Set<String> accessKeys(List<Launcher.Result> results) throws Exception {
        Set<String> keys = new TreeSet<>();
        for (Launcher.Result r : results) {
            assertEquals(0, r.code(), r.toString());
            keys.add((String) Json.parseObject(r.out()).get("AccessKeyId"));
        }
        return keys;
    }

    @Test
    void parallelCallsOnAnExpiredTokenMakeOneRefreshAndOneFetch() throws Exception {
        token(Duration.ofMinutes(-1));
        long start = System.nanoTime();
        List<Launcher.Result> results = parallel(java.util.Collections.nCopies(N, "dev"));
        System.out.printf("[timing] %d parallel process calls, expired token: %d ms%n", N, (System.nanoTime() - start) / 1_000_000);
        assertEquals(1, accessKeys(results).size(), "everyone got the one set of credentials");
        assertEquals(1, emu.calls("CreateToken:refresh_token"));
        assertEquals(1, emu.calls("GetRoleCredentials"));
        SsoToken stored = new TokenCache(home.resolve(".aws/sso/cache"), Path::toString, w -> { })
                .readToken(CORP, "fix").orElseThrow();
        assertTrue(!stored.refreshToken().equals(seed.refreshToken()), "the rotated refresh token was stored");
    }

    @Test
    void parallelCallsWithAValidTokenAndColdRoleCacheMakeOneFetch() throws Exception {
        token(Duration.ofHours(8));
        List<Launcher.Result> results = parallel(java.util.Collections.nCopies(N, "dev"));
        assertEquals(1, accessKeys(results).size());
        assertEquals(0, emu.calls("CreateToken"));
        assertEquals(1, emu.calls("GetRoleCredentials"));
    }

    @Test
    void twoRolesOfOneSessionShareOneRefresh() throws Exception {
        token(Duration.ofMinutes(5));
        List<String> profiles = new ArrayList<>();
        for (int i = 0; i < N / 2; i++) {
            profiles.add("dev");
            profiles.add("admin");
        }
        assertEquals(2, accessKeys(parallel(profiles)).size());
        assertEquals(1, emu.calls("CreateToken:refresh_token"));
        assertEquals(2, emu.calls("GetRoleCredentials"));
    }

    @Test
    void aWaiterWatchesTheHoldersLineAndNeverOpensTheLockFile() throws Exception {
        token(Duration.ofHours(8));
        // Slow enough that the waiter below starts while the holder still fetches, quick enough that the holder's line
        // (believed for 2 s: FileLock.HOLDER_LINE_MILLIS) is still new when the entry is written.
        emu.inject("GetRoleCredentials", Fault.slow(Duration.ofMillis(1200)), 1);
        ProcessBuilder pb = new ProcessBuilder(Launcher.path().toString(), "process", "--profile", "dev");
        pb.environment().clear();
        pb.environment().putAll(env);
        Process holder = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (emu.calls("GetRoleCredentials") == 0) { // the holder wrote its line when it took the entry's lock
            assertTrue(System.nanoTime() < deadline, "the first process never reached the server");
            Thread.onSpinWait();
        }
        Path log = home.resolve("waiter-classes.log");
        env.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Launcher.Result waiter = Launcher.run(env, "process", "--profile", "dev");
        String held = new String(holder.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, holder.exitValue());
        assertEquals(0, waiter.code(), waiter.toString());
        assertEquals(Json.parseObject(held).get("AccessKeyId"), Json.parseObject(waiter.out()).get("AccessKeyId"));
        assertEquals(1, emu.calls("GetRoleCredentials"));
        String loaded = java.nio.file.Files.readString(log);
        assertTrue(loaded.contains("dev.ssocred.io.FileLock$Finder"), "it found the entry missing and waited");
        // The holder's line says it is at work: the waiter watched for the entry with stats and never set up a file
        // channel, its lock table and the networking library (~2 ms of CPU each for 31 waiters of a burst).
        assertTrue(!loaded.contains("sun.nio.ch.FileChannelImpl"), "the waiter opened the lock file");
        Path lockFile;
        try (var files = java.nio.file.Files.list(home.resolve(".aws/cli/cache"))) {
            lockFile = files.filter(p -> p.toString().endsWith(".lock")).findFirst().orElseThrow();
        }
        assertEquals(0, java.nio.file.Files.size(lockFile), "the holder cleared its line when it let go");
    }

    @Test
    void aKilledLockHolderDoesNotBlockTheNextProcess() throws Exception {
        token(Duration.ofMinutes(-1));
        emu.inject("CreateToken", Fault.stall(Duration.ofSeconds(60)), 1);
        Map<String, String> slow = new java.util.HashMap<>(env);
        ProcessBuilder pb = new ProcessBuilder(Launcher.path().toString(), "process", "--profile", "dev");
        pb.environment().clear();
        pb.environment().putAll(slow);
        Process holder = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (emu.calls("CreateToken") == 0) { // the holder has both locks once its refresh reaches the server
            assertTrue(System.nanoTime() < deadline, "the first process never reached the server");
            Thread.onSpinWait();
        }
        holder.destroyForcibly();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        env.put("SSOCRED_LOCK_TIMEOUT", "20");
        Launcher.Result next = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, next.code(), next.toString());
        assertTrue(next.millis() < 20_000, "it did not wait for the lock timeout: " + next.millis() + " ms");
        assertEquals(2, emu.calls("CreateToken"), "the stalled request and the next process's");
        assertEquals(1, emu.calls("CreateToken:refresh_token"), "the stalled one was never processed");
    }

    @Test
    void twoLoginsAtOnceMakeOneBrowserFlow() throws Exception {
        emu.autoApproveAfter = Duration.ofSeconds(8); // long enough for the second JVM to start on a busy machine
        ProcessBuilder pb = new ProcessBuilder(Launcher.path().toString(), "login", "--profile", "dev", "--no-browser");
        pb.environment().clear();
        pb.environment().putAll(env);
        Process first = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (emu.calls("StartDeviceAuthorization") == 0) {
            assertTrue(System.nanoTime() < deadline, "the first login never started");
            Thread.onSpinWait();
        }
        Launcher.Result second = Launcher.run(env, "login", "--profile", "dev", "--no-browser");
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue());
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.err().contains("Another ssocred process has just signed in to sso-session 'corp'."), second.err());
        assertEquals(1, emu.calls("StartDeviceAuthorization"));
        assertEquals(1, emu.calls("RegisterClient"));
    }
}
