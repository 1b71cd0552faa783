package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive runs as code in every ssocred process, and the JVM checks only the jar's path, size and
 * time against it. These tests run the packaged launcher the way it meets hostile or odd homes: no HOME, a relative
 * cache directory, umask 000, a group-writable cache, a dump that failed, a builder killed mid-way, a space in
 * HOME, a truncated or damaged archive.
 */
class ArchiveTrustIT {
    @TempDir
    Path dir;
    Path home;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("John Smith"));
        env = Launcher.env(home);
        env.remove("SSOCRED_CDS");
    }

    private Path cacheDir() {
        return home.resolve(".cache/ssocred");
    }

    private Path archive() throws Exception {
        try (Stream<Path> files = Files.list(cacheDir())) {
            // The hit archive; the whole one is named *-all.*, the login's *-login.* (MissHandOffIT).
            return files.filter(p -> (p.toString().endsWith(".jsa") || p.toString().endsWith(".aot"))
                    && !p.toString().contains("-all.") && !p.toString().contains("-login.")).findFirst()
                    .orElseThrow(() -> new AssertionError("no archive in " + cacheDir()));
        }
    }

    private Run.Result sh(String script) throws Exception {
        return Run.run(env, dir, List.of("/bin/sh", "-c", script));
    }

    /** Whether ssocred's Main class came from the archive in a --version run. */
    private boolean archiveUsed() throws Exception {
        Path log = dir.resolve("classes-" + System.nanoTime() + ".log");
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        e.put("SSOCRED_CDS", "on");
        Launcher.Result r = Launcher.run(e, "--version");
        assertEquals(0, r.code(), r.toString());
        return Files2.read(log).contains("dev.ssocred.Main source: shared objects file");
    }

    @Test
    void aSpaceInHomeAndUmask000StillGiveAPrivateArchiveThatIsUsed() throws Exception {
        Run.Result w = sh("umask 000; exec '" + Launcher.path() + "' warmup");
        assertEquals(0, w.code(), w.toString());
        assertTrue(w.err().contains("wrote " + archive()), w.err());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir())));
        assertTrue(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive())).endsWith("------"),
                "the archive is for its owner only, whatever the umask");
        assertFalse(Files.exists(dir.resolve("John")), "an unquoted path would have written to " + dir.resolve("John"));
        assertTrue(archiveUsed());
        try (var emu = dev.ssocred.emulator.IdentityCenterEmulator.start()) {
            dev.ssocred.testing.CorpHome.config(home);
            dev.ssocred.testing.CorpHome.signIn(home, emu, Instant.now().plusSeconds(8 * 3600));
            env.put("AWS_ENDPOINT_URL", emu.baseUrl());
            Launcher.Result p = Launcher.run(env, "process", "--profile", "dev");
            assertEquals(0, p.code(), p.toString());
            assertTrue(p.out().startsWith("{\n  \"Version\": 1,"), p.out());
        }
    }

    @Test
    void aCacheDirectoryOthersCouldWriteIsNotTrusted() throws Exception {
        assertEquals(0, Launcher.run(env, "warmup").code());
        assertTrue(archiveUsed());
        Files.setPosixFilePermissions(cacheDir(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertFalse(archiveUsed(), "a world-writable directory could have had its archive replaced");
        Files.setPosixFilePermissions(cacheDir(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(home.resolve(".cache"), PosixFilePermissions.fromString("rwxrwx---"));
        assertFalse(archiveUsed(), "nor one under a group-writable cache root");
        Files.setPosixFilePermissions(home.resolve(".cache"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(archive(), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertFalse(archiveUsed(), "nor a world-writable archive");
        Files.setPosixFilePermissions(archive(), PosixFilePermissions.fromString("rw-------"));
        assertTrue(archiveUsed());
        Run.Result why = sh("chmod 777 '" + cacheDir() + "'; exec '" + Launcher.path() + "' warmup");
        assertTrue(why.err().contains("must be yours and not writable by group or others"), why.toString());
    }

    @Test
    void withoutAnAbsoluteHomeOrCacheDirectoryThereIsNoArchiveAndNoSharedFallback() throws Exception {
        env.put("HOME", "");
        env.put("XDG_CACHE_HOME", "relative/cache");
        Run.Result r = sh("exec '" + Launcher.path() + "' warmup");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("no class-data archive"), r.err());
        assertFalse(Files.exists(dir.resolve("relative")));
        assertFalse(Files.exists(dir.resolve(".cache")));
        Launcher.Result v = Launcher.run(env, "--version");
        assertEquals(0, v.code(), v.toString());
        Thread.sleep(500);
        assertFalse(Files.exists(dir.resolve("relative")), "no background build into a relative directory");
    }

    @Test
    void aDumpThatFailedOrIsNotAnArchiveIsNeverInstalledAndNotRetriedAtOnce() throws Exception {
        // A JDK whose java fails the training run (exit 0, but writes something that is not an archive).
        Path real = Path.of(System.getProperty("java.home"));
        Path jdk = Files.createDirectories(dir.resolve("fake-jdk/bin"));
        Files.copy(real.resolve("release"), dir.resolve("fake-jdk/release"));
        Path java = Files2.write(jdk.resolve("java"), "#!/bin/sh\n"
                + "for a in \"$@\"; do case $a in -XX:ArchiveClassesAtExit=*|-XX:AOTCacheOutput=*|-XX:SharedArchiveFile=*)\n"
                + "  printf 'not an archive' > \"${a#*=}\"; exit 0 ;; esac; done\n"
                + "exec '" + real.resolve("bin/java") + "' \"$@\"\n");
        java.toFile().setExecutable(true);
        env.put("SSOCRED_JAVA", java.toString());
        Launcher.Result w = Launcher.run(env, "warmup");
        assertTrue(w.err().contains("could not write a class-data archive"), w.toString());
        try (Stream<Path> files = Files.list(cacheDir())) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList(), "nothing installed, no temp left");
        }
        // First use: the background build fails too, leaves a marker, and the next call does not start another.
        assertEquals(0, Launcher.run(env, "--version").code());
        Path failed = waitFor(".failed");
        FileTime marked = Files.getLastModifiedTime(failed);
        assertEquals(0, Launcher.run(env, "--version").code());
        Thread.sleep(1_000);
        assertEquals(marked, Files.getLastModifiedTime(failed));
        try (Stream<Path> files = Files.list(cacheDir())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".lock")), "no second build under way");
        }
    }

    @Test
    void aLockLeftByAKilledBuilderGoesStaleAndTheArchiveIsBuilt() throws Exception {
        assertEquals(0, Launcher.run(env, "warmup").code());
        Path archive = archive();
        Files.delete(archive);
        Path lock = Files.createDirectory(Path.of(archive + ".lock"));
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));
        assertEquals(0, Launcher.run(env, "--version").code());
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!(Files.exists(archive) && !Files.exists(lock))) {
            assertTrue(System.nanoTime() < deadline, "the archive was not rebuilt");
            Thread.sleep(200); // waiting for the background builder, a separate process
        }
    }

    @Test
    void aDamagedArchiveCrashesTheJvmWithNothingOnStdoutAndNoReportInTheWorkingDirectory() throws Exception {
        assertEquals(0, Launcher.run(env, "warmup").code());
        Path archive = archive();
        byte[] whole = Files.readAllBytes(archive);
        int crashes = 0;
        // Cut short (a copy or a disk that filled up), or a tenth of it zeroed (a damaged disk). Under G1 (JDK 17-24)
        // the JVM checks a static archive's length against its heap regions and carries on without it when cut; a
        // hole in the class metadata it maps as it is, and then crashes.
        List<byte[]> damaged = new java.util.ArrayList<>();
        for (int fifths = 1; fifths <= 4; fifths++) {
            damaged.add(java.util.Arrays.copyOf(whole, whole.length * fifths / 5));
        }
        for (int tenths = 1; tenths <= 4; tenths++) {
            byte[] holed = whole.clone();
            java.util.Arrays.fill(holed, whole.length * tenths / 10, whole.length * (tenths + 1) / 10, (byte) 0);
            damaged.add(holed);
        }
        for (byte[] bytes : damaged) {
            Files.write(archive, bytes);
            Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-------"));
            Run.Result r = sh("exec '" + Launcher.path() + "' --version");
            // Either the JVM notices and starts without the archive, or it crashes: then nothing may reach stdout.
            if (r.code() == 0) {
                assertTrue(r.out().startsWith("ssocred "), r.toString());
                continue;
            }
            crashes++;
            assertEquals("", r.out(), "a credential_process caller parses stdout: " + r);
            assertTrue(r.err().contains("A fatal error has been detected"), r.toString());
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")),
                        "the crash report (memory contents) stays in the private cache directory");
            }
        }
        assertTrue(crashes > 0, "no damage made the JVM crash: the case this test is about did not happen");
    }

    private Path waitFor(String suffix) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            try (Stream<Path> files = Files.exists(cacheDir()) ? Files.list(cacheDir()) : Stream.empty()) {
                var hit = files.filter(p -> p.toString().endsWith(suffix)).findFirst();
                if (hit.isPresent()) {
                    return hit.get();
                }
            }
            assertTrue(System.nanoTime() < deadline, "no " + suffix + " appeared");
            Thread.sleep(200); // waiting for the background builder, a separate process
        }
    }
}
