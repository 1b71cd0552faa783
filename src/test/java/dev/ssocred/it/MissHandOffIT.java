package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.emulator.IdentityCenterEmulator;
import dev.ssocred.io.Json;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher with its three class-data archives (docs/performance.md): a cache hit runs in one JVM started
 * with the hit path's archive, and so does an SSO role's miss, refresh included (no SDK: aws.HttpOidcApi,
 * aws.HttpPortalApi); a role assumed through STS is handed to a second JVM started with the whole archive, while the
 * first holds the entry's lock; a login starts with its own archive, and loads neither the SDK nor picocli. Every
 * JVM writes its own class-load log ({@code %p}), which says which JVM loaded what.
 */
class MissHandOffIT {
    static final String GUARDED = "arn:aws:iam::444455556666:role/Guarded";
    static final String SERIAL = "arn:aws:iam::111122223333:mfa/alice";
    @TempDir
    Path home;
    Path logs;
    IdentityCenterEmulator emu;
    IdentityCenterEmulator.Seed seed;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        emu = IdentityCenterEmulator.start();
        seed = emu.seedSession();
        CorpHome.config(home, "[profile mfa]", "role_arn = " + GUARDED, "source_profile = dev", "mfa_serial = " + SERIAL,
                "[profile chained]", "role_arn = arn:aws:iam::444455556666:role/Plain", "source_profile = dev");
        emu.requireMfa(GUARDED, SERIAL, "246810");
        env = Launcher.env(home);
        env.remove("SSOCRED_CDS");
        env.put("AWS_ENDPOINT_URL", emu.baseUrl());
        env.put("SSOCRED_LOCK_TIMEOUT", "30"); // a second JVM waiting for its own parent fails in 30 s, not 2 min
        Launcher.Result w = Launcher.run(env, "warmup");
        assertEquals(0, w.code(), w.toString());
        assertTrue(w.err().contains("-all.jsa") || w.err().contains("-all.aot"), "the whole archive: " + w.err());
        assertTrue(w.err().contains("-login.jsa") || w.err().contains("-login.aot"), "the login's: " + w.err());
        logs = Files.createDirectories(home.resolve("logs"));
        env.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load=info:file=" + logs.resolve("jvm-%p.log"));
    }

    @AfterEach
    void tearDown() {
        emu.close();
    }

    private void token(Duration left) {
        CorpHome.writeToken(home, seed, Instant.now().plus(left));
    }

    /** The class-load logs written since the last call, emptied. */
    private List<String> jvms() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path p : files.sorted().toList()) {
                out.add(Files2.read(p));
                Files.delete(p);
            }
        }
        return out;
    }

    private static List<String> outsideTheArchive(String classLog) {
        return classLog.lines().filter(l -> l.contains("source: file:") || l.contains("source: jrt:")).toList();
    }

    private static long count(List<String> jvms, String text) {
        return jvms.stream().filter(log -> log.contains(text)).count();
    }

    /**
     * What the hit archive holds, as the JVM lists it (-XX:+PrintSharedArchiveAndExit, through the launcher, which
     * starts a {@code process} call with that archive): a hit's classes and an SSO role's fetch and refresh, and none
     * of the training's own scaffolding (the emulator's child process and its futures), no regex and no SDK. Every
     * class in it is mapped and relocated at every start (docs/performance.md).
     */
    @Test
    void theHitArchiveHoldsWhatCallsLoadAndNothingOfTheTraining() throws Exception {
        Map<String, String> listing = new java.util.HashMap<>(env);
        listing.put("SSOCRED_JAVA_OPTS", "-XX:+PrintSharedArchiveAndExit");
        Launcher.Result r = Launcher.run(listing, "process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.out());
        String classes = r.err();
        for (String held : List.of(" dev.ssocred.cli.FastPath ", " dev.ssocred.creds.RoleCredentialsCache ",
                " dev.ssocred.aws.HttpPortalApi ", " dev.ssocred.aws.HttpOidcApi ",
                " sun.net.www.protocol.http.HttpURLConnection ")) {
            assertTrue(classes.contains(held), held + " is not in the hit archive");
        }
        for (String left : List.of(" java.lang.ProcessImpl ", " java.util.concurrent.CompletableFuture ",
                " java.util.regex.Pattern ", " dev.ssocred.demo.Training ", "software.amazon.awssdk", " picocli.")) {
            assertFalse(classes.contains(left), left + " is in the hit archive");
        }
    }

    /**
     * The launcher expands the JVM's flags unquoted, and two hold a '*' (-Xlog:cds*=off:stderr): as globs they read
     * the caller's working directory on every call, and a file there named like one became a JVM option (here one
     * the JVM rejects, so the call failed). credential_process runs wherever the SDK's process does.
     */
    @Test
    void aCallerInADirectoryWithFilesNamedLikeTheJvmFlagsGetsItsAnswer() throws Exception {
        token(Duration.ofHours(8));
        Path cwd = Files.createDirectories(home.resolve("odd-names"));
        Files.createFile(cwd.resolve("-Xlog:cdsX=off:stderr"));
        Files.createFile(cwd.resolve("-Xlog:aotX=off:stderr"));
        dev.ssocred.testing.Run.Result r = dev.ssocred.testing.Run.run(env, cwd,
                List.of(Launcher.path().toString(), "process", "--profile", "dev"));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("{\n  \"Version\": 1,"), r.out());
        assertFalse(r.err().contains("Xlog"), r.err());
    }

    @Test
    void aMissWithALastingTokenIsFetchedInOneJvmFromTheHitArchiveWithoutTheSdk() throws Exception {
        token(Duration.ofHours(8));
        Launcher.Result miss = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, miss.code(), miss.toString());
        assertTrue(miss.out().startsWith("{\n  \"Version\": 1,"), miss.out());
        assertEquals("", miss.err());
        assertEquals(1, emu.calls("GetRoleCredentials"));
        List<String> jvms = jvms();
        assertEquals(1, jvms.size(), "one JVM");
        String log = jvms.get(0);
        assertTrue(!log.contains("software.amazon.awssdk") && !log.contains("java.lang.ProcessImpl"), "no SDK, no second JVM");
        assertTrue(log.contains("dev.ssocred.aws.HttpPortalApi source: shared objects file"),
                "the fetch's classes come from the hit archive");
        // The hit archive was trained on this fetch: nothing of ours is read from the jar.
        assertTrue(outsideTheArchive(log).stream().noneMatch(l -> l.contains(" dev.ssocred.")),
                "our classes outside the archive: " + outsideTheArchive(log));

        Launcher.Result hit = Launcher.run(env, "env", "dev", "--format", "json");
        assertEquals(0, hit.code(), hit.toString());
        assertEquals(1, emu.calls("GetRoleCredentials"));
        jvms = jvms();
        assertEquals(1, jvms.size(), "a hit is one JVM");
        assertTrue(!jvms.get(0).contains("java.lang.ProcessImpl") && !jvms.get(0).contains("software.amazon.awssdk")
                && !jvms.get(0).contains("HttpPortalApi"), "no second JVM, no SDK, no HTTP");
        // Every class from the hit archive: one read from the jar opens its 4,000-entry directory on every call.
        assertTrue(!jvms.get(0).contains("source: file:") && !jvms.get(0).contains("source: jrt:"),
                "classes outside the archive: " + outsideTheArchive(jvms.get(0)));
    }

    @Test
    void aMissThatRefreshesTheTokenIsOneJvmWithoutTheSdkToo() throws Exception {
        token(Duration.ofMinutes(10)); // inside the 15-minute refresh window
        Launcher.Result miss = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, miss.code(), miss.toString());
        assertTrue(miss.out().startsWith("{\n  \"Version\": 1,"), miss.out());
        assertEquals("", miss.err());
        assertEquals(1, emu.calls("CreateToken:refresh_token"));
        assertEquals(1, emu.calls("GetRoleCredentials"));
        List<String> jvms = jvms();
        assertEquals(1, jvms.size(), "one JVM");
        assertTrue(!jvms.get(0).contains("software.amazon.awssdk"), "no SDK");
        assertTrue(jvms.get(0).contains("dev.ssocred.aws.HttpOidcApi source: shared objects file"),
                "the refresh's classes come from the hit archive");
        assertFalse(jvms.get(0).lines().anyMatch(l -> l.contains(" dev.ssocred.") && l.contains("$$Lambda")),
                "a miss links no lambda of ours");
        assertTrue(outsideTheArchive(jvms.get(0)).stream().noneMatch(l -> l.contains(" dev.ssocred.")),
                "our classes outside the archive: " + outsideTheArchive(jvms.get(0)));
    }

    @Test
    void anAssumedRoleGoesToASecondJvmWithTheWholeArchive() throws Exception {
        token(Duration.ofHours(8));
        Launcher.Result miss = Launcher.run(env, "process", "--profile", "chained");
        assertEquals(0, miss.code(), miss.toString());
        assertTrue(miss.out().startsWith("{\n  \"Version\": 1,"), miss.out());
        assertEquals("", miss.err());
        assertEquals(1, emu.calls("STS:AssumeRole"));
        List<String> jvms = jvms();
        assertEquals(2, jvms.size(), "two JVMs");
        String first = jvms.stream().filter(l -> l.contains("java.lang.ProcessImpl")).findFirst().orElseThrow();
        assertTrue(!first.contains("software.amazon.awssdk"), "the first JVM loaded no SDK class");
        assertTrue(first.contains("dev.ssocred.cli.FastPath source: shared objects file"), "the hit archive was used");
        String second = jvms.stream().filter(l -> l.contains("software.amazon.awssdk")).findFirst().orElseThrow();
        assertTrue(second.contains("software.amazon.awssdk.services.sts.StsClient source: shared objects file"),
                "the second JVM had the STS client's classes from the whole archive");
    }

    @Test
    void fipsAskedForWithAConfiguredEndpointStaysInOneJvmAsTheClientsDo() throws Exception {
        // The configured endpoint wins over AWS_USE_FIPS_ENDPOINT, for the SDK as for us, so nothing needs the SDK.
        // (Without one, the SDK's rules would pick a real FIPS host: no test here reaches beyond loopback.)
        token(Duration.ofHours(8));
        Map<String, String> fips = new java.util.HashMap<>(env);
        fips.put("AWS_USE_FIPS_ENDPOINT", "true");
        Launcher.Result miss = Launcher.run(fips, "process", "--profile", "dev");
        assertEquals(0, miss.code(), miss.toString());
        assertEquals(1, emu.calls("GetRoleCredentials"));
        List<String> jvms = jvms();
        assertEquals(1, jvms.size(), "one JVM");
        assertEquals(0, count(jvms, "software.amazon.awssdk"), "no SDK");
    }

    @Test
    void otherVerbsStartWithTheWholeArchiveAndHelpNeedsNoPicocli() throws Exception {
        token(Duration.ofHours(8));
        Launcher.Result status = Launcher.run(env, "status");
        assertEquals(0, status.code(), status.toString());
        List<String> jvms = jvms();
        assertEquals(1, jvms.size(), "one JVM");
        String log = jvms.get(0);
        assertTrue(log.contains("dev.ssocred.cli.StatusCommand source: shared objects file"), "the whole archive");
        assertTrue(log.contains("picocli.CommandLine$Model$CommandSpec source: shared objects file"),
                "picocli's classes from the whole archive");

        Launcher.Result help = Launcher.run(env, "status", "--help");
        assertEquals(0, help.code(), help.toString());
        assertTrue(help.out().startsWith("Show each session"), help.out());
        jvms = jvms();
        assertEquals(1, jvms.size(), "one JVM");
        assertTrue(!jvms.get(0).contains("picocli."), "help without picocli");
        assertTrue(!jvms.get(0).contains("source: file:") && !jvms.get(0).contains("source: jrt:"),
                "help from the hit archive alone: " + outsideTheArchive(jvms.get(0)));
    }

    @Test
    void theSecondJvmsExitCodeAndMessageReachTheCallerOnceAndNothingElse() throws Exception {
        Launcher.Result r = Launcher.run(env, "process", "--profile", "mfa"); // not signed in
        assertEquals(3, r.code(), r.toString());
        assertEquals("", r.out());
        assertEquals(1, r.err().split("ssocred login", -1).length - 1, "the hint, once: " + r.err());
        assertEquals(2, jvms().size(), "the miss was handed over");
    }

    @Test
    void aBurstOnAnExpiredTokenIsOneJvmEachWithOneRefreshAndOneFetch() throws Exception {
        token(Duration.ofMinutes(-1));
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Launcher.Result> results = new ArrayList<>();
        try {
            List<Future<Launcher.Result>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> Launcher.run(env, "process", "--profile", "dev")));
            }
            for (Future<Launcher.Result> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        TreeSet<Object> keys = new TreeSet<>();
        for (Launcher.Result r : results) {
            assertEquals(0, r.code(), r.toString());
            keys.add(Json.parseObject(r.out()).get("AccessKeyId"));
        }
        assertEquals(1, keys.size());
        assertEquals(1, emu.calls("CreateToken:refresh_token"));
        assertEquals(1, emu.calls("GetRoleCredentials"));
        List<String> jvms = jvms();
        assertEquals(n, jvms.size(), "no second JVM");
        assertEquals(0, count(jvms, "software.amazon.awssdk"), "and no SDK");
    }

    @Test
    void theSecondJvmAsksForAnMfaCodeOnTheTerminal() throws Exception {
        token(Duration.ofHours(8));
        try (dev.ssocred.testing.Pty pty = dev.ssocred.testing.Pty.start(env, Launcher.path() + " env mfa > "
                + home.resolve("mfa.env"))) {
            pty.await("Enter MFA code for " + java.util.regex.Pattern.quote(SERIAL) + ": ", Duration.ofSeconds(60));
            pty.type("246810\r");
            assertEquals(0, pty.exitCode(Duration.ofSeconds(60)), pty.screen());
        }
        assertTrue(Files2.read(home.resolve("mfa.env")).startsWith("export AWS_ACCESS_KEY_ID='ASIA"));
        assertEquals(1, emu.calls("STS:AssumeRole"));
        List<String> jvms = jvms();
        assertEquals(2, jvms.size(), "the miss went to a second JVM, which asked on the terminal");
        assertEquals(1, count(jvms, "dev.ssocred.cli.TerminalMfaPrompt"));
    }

    @Test
    void bothLoginsStartWithTheLoginsArchiveAndLoadNeitherTheSdkNorPicocli() throws Exception {
        token(Duration.ofHours(8));
        emu.autoApproveAfter = Duration.ZERO; // the device flow's code is approved at once
        Path browser = Files2.write(home.resolve("bin/browser"), "#!/bin/sh\nexec curl -s -L -o /dev/null \"$1\"\n");
        browser.toFile().setExecutable(true);
        env.put("BROWSER", browser.toString());
        env.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load=info,cds=info:file=" + logs.resolve("jvm-%p.log"));
        String[][] logins = {{"login", "--profile", "dev"}, {"login", "dev", "--use-device-code"}};
        for (String[] login : logins) {
            Launcher.Result r = Launcher.run(env, login);
            assertEquals(0, r.code(), r.toString());
            List<String> jvms = jvms();
            assertEquals(1, jvms.size(), "one JVM");
            String log = jvms.get(0);
            assertTrue(log.contains("-login.jsa") || log.contains("-login.aot"), "the login's archive was opened");
            assertFalse(log.contains("software.amazon.awssdk"), "no SDK: every OIDC call is aws.HttpOidcApi's");
            assertFalse(log.contains(" picocli."), "no picocli: the front door ran it (cli.LoginLine)");
            assertTrue(log.contains("dev.ssocred.aws.HttpOidcApi source: shared objects file"), "from the archive");
            assertTrue(outsideTheArchive(log).stream().noneMatch(l -> l.contains(" dev.ssocred.")),
                    "our classes outside the archive: " + outsideTheArchive(log));
            // Each lambda a JVM links costs ~0.1 ms: a login links none of ours (the JDK's own still bootstrap it).
            assertFalse(log.lines().anyMatch(l -> l.contains(" dev.ssocred.") && l.contains("$$Lambda")),
                    "a lambda of ours: " + log.lines().filter(l -> l.contains("$$Lambda")).toList());
        }
        assertEquals(1, emu.calls("CreateToken:authorization_code"));
        assertEquals(1, emu.calls("CreateToken:device_code"));
    }
}
