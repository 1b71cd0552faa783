package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.IniFile;
import dev.ssocred.config.IniParser;
import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ssocred write} as scripts use it: many at once, and into a ~/.aws/credentials that is a dotfile link. */
class WriteIT extends EmulatedHome {
    static final int N = 12;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        env = CorpHome.signedIn(home, emu);
    }


    @Test
    void parallelWritersOfDifferentSectionsAllLand() throws Exception {
        Files2.write(home.resolve(".aws/credentials"), "# mine\n[keep]\nregion = eu-west-1\n");
        assertEquals(0, Launcher.run(env, "process", "--profile", "dev").code()); // role credentials cached once
        ExecutorService pool = Executors.newFixedThreadPool(N);
        List<Future<Launcher.Result>> runs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String section = "s" + i;
            runs.add(pool.submit(() -> Launcher.run(env, "write", "dev", "--as", section)));
        }
        for (Future<Launcher.Result> f : runs) {
            assertEquals(0, f.get().code(), f.get().toString());
        }
        pool.shutdown();
        String text = Files2.read(home.resolve(".aws/credentials"));
        IniFile file = IniParser.parse(text, "credentials");
        for (int i = 0; i < N; i++) {
            assertTrue(file.section("s" + i).flatMap(s -> s.get("aws_access_key_id")).isPresent(), "s" + i + " lost:\n" + text);
        }
        assertTrue(text.startsWith("# mine\n[keep]\nregion = eu-west-1\n"), text);
    }

    @Test
    void aLinkedCredentialsFileIsWrittenThroughAndStaysALink() throws Exception {
        Path repo = Files.createDirectories(home.resolve("dotfiles"));
        Path real = Files2.write(repo.resolve("aws-credentials"), "[keep]\nregion = eu-west-1\n");
        Files.createSymbolicLink(home.resolve(".aws/credentials"), real);
        Launcher.Result r = Launcher.run(env, "write", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.isSymbolicLink(home.resolve(".aws/credentials")));
        assertTrue(Files2.read(real).startsWith("[keep]\nregion = eu-west-1\n\n[dev]\naws_access_key_id = ASIA"),
                Files2.read(real));
        assertEquals("rw-------", Files2.mode(real));
        assertTrue(r.err().contains("~/.aws/credentials was readable by others (mode rw-r--r--); it is now rw-------"),
                r.err());
    }
}
