package dev.ssocred.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ssocred.config.SsoSession;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenCache;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The packaged single-file launcher, run as a real process with the real SDK clients against a local stub. */
class LauncherIT {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    static final String START = "https://d-1234567890.awsapps.com/start";
    static final String EXPECTED = "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"ASIAEXAMPLE\",\n  \"SecretAccessKey\": \"S\",\n"
            + "  \"SessionToken\": \"T\",\n  \"Expiration\": \"2099-01-01T00:00:00+00:00\"\n}\n";

    @TempDir
    Path home;
    Map<String, String> env;

    @BeforeEach
    void setUp() {
        Files2.write(home.resolve(".aws/config"), Files2.lines("[profile dev]", "sso_session = corp",
                "sso_account_id = 111122223333", "sso_role_name = ReadOnly", "[sso-session corp]",
                "sso_start_url = " + START, "sso_region = us-east-1", "sso_registration_scopes = sso:account:access"));
        env = Launcher.env(home);
        env.put("AWS_ENDPOINT_URL_SSO", wm.baseUrl());
        env.put("AWS_ENDPOINT_URL_SSO_OIDC", wm.baseUrl());
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(okJson("{\"roleCredentials\":{"
                + "\"accessKeyId\":\"ASIAEXAMPLE\",\"secretAccessKey\":\"S\",\"sessionToken\":\"T\",\"expiration\":4070908800000}}")));
    }

    private void loggedIn() {
        var session = new SsoSession(Optional.of("corp"), START, "us-east-1", List.of("sso:account:access"));
        new TokenCache(home.resolve(".aws/sso/cache"), Path::toString, w -> { }).writeToken(session, new SsoToken(START,
                "us-east-1", "the-access-token", Instant.now().plus(Duration.ofHours(8)), "cid", "cs",
                "2099-01-01T00:00:00Z", "rt"));
    }

    @Test
    void processPrintsOnlyTheJsonAndCallsThePortalOnce() throws Exception {
        loggedIn();
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        System.out.println("[timing] target/ssocred process, token cached, one GetRoleCredentials: " + r.millis() + " ms");
        assertEquals(0, r.code(), r.toString());
        assertEquals(EXPECTED, r.out());
        assertEquals("", r.err());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/federation/credentials"))
                .withHeader("x-amz-sso_bearer_token", equalTo("the-access-token")));
        Launcher.Result again = Launcher.run(env, "process", "--profile", "dev");
        System.out.println("[timing] target/ssocred process, role credentials cached: " + again.millis() + " ms");
        assertEquals(EXPECTED, again.out());
        wm.verify(1, getRequestedFor(urlPathEqualTo("/federation/credentials")));
    }

    @Test
    void cacheHitLoadsNoAwsSdkClassAndMakesNoCall() throws Exception {
        loggedIn();
        assertEquals(0, Launcher.run(env, "process", "--profile", "dev").code());
        wm.resetRequests();
        java.nio.file.Path log = home.resolve("classes.log");
        env.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(EXPECTED, r.out());
        String loaded = Files2.read(log);
        assertTrue(loaded.contains("dev.ssocred.creds.RoleCredentialsCache"), "the log is the class-load log");
        assertTrue(!loaded.contains("software.amazon.awssdk"), "an SDK class was loaded on a cache hit");
        assertTrue(!loaded.contains("picocli."), "picocli was loaded on a cache hit");
        // The first lambda or method reference starts the JVM's invokedynamic machinery: ~10 ms of a 48 ms hit
        // (docs/performance.md). A hit runs none, in process and env alike.
        assertTrue(!loaded.contains("LambdaMetafactory") && !loaded.contains("$$Lambda"),
                "a lambda ran on a cache hit: " + lambdas(loaded));
        // The two files are read through java.io: a file channel costs ~35 classes and the networking library, and
        // java.time.Duration a BigInteger, ~1 ms of a 30 ms hit between them (docs/performance.md).
        assertTrue(!loaded.contains("sun.nio.ch.FileChannelImpl") && !loaded.contains("java.time.Duration "),
                "a file channel or a Duration on a cache hit");
        // Each ~0.1 ms of a hit: ZoneId's tables (Clock.systemUTC), a TreeMap for the three keys of the entry's name,
        // a class per output format, and the exceptions that said ~/.aws/credentials is missing (it is, here).
        assertFalse(java.nio.file.Files.exists(home.resolve(".aws/credentials")) || env.containsKey(
                "AWS_SHARED_CREDENTIALS_FILE"), "the call reads a missing ~/.aws/credentials");
        for (String avoided : List.of("java.time.ZoneId ", "java.util.TreeMap ", "CredentialFormat$",
                "java.nio.file.NoSuchFileException ")) {
            assertFalse(loaded.contains(avoided), avoided + " on a cache hit");
        }
        java.nio.file.Files.delete(log);
        assertEquals(0, Launcher.run(env, "env", "dev", "--format", "json").code());
        loaded = Files2.read(log);
        assertTrue(loaded.contains("dev.ssocred.output.CredentialFormat"), "the log is the class-load log");
        assertTrue(!loaded.contains("LambdaMetafactory") && !loaded.contains("$$Lambda"),
                "a lambda ran on an env cache hit: " + lambdas(loaded));
        assertTrue(!loaded.contains("NativeMethodAccessorImpl"), "reflection on an env cache hit (Enum.valueOf's)");
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void aConfigAsPopulateWritesItForAHundredAccountsIsReadWholeAndNamesItsLines() throws Exception {
        // 300 profiles (41 KB) before the test's own, as `ssocred populate` leaves a config for 100 accounts of three
        // roles: the packaged file parses it in bulk (docs/performance.md) and must still find the first profile and
        // the last, and point at a bad line by its number.
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            big.append("[profile acct").append(String.format("%03d", i)).append("-ReadOnly]\nsso_session = corp\n")
                    .append("sso_account_id = ").append(100000000000L + i).append("\nsso_role_name = ReadOnly\n")
                    .append("region = us-east-1\noutput = json\n\n");
        }
        Path config = home.resolve(".aws/config");
        String own = Files2.read(config);
        Files2.write(config, big + own);
        loggedIn();
        assertEquals(EXPECTED, Launcher.run(env, "process", "--profile", "dev").out());
        assertEquals(EXPECTED, Launcher.run(env, "process", "--profile", "dev").out(), "and as a cache hit");
        Launcher.Result first = Launcher.run(env, "process", "--profile", "acct000-ReadOnly");
        assertEquals(0, first.code(), first.toString());
        wm.verify(getRequestedFor(urlPathEqualTo("/federation/credentials"))
                .withQueryParam("account_id", equalTo("100000000000")));
        int lines = (big + own).split("\n", -1).length;
        Files2.write(config, big + own + "just words\n");
        Launcher.Result bad = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(4, bad.code(), bad.toString());
        assertEquals("", bad.out());
        assertTrue(bad.err().contains("~/.aws/config:" + lines + ": expected 'key = value'"), bad.err());
    }

    @Test
    void helpIsPrintedWithoutPicocliAsPicocliPrintsItInColourOnlyOnATerminal() throws Exception {
        java.nio.file.Path log = home.resolve("classes.log");
        Map<String, String> logged = new java.util.HashMap<>(env);
        logged.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"login", "--help"}, new String[] {"help", "env"})) {
            Launcher.Result fast = Launcher.run(logged, args);
            String loaded = Files2.read(log);
            assertTrue(loaded.contains("dev.ssocred.cli.HelpPages"), "the log is the class-load log");
            assertTrue(!loaded.contains("picocli."), "picocli was loaded for " + String.join(" ", args));
            // --debug is not the front door's: picocli renders the same request.
            String[] debug = new String[args.length + 1];
            debug[0] = "--debug";
            System.arraycopy(args, 0, debug, 1, args.length);
            Launcher.Result picocli = Launcher.run(env, debug);
            assertEquals(0, fast.code(), fast.toString());
            assertEquals(picocli.out(), fast.out(), String.join(" ", args));
            assertTrue(fast.out().contains("Usage: ssocred"), fast.out());
            assertTrue(!fast.out().contains("\u001b["), "colour on a pipe: " + fast.out());
        }
        // On a terminal: in colour, from the front door and from picocli alike.
        for (String command : List.of("--help", "--debug --help")) {
            try (dev.ssocred.testing.Pty pty = dev.ssocred.testing.Pty.start(env, Launcher.path() + " " + command)) {
                assertEquals(0, pty.exitCode(Duration.ofSeconds(30)), pty.screen());
                assertTrue(pty.screen().contains("\u001b[1mssocred\u001b[21m\u001b[0m"), command + ": " + pty.screen());
            }
            // Redirected to a file while stderr stays on the terminal: no colour (picocli alone used to colour it).
            try (dev.ssocred.testing.Pty pty = dev.ssocred.testing.Pty.start(env, Launcher.path() + " " + command
                    + " > " + home.resolve("help.txt"))) {
                assertEquals(0, pty.exitCode(Duration.ofSeconds(30)), pty.screen());
                String file = Files2.read(home.resolve("help.txt"));
                assertTrue(file.startsWith("Usage: ssocred") && !file.contains("\u001b["), command + ": " + file);
            }
        }
    }

    private static List<String> lambdas(String classLog) {
        List<String> out = new java.util.ArrayList<>();
        for (String line : classLog.split("\n")) {
            if (line.contains("Lambda")) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void aRegularFileGetsTheAnswerAtItsOffsetBetweenTheShellsOwnLines() throws Exception {
        loggedIn();
        Run.Result r = Run.run(env, home, List.of("/bin/sh", "-c", "{ echo before; '" + Launcher.path()
                + "' process --profile dev; echo after; } > out.txt; cat out.txt; echo; "
                + "'" + Launcher.path() + "' process --profile dev | head -c 14; echo; "
                + "'" + Launcher.path() + "' process --profile dev >> out.txt; grep -c Version out.txt"));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("before\n" + EXPECTED + "after\n\n"), r.out());
        assertTrue(r.out().contains("\n{\n  \"Version\":\n2\n"), "a pipe, then >> appending: " + r.out());
    }

    @Test
    void jvmWarningsNeverReachStdout() throws Exception {
        loggedIn();
        // A missing CDS archive makes the JVM warn; by default that warning goes to stdout.
        env.put("SSOCRED_JAVA_OPTS", "-XX:SharedArchiveFile=" + home.resolve("missing.jsa") + " -Xshare:auto");
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals(EXPECTED, r.out());
    }

    @Test
    void loginNeededIsExitCode3WithNothingOnStdout() throws Exception {
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(3, r.code(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().contains("hint: run 'ssocred login --profile dev'"), r.err());
    }

    @Test
    void envOutputEvaluatesInARealShell() throws Exception {
        loggedIn();
        var pb = new ProcessBuilder("sh", "-c", "eval \"$(\"$SSOCRED\" env dev)\" && printf '%s|%s' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SESSION_TOKEN\"");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("SSOCRED", Launcher.path().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertEquals("ASIAEXAMPLE|T", out);
    }

    @Test
    void demoRunsEveryStepInAThrowawayHomeAndLeavesTheRealOneAlone() throws Exception {
        Launcher.Result r = Launcher.run(env, "demo");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.out(), "the demo narrates on stderr");
        assertTrue(r.err().contains("All steps passed."), r.err());
        assertTrue(r.err().contains("caller: arn:aws:sts::111122223333:assumed-role/"), r.err());
        assertTrue(!java.nio.file.Files.exists(home.resolve(".aws/sso")), "the demo never touches HOME's ~/.aws");
    }

    @Test
    void warmupWritesAClassDataArchiveThatLaterRunsUseWithCleanStdout() throws Exception {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        warmupThenAHitFromTheArchive();
    }

    /**
     * Two collectors stop the JVM ("Multiple garbage collectors selected"), so one named in SSOCRED_JAVA_OPTS
     * replaces the launcher's; without one, the launcher's is G1 unless it knows the JDK is 25 or newer.
     */
    @Test
    void aCollectorNamedInSsocredJavaOptsReplacesTheLaunchersOwn() throws Exception {
        loggedIn();
        java.nio.file.Path log = home.resolve("gc.log");
        env.put("SSOCRED_JAVA_OPTS", "-Xlog:gc=info:file=" + log);
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files2.read(log).contains("Using G1"), Files2.read(log)); // SSOCRED_CDS=off: the JDK is not read
        env.put("SSOCRED_JAVA_OPTS", "-XX:+UseSerialGC -Xlog:gc=info:file=" + log);
        r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals(EXPECTED, r.out());
        assertTrue(Files2.read(log).contains("Using Serial"), Files2.read(log));
    }

    /** The same with a JDK 25 (its AOT cache, trained on cache hits, with the launcher's exact module options). */
    @Test
    void onJava25TheAotCacheIsUsedByTheCacheHit() throws Exception {
        java.nio.file.Path jdk25 = dev.ssocred.testing.Tools.require(
                java.util.Optional.of(java.nio.file.Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"))
                        .filter(p -> java.nio.file.Files.isExecutable(p.resolve("bin/java"))),
                "a JDK 25 at /usr/lib/jvm/temurin-25-jdk-amd64", "it ships with this machine's image");
        env.put("JAVA_HOME", jdk25.toString());
        java.nio.file.Path archive = warmupThenAHitFromTheArchive();
        assertTrue(archive.toString().endsWith(".aot"), archive.toString());
        // The hit's cache holds no method profiles, which a JVM replays at every start (~0.7-1 ms of a hit); the
        // whole cache keeps them. The JDK lists what a cache holds when asked, with the launcher's flags.
        java.nio.file.Path dir = archive.getParent();
        String stem = archive.getFileName().toString().replaceAll("(-all|-login)?\\.aot$", "");
        java.nio.file.Path jdk25Java = jdk25.resolve("bin/java");
        assertEquals(0, dev.ssocred.testing.AotCaches.profiles(env, home, jdk25Java, dir.resolve(stem + ".aot"),
                Launcher.path().toAbsolutePath()), "method profiles in the hit's cache");
        long whole = dev.ssocred.testing.AotCaches.profiles(env, home, jdk25Java, dir.resolve(stem + "-all.aot"),
                Launcher.path().toAbsolutePath());
        assertTrue(whole > 100, "the whole cache keeps its profiles: " + whole);
    }

    private java.nio.file.Path warmupThenAHitFromTheArchive() throws Exception {
        loggedIn();
        env.remove("SSOCRED_CDS");
        env.put("XDG_CACHE_HOME", home.resolve("xdg").toString());
        Launcher.Result w = Launcher.run(env, "warmup");
        assertEquals(0, w.code(), w.toString());
        assertEquals("", w.out());
        java.nio.file.Path archive;
        try (var files = java.nio.file.Files.walk(home.resolve("xdg/ssocred"))) {
            archive = files.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).findFirst().orElseThrow();
        }
        assertTrue(w.err().contains("wrote " + archive), w.err());
        java.nio.file.Path log = home.resolve("classes.log");
        java.nio.file.Path sharing = home.resolve("sharing.log");
        boolean aot = archive.toString().endsWith(".aot");
        // The archive's heap objects, and with them the module graph resolved at dump time, are used: on JDK 17-24
        // only under G1, which the launcher picks there (docs/performance.md); JDK 25+ use them under its serial
        // collector.
        env.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load=info:file=" + log + " -Xlog:" + (aot ? "aot" : "cds")
                + "=info:file=" + sharing + " -Xlog:gc=info:file=" + sharing + ".gc");
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(EXPECTED, r.out());
        assertEquals("", r.err());
        assertTrue(java.util.regex.Pattern.compile("dev\\.ssocred\\.cli\\.FastPath source: shared objects file")
                .matcher(Files2.read(log)).find(), "FastPath came from the archive");
        assertTrue(Files2.read(sharing).contains("full module graph: enabled"), Files2.read(sharing));
        assertTrue(Files2.read(java.nio.file.Path.of(sharing + ".gc")).contains(aot ? "Using Serial" : "Using G1"));
        return archive;
    }

    @Test
    void firstUseBuildsTheArchiveInTheBackgroundWithoutDelayingOrPollutingTheCall() throws Exception {
        loggedIn();
        env.remove("SSOCRED_CDS");
        env.put("XDG_CACHE_HOME", home.resolve("xdg").toString());
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(EXPECTED, r.out());
        assertEquals("", r.err());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        while (true) { // the background build holds <archive>.lock until it is done
            boolean archive;
            boolean lock;
            try (var files = java.nio.file.Files.walk(home.resolve("xdg/ssocred"))) {
                var names = files.map(java.nio.file.Path::toString).toList();
                archive = names.stream().anyMatch(n -> n.endsWith(".jsa") || n.endsWith(".aot"));
                lock = names.stream().anyMatch(n -> n.endsWith(".lock"));
            }
            if (archive && !lock) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "no archive appeared");
            Thread.sleep(200); // waiting for another process, not for a clock
        }
    }

    @Test
    void versionWorks() throws Exception {
        Launcher.Result r = Launcher.run(env, "--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("ssocred "), r.out());
    }
}
