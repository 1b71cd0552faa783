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
}
