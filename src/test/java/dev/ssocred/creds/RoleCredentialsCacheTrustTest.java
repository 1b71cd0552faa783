package dev.ssocred.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoProfile;
import dev.ssocred.config.SsoSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Role credentials from a file another user could have written are never served. */
class RoleCredentialsCacheTrustTest {
    static final SsoProfile DEV = new SsoProfile("dev", new SsoSession(Optional.of("corp"),
            "https://d-1.awsapps.com/start", "us-east-1", List.of("sso:account:access")), "111122223333", "ReadOnly",
            Optional.empty(), ServiceEndpoints.fromEnvironment(new dev.ssocred.config.Environment(Map.of())));
    static final RoleCredentials PLANTED = new RoleCredentials("ASIAPLANTED", "s", "t",
            Instant.parse("2099-01-01T00:00:00Z"), "999999999999");
    @TempDir
    Path tmp;
    Path dir;
    final List<String> warnings = new ArrayList<>();
    RoleCredentialsCache cache;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createDirectories(tmp.resolve("cli/cache"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        cache = new RoleCredentialsCache(dir, p -> tmp.relativize(p).toString(), warnings::add);
        cache.write(DEV, PLANTED);
    }

    @Test
    void aPrivateEntryIsServed() {
        assertEquals("ASIAPLANTED", cache.read(DEV).orElseThrow().accessKeyId());
        assertEquals(List.of(), warnings);
    }

    @Test
    void anEntryInAWorldWritableDirectoryIsNotServed() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), cache.read(DEV));
        assertTrue(warnings.get(0).contains("could have been written by another user (its directory cli/cache is "
                + "writable by everyone (mode 777))"), warnings.toString());
        assertTrue(warnings.get(0).contains("chmod go-w cli/cache"), warnings.toString());
    }

    @Test
    void aGroupWritableEntryOrALinkIsNotServed() throws Exception {
        Path file = cache.path(DEV);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertEquals(Optional.empty(), cache.read(DEV));
        assertTrue(warnings.get(0).contains("(it is writable by its group (mode 660))"), warnings.toString());
        Path elsewhere = Files.move(file, tmp.resolve("elsewhere.json"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(file, elsewhere);
        assertEquals(Optional.empty(), cache.read(DEV));
        assertTrue(warnings.get(1).contains("not a regular file"), warnings.toString());
    }

    @Test
    void anEntryOwnedByAnotherUserIsNotServed() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Files.setAttribute(cache.path(DEV), "unix:uid", 4242);
        assertEquals(Optional.empty(), cache.read(DEV));
        assertTrue(warnings.get(0).contains("belongs to another user (uid 4242)"), warnings.toString());
    }
}
