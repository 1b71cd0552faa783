package dev.ssocred.io;

import static dev.ssocred.testing.Files2.mode;
import static dev.ssocred.testing.Files2.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();

    private void write(Path p, String s) throws Exception {
        SecretFiles.write(p, s.getBytes(StandardCharsets.UTF_8), warnings::add, p.getFileName().toString());
    }

    @Test
    void createsMissingDirectoriesPrivateAndTheFile0600() throws Exception {
        Path f = dir.resolve("a/b/secret.json");
        write(f, "x");
        assertEquals("x", read(f));
        assertEquals("rw-------", mode(f));
        assertEquals("rwx------", mode(dir.resolve("a")));
        assertEquals("rwx------", mode(dir.resolve("a/b")));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void leavesExistingDirectoriesAlone() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        write(dir.resolve("f"), "x");
        assertEquals("rwxr-xr-x", mode(dir));
    }

    @Test
    void replacesAtomicallyAndLeavesNoTempFile() throws Exception {
        Path f = dir.resolve("f.json");
        write(f, "old");
        write(f, "new");
        assertEquals("new", read(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void removesTempFilesAbandonedByKilledWritersButNotFreshOnes() throws Exception {
        Path old = Files.writeString(dir.resolve(".f.json.123.tmp"), "half");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Path fresh = Files.writeString(dir.resolve(".f.json.456.tmp"), "in progress");
        Path other = Files.writeString(dir.resolve(".g.json.789.tmp"), "someone else's");
        Files.setLastModifiedTime(other, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        write(dir.resolve("f.json"), "x");
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh), "may belong to a writer that is still running");
        assertTrue(Files.exists(other), "belongs to another file");
    }

    @Test
    void tempFilesAreNewEachTimePrivateAndNamedForTheSweeper() throws Exception {
        java.util.Set<Path> made = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            Path t = SecretFiles.createTemp(dir, "f.json");
            assertTrue(made.add(t), "a fresh name each time: " + t);
            assertEquals(dir, t.getParent());
            assertTrue(t.getFileName().toString().matches("\\.f\\.json\\.[0-9]+\\.tmp"), t.toString());
            assertEquals("rw-------", mode(t));
            assertEquals(0, Files.size(t));
        }
        // The sweeper's pattern finds them (once old enough).
        for (Path t : made) {
            Files.setLastModifiedTime(t, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        }
        write(dir.resolve("f.json"), "x");
        try (var s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("f.json")), s.toList());
        }
    }

    private void writeThrough(Path p, String s) throws Exception {
        SecretFiles.write(p, s.getBytes(StandardCharsets.UTF_8), warnings::add, "~/.aws/credentials", true);
    }

    @Test
    void aLinkedDotfileIsWrittenThroughAndTheLinkStays() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("dotfiles/aws"));
        Path real = Files.writeString(repo.resolve("credentials"), "[old]\n");
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve(".aws")).resolve("credentials"), real);
        writeThrough(link, "[new]\n");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("[new]\n", read(real));
        assertEquals("rw-------", mode(real));
        assertEquals(List.of("~/.aws/credentials was readable by others (mode rw-r--r--); it is now rw-------"), warnings,
                "the mode reported is the target's, not the link's (rwxrwxrwx)");
        try (var left = Files.list(repo)) {
            assertEquals(List.of("credentials"), left.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }

    @Test
    void aLinkToSomethingThatIsNotARegularFileIsRefused() throws Exception {
        Path aws = Files.createDirectories(dir.resolve(".aws"));
        Path toDir = Files.createSymbolicLink(aws.resolve("credentials"), Files.createDirectories(dir.resolve("d")));
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> writeThrough(toDir, "x"));
        assertTrue(e.getMessage().contains("which is not a regular file"), e.getMessage());
        Files.delete(toDir);
        Path dangling = Files.createSymbolicLink(aws.resolve("credentials"), dir.resolve("missing"));
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> writeThrough(dangling, "x"));
        assertTrue(e.getMessage().contains("which does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void aLinkInACacheIsReplacedNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "untouched");
        Path link = Files.createSymbolicLink(dir.resolve("token.json"), victim);
        write(link, "{}");
        assertEquals("untouched", read(victim));
        assertFalse(Files.isSymbolicLink(link));
        assertEquals("{}", read(link));
    }

    @Test
    void theReadableByOthersWarningComesOnlyAfterASuccessfulWrite() throws Exception {
        // A non-empty directory where the file should be: the final rename fails.
        Path target = Files.createDirectories(dir.resolve("credentials"));
        Files.writeString(target.resolve("inside"), "x");
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> write(target, "new"));
        assertEquals(List.of(), warnings, "no claim that the file is now rw------- when nothing was written");
    }

    @org.junit.jupiter.api.Test
    void theConfigFileKeepsItsModeANewOneIsPrivateAndALinkIsWrittenThrough(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path config = java.nio.file.Files.writeString(tmp.resolve("config"), "[old]\n");
        java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        SecretFiles.replaceKeepingMode(config, "[new]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "~/.aws/config");
        org.junit.jupiter.api.Assertions.assertEquals("[new]\n", java.nio.file.Files.readString(config));
        org.junit.jupiter.api.Assertions.assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(config)));
        Path fresh = tmp.resolve("sub/dir/config");
        SecretFiles.replaceKeepingMode(fresh, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8), "fresh");
        org.junit.jupiter.api.Assertions.assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(fresh)));
        org.junit.jupiter.api.Assertions.assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(fresh.getParent())));
        Path dotfiles = java.nio.file.Files.writeString(tmp.resolve("dotfiles-config"), "[a]\n");
        Path link = java.nio.file.Files.createSymbolicLink(tmp.resolve("linked"), dotfiles);
        SecretFiles.replaceKeepingMode(link, "[b]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "~/.aws/config");
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.isSymbolicLink(link));
        org.junit.jupiter.api.Assertions.assertEquals("[b]\n", java.nio.file.Files.readString(dotfiles));
    }

    @org.junit.jupiter.api.Test
    void onlyTempFilesOlderThanAMinuteAreTakenForAbandoned(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("tok.json");
        Path old = java.nio.file.Files.writeString(tmp.resolve(".tok.json.1.tmp"), "x");
        Path young = java.nio.file.Files.writeString(tmp.resolve(".tok.json.2.tmp"), "x");
        Path other = java.nio.file.Files.writeString(tmp.resolve(".other.json.3.tmp"), "x");
        long now = System.currentTimeMillis();
        java.nio.file.Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(now - 120_000));
        java.nio.file.Files.setLastModifiedTime(young, java.nio.file.attribute.FileTime.fromMillis(now - 50_000));
        java.nio.file.Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(now - 120_000));
        SecretFiles.write(target, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), w -> { }, "tok");
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(old));
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(young), "a live writer's, maybe");
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(other), "another file's");
    }

    @org.junit.jupiter.api.Test
    void aTempFileExactlyAMinuteOldIsStillALiveWritersOne(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        long now = 1_800_000_000_000L;
        Path edge = java.nio.file.Files.writeString(tmp.resolve(".tok.json.1.tmp"), "x");
        Path past = java.nio.file.Files.writeString(tmp.resolve(".tok.json.2.tmp"), "x");
        java.nio.file.Files.setLastModifiedTime(edge, java.nio.file.attribute.FileTime.fromMillis(now - 60_000));
        java.nio.file.Files.setLastModifiedTime(past, java.nio.file.attribute.FileTime.fromMillis(now - 60_001));
        SecretFiles.removeAbandonedTempFiles(tmp, "tok.json", now);
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(edge), "older than a minute is abandoned");
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(past));
    }

    @org.junit.jupiter.api.Test
    void aTargetNamedWithGlobCharactersRemovesItsOwnTempFilesAndNoOneElses(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        long now = 1_800_000_000_000L;
        Path ours = java.nio.file.Files.writeString(tmp.resolve(".creds[1].7.tmp"), "x");
        Path lookalike = java.nio.file.Files.writeString(tmp.resolve(".creds1.7.tmp"), "x"); // "[1]" as a glob matches it
        Path bare = java.nio.file.Files.writeString(tmp.resolve(".creds[1].tmp"), "x"); // no random part: not ours
        for (Path p : new Path[] {ours, lookalike, bare}) {
            java.nio.file.Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(now - 120_000));
        }
        SecretFiles.removeAbandonedTempFiles(tmp, "creds[1]", now);
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(ours));
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(lookalike), "another file's");
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(bare), "not a temp file of ours");
    }
}
