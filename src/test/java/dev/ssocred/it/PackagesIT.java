package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.AotCaches;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Run;
import dev.ssocred.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages as a person installs them: the tarball unpacked and run on a PATH without any Java (its own runtime
 * and its AOT cache, checked with -Xlog:aot), and the .deb's contents and an install/remove round trip with dpkg
 * into a throwaway root (the machine's own /usr is never touched).
 */
class PackagesIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    @TempDir
    Path dir;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        // A PATH with every command of /usr/bin and /bin but no java.
        Path bin = Files.createDirectories(dir.resolve("no-java-bin"));
        for (String d : List.of("/usr/bin", "/bin")) {
            try (Stream<Path> s = Files.list(Path.of(d))) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (!n.startsWith("java") && !Files.exists(bin.resolve(n), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(n), p);
                    }
                }
            }
        }
        env = Launcher.env(Files.createDirectories(dir.resolve("home")));
        env.remove("JAVA_HOME");
        env.remove("SSOCRED_CDS");
        env.put("PATH", bin.toString());
    }

    private static Path artifact(String glob) throws Exception {
        Optional<Path> found;
        try (Stream<Path> s = Files.list(TARGET)) {
            found = s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).findFirst();
        }
        return Tools.require(found, "target/" + glob, "mvn package on Linux x86_64 with a JDK 25 beside the build JDK");
    }

    /**
     * Whether the JVM refused an AOT cache it opened. JDK 25 pads a log line's level and tags to the widest in use
     * ("[error  ][aot       ]"), so a plain "[error][aot]" never matched: the tarball's whole cache was refused for
     * a jar time that changed on unpacking, and these tests did not see it.
     */
    private static boolean refused(String log) {
        return java.util.regex.Pattern.compile("\\[error *\\]\\[aot").matcher(log).find()
                || log.contains("timestamp has changed");
    }

    private Path unpack() throws Exception {
        Path tarball = artifact("ssocred-*-linux-x64.tar.gz");
        Run.Result r = Run.run(env, dir, List.of("tar", "xzf", tarball.toString()));
        assertEquals(0, r.code(), r.toString());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("ssocred-")).findFirst().orElseThrow();
        }
    }

    @Test
    void theTarballRunsTheDemoWithNoJavaOnThePathUsingItsOwnRuntimeAndAotCache() throws Exception {
        Path bundle = unpack();
        String ssocred = bundle.resolve("bin/ssocred").toString();
        assertTrue(Run.run(env, dir, List.of("sh", "-c", "command -v java")).code() != 0, "no java on this PATH");
        Run.Result demo = Run.run(env, dir, List.of(ssocred, "demo"));
        assertEquals(0, demo.code(), demo.toString());
        assertTrue(demo.err().contains("All steps passed."), demo.err());

        Map<String, String> logging = new java.util.HashMap<>(env);
        logging.put("SSOCRED_JAVA_OPTS", "-Xlog:aot -Xlog:class+load");
        Run.Result version = Run.run(logging, dir, List.of(ssocred, "--version"));
        assertEquals(0, version.code(), version.toString());
        assertTrue(version.out().contains("at " + bundle.resolve("runtime")), version.out());
        assertTrue(version.err().contains("Opened AOT cache " + bundle.resolve("lib/ssocred.aot")), version.err());
        // Opened is not used: a cache made with other module options is opened, then refused.
        assertFalse(refused(version.err()), version.err());
        assertTrue(version.err().contains("dev.ssocred.Main source: shared objects file"), "ssocred's own classes "
                + "come from the cache");
        assertTrue(version.out().startsWith("ssocred "), "the AOT log stays off stdout: " + version.out());
        // JDK 25's Runtime.exit looks up a System.Logger (~9 ms): a command that ends well returns from main instead.
        assertFalse(version.err().contains("jdk.internal.logger."), "no logger looked up on the way out");
        // The hit's cache holds no method profiles, which a JVM replays at every start (~0.7-1 ms of a hit); the
        // whole one, for longer commands, keeps them. The runtime's java lists what a cache holds when asked (the
        // launcher turns the JVM's own output about caches off, so it is asked directly, with the launcher's flags).
        Path runtimeJava = bundle.resolve("runtime/bin/java");
        Path jar = bundle.resolve("lib/ssocred.jar");
        assertEquals(0, AotCaches.profiles(env, dir, runtimeJava, bundle.resolve("lib/ssocred.aot"), jar),
                "method profiles in the hit's cache");
        long whole = AotCaches.profiles(env, dir, runtimeJava, bundle.resolve("lib/ssocred-all.aot"), jar);
        assertTrue(whole > 100, "the whole cache keeps its profiles: " + whole);
        Run.Result hit = Run.run(logging, dir, List.of(ssocred, "process", "--profile", "nope"));
        assertTrue(hit.err().contains("dev.ssocred.cli.FastPath source: shared objects file"), "the credential_process "
                + "front door too");
        // Help comes from the pages rendered at build time, which the tarball's jar carries: no picocli class.
        Run.Result help = Run.run(logging, dir, List.of(ssocred, "login", "--help"));
        assertEquals(0, help.code(), help.toString());
        assertTrue(help.out().startsWith("Sign in to IAM Identity Center") && help.out().contains("Usage: ssocred login "),
                help.out());
        assertFalse(help.err().contains("picocli."), "help without picocli");
        // Read from the jar itself: a class loader's search of the runtime's modules reads annotations by reflection
        // on JDK 25, and the AOT cache, which learns --help, would load all of that at every start.
        assertFalse(help.err().contains("SystemModuleReader"), "the help page was searched for in the runtime");

        // The package's caches are its own files, trusted as its jar and runtime are (docs/security.md): no stat
        // process is spent on them (a user's own archive gets one, ArchiveTrustIT). A stat on this PATH notes its use.
        Path stat = Path.of(env.get("PATH"), "stat");
        Path used = dir.resolve("stat-was-run");
        Files.delete(stat);
        Files.writeString(stat, "#!/bin/sh\n: > '" + used + "'\nexec /usr/bin/stat \"$@\"\n");
        Files.setPosixFilePermissions(stat, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        for (List<String> call : List.of(List.of(ssocred, "--version"), List.of(ssocred, "process", "--profile", "nope"),
                List.of(ssocred, "login", "--help"))) {
            Run.Result again = Run.run(logging, dir, call);
            assertTrue(again.err().contains("Opened AOT cache " + bundle.resolve("lib")), again.err());
            assertFalse(Files.exists(used), "the launcher ran stat for " + call);
        }
        Run.Result probe = Run.run(env, dir, List.of("sh", "-c", "stat -c %a \"$0\"", ssocred));
        assertEquals("755", probe.out().strip(), probe.toString());
        assertTrue(Files.exists(used), "the stat on this PATH notes its use");
    }

    @Test
    void theTarballHandsACacheMissToASecondJvmWithItsRefreshPathCache() throws Exception {
        Path bundle = unpack();
        Path home = dir.resolve("home");
        try (var emu = dev.ssocred.emulator.IdentityCenterEmulator.start()) {
            dev.ssocred.testing.CorpHome.config(home, "[profile chained]",
                    "role_arn = arn:aws:iam::444455556666:role/Plain", "source_profile = dev");
            dev.ssocred.testing.CorpHome.signIn(home, emu, java.time.Instant.now().plusSeconds(10 * 60));
            Map<String, String> e = new java.util.HashMap<>(env);
            e.put("AWS_ENDPOINT_URL", emu.baseUrl());
            e.put("SSOCRED_JAVA_OPTS", "-Xlog:aot");
            // A role assumed through STS: the miss goes to the second JVM, which has the SDK.
            Run.Result miss = Run.run(e, dir, List.of(bundle.resolve("bin/ssocred").toString(), "process", "--profile",
                    "chained"));
            assertEquals(0, miss.code(), miss.toString());
            assertTrue(miss.out().startsWith("{\n  \"Version\": 1,"), miss.out());
            assertTrue(miss.err().contains("Opened AOT cache " + bundle.resolve("lib/ssocred.aot")), miss.err());
            assertTrue(miss.err().contains("Opened AOT cache " + bundle.resolve("lib/ssocred-all.aot")), miss.err());
            assertFalse(refused(miss.err()), miss.err());
            assertEquals(1, emu.calls("STS:AssumeRole"));

            // An SSO role's miss is fetched in the first JVM, with the hit's cache alone.
            try (var entries = Files.list(home.resolve(".aws/cli/cache"))) {
                for (Path entry : entries.toList()) {
                    Files.delete(entry);
                }
            }
            int fetched = emu.calls("GetRoleCredentials");
            Run.Result again = Run.run(e, dir, List.of(bundle.resolve("bin/ssocred").toString(), "process", "--profile",
                    "dev"));
            assertEquals(0, again.code(), again.toString());
            assertTrue(again.out().startsWith("{\n  \"Version\": 1,"), again.out());
            assertFalse(again.err().contains("ssocred-all.aot"), again.err());
            assertEquals(fetched + 1, emu.calls("GetRoleCredentials"));

            // A login starts with its own cache, trained at package time, and signs in without the SDK.
            Path browser = dev.ssocred.testing.Files2.write(dir.resolve("browser"),
                    "#!/bin/sh\nexec curl -s -L -o /dev/null \"$1\"\n");
            browser.toFile().setExecutable(true);
            e.put("BROWSER", browser.toString());
            e.put("SSOCRED_JAVA_OPTS", "-Xlog:aot -Xlog:class+load");
            Run.Result login = Run.run(e, dir, List.of(bundle.resolve("bin/ssocred").toString(), "login", "--profile",
                    "dev"));
            assertEquals(0, login.code(), login.toString());
            assertTrue(login.err().contains("Opened AOT cache " + bundle.resolve("lib/ssocred-login.aot")), login.err());
            assertFalse(refused(login.err()), login.err());
            assertFalse(login.err().contains("software.amazon.awssdk"), "no SDK class");
            assertTrue(login.err().contains("dev.ssocred.sso.AuthCodeLogin source: shared objects file"), "from the cache");
            assertEquals(1, emu.calls("CreateToken:authorization_code"));
        }
    }

    @Test
    void theDebInstallsTheCommandManPageAndCompletionsAndRemovesThemAgain() throws Exception {
        Path deb = artifact("ssocred_*_amd64.deb");
        Map<String, String> sys = Launcher.env(dir);
        Run.Result fields = Run.run(sys, dir, List.of("dpkg-deb", "-f", deb.toString(), "Package", "Architecture", "Depends"));
        assertEquals("Package: ssocred\nArchitecture: amd64\nDepends: libc6\n", fields.out(), fields.toString());
        String contents = Run.run(sys, dir, List.of("dpkg-deb", "-c", deb.toString())).out();
        for (String path : List.of("./usr/bin/ssocred -> ../lib/ssocred/bin/ssocred", "./usr/lib/ssocred/lib/ssocred.jar",
                "./usr/lib/ssocred/lib/ssocred.aot", "./usr/lib/ssocred/lib/ssocred-all.aot",
                "./usr/lib/ssocred/runtime/bin/java", "./usr/share/man/man1/ssocred.1.gz",
                "./usr/share/bash-completion/completions/ssocred", "./usr/share/zsh/vendor-completions/_ssocred",
                "./usr/share/fish/vendor_completions.d/ssocred.fish", "./usr/share/doc/ssocred/copyright")) {
            assertTrue(contents.contains(path), path + " in\n" + contents);
        }
        assertFalse(contents.lines().anyMatch(l -> !l.contains(" root/root ")), "every file belongs to root");

        Path root = dir.resolve("root");
        Path admin = Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.createDirectories(admin.resolve("info"));
        Files.createDirectories(admin.resolve("updates"));
        Files.createFile(admin.resolve("status"));
        Files.createFile(admin.resolve("available"));
        Run.Result install = Run.run(sys, dir, List.of("dpkg", "--root=" + root, "--force-depends", "--force-not-root",
                "-i", deb.toString()));
        assertEquals(0, install.code(), install.toString());
        Run.Result version = Run.run(env, dir, List.of(root.resolve("usr/bin/ssocred").toString(), "--version"));
        assertEquals(0, version.code(), version.toString());
        assertTrue(version.out().contains("at " + root.resolve("usr/lib/ssocred/runtime")), version.out());
        Run.Result man = Run.run(sys, dir, List.of("sh", "-c", "zcat '" + root.resolve("usr/share/man/man1/ssocred.1.gz")
                + "' | head -1"));
        assertTrue(man.out().startsWith(".TH SSOCRED 1"), man.out());

        Run.Result remove = Run.run(sys, dir, List.of("dpkg", "--root=" + root, "--force-not-root", "-r", "ssocred"));
        assertEquals(0, remove.code(), remove.toString());
        assertFalse(Files.exists(root.resolve("usr/bin/ssocred"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("usr/lib/ssocred")));
    }
}
