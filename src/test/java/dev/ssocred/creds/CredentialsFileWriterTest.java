package dev.ssocred.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileWriterTest {
    @TempDir
    Path dir;

    private CredentialsFileWriter writer(Path file) {
        return new CredentialsFileWriter(file, "~/.aws/credentials", w -> { }, Clock.systemUTC(), Duration.ofSeconds(5));
    }

    @Test
    void aValueWithALineBreakIsRefusedSayingWhyAndTheFileIsUntouched() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "[keep]\nregion = x\n");
        var creds = new RoleCredentials("ASIA", "SEKRET-VALUE\n[evil]\naws_access_key_id = X", "T",
                Instant.parse("2099-01-01T00:00:00Z"), "1");
        var e = assertThrows(SsocredException.class, () -> writer(file).write("dev", creds, false));
        assertEquals(ExitCode.AWS, e.exitCode());
        assertEquals("the credentials IAM Identity Center returned hold a line break in aws_secret_access_key, which "
                + "~/.aws/credentials cannot store", e.getMessage());
        assertFalse(e.getMessage().contains("SEKRET"));
        assertEquals("[keep]\nregion = x\n", Files.readString(file));
    }

    @Test
    void theLockFileIsHiddenBesideTheFile() throws Exception {
        Path file = dir.resolve("credentials");
        writer(file).write("dev", new RoleCredentials("ASIA", "S", "T", Instant.parse("2099-01-01T00:00:00Z"), "1"), false);
        assertTrue(Files.exists(dir.resolve(".credentials.lock")));
        assertTrue(Files.readString(file).contains("[dev]"));
    }

    @Test
    void aLeadingLineFeedOrACarriageReturnAnywhereIsRefusedToo() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "[keep]\nregion = x\n");
        for (String secret : new String[] {"\nSEKRET-VALUE", "\rSEKRET-VALUE", "SEKRET\rVALUE", "SEKRET-VALUE\r"}) {
            var creds = new RoleCredentials("ASIA", secret, "T", Instant.parse("2099-01-01T00:00:00Z"), "1");
            var e = assertThrows(SsocredException.class, () -> writer(file).write("dev", creds, false));
            assertTrue(e.getMessage().contains("line break in aws_secret_access_key"), e.getMessage());
        }
        assertEquals("[keep]\nregion = x\n", Files.readString(file));
    }

    @Test
    void aOneLineFileWithoutAFinalNewlineKeepsItsLineAndGetsTheSectionBelow() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "[keep]");
        writer(file).write("dev", new RoleCredentials("ASIA1", "S", "T", Instant.parse("2099-01-01T00:00:00Z"), "1"), false);
        assertEquals("[keep]\n\n[dev]\naws_access_key_id = ASIA1\naws_secret_access_key = S\naws_session_token = T\n"
                + "aws_session_expiration = 2099-01-01T00:00:00Z\n", Files.readString(file));
    }
}
