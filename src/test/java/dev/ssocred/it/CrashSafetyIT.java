package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.IniParser;
import dev.ssocred.creds.RoleCredentialsCache;
import dev.ssocred.sso.TokenCache;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.WriterLoop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL at arbitrary points never leaves a token, role cache or credentials file unreadable. */
class CrashSafetyIT {
    @TempDir
    Path home;

    @Test
    void killedWriterLeavesEveryFileParseable() throws Exception {
        Random random = new Random(42);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int run = 0; run < 8; run++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WriterLoop.class.getName(),
                    home.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            int rounds = 1 + random.nextInt(20);
            for (int i = 0; i < rounds; i++) {
                if (out.readLine() == null) {
                    throw new AssertionError("writer died on its own");
                }
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertReadable();
        }
    }

    private void assertReadable() {
        List<String> warnings = new ArrayList<>();
        var token = new TokenCache(home.resolve(".aws/sso/cache"), Path::toString, warnings::add)
                .readToken(WriterLoop.SESSION, "fix");
        assertTrue(token.isPresent() && token.get().accessToken().startsWith("at-"));
        var role = new RoleCredentialsCache(home.resolve(".aws/cli/cache"), Path::toString, warnings::add)
                .read(WriterLoop.PROFILE);
        assertTrue(role.isPresent(), warnings.toString());
        var creds = IniParser.parse(Files2.read(home.resolve(".aws/credentials")), "credentials");
        assertTrue(creds.section("dev").orElseThrow().get("aws_session_token").isPresent());
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertTrue(Files.isRegularFile(home.resolve(".aws/credentials")));
    }
}
