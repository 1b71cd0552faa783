package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Pty;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first minutes of a new user, with the packaged file: no Java, the wrong profile, a typo, the emulator. */
class FirstStepsIT {
    @TempDir
    Path home;
    Map<String, String> env;

    @BeforeEach
    void setUp() {
        CorpHome.config(home, "[profile dev-cp]", "credential_process = ssocred process --profile dev");
        env = Launcher.env(home);
    }

    @Test
    void withoutJavaTheLauncherSaysWhatIsNeededAndExitsSeven() throws Exception {
        env.put("PATH", home.resolve("empty-bin").toString());
        env.remove("JAVA_HOME");
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(7, r.code(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ssocred: cannot find Java ('java' is not on PATH or not executable); ssocred "
                + "needs Java 17 or newer\nhint: "), r.err());
        assertTrue(r.err().contains("JAVA_HOME or SSOCRED_JAVA"), r.err());
    }

    @Test
    void aJavaOlderThan17IsNamedWithItsVersion() throws Exception {
        Path jdk = home.resolve("jdk-11");
        Files2.write(jdk.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Path java = Files2.write(jdk.resolve("bin/java"), "#!/bin/sh\necho should not run >&2\nexit 99\n");
        java.toFile().setExecutable(true);
        env.put("SSOCRED_JAVA", java.toString());
        env.remove("SSOCRED_CDS"); // the version is read where the archive is chosen
        Launcher.Result r = Launcher.run(env, "--version");
        assertEquals(7, r.code(), r.toString());
        assertTrue(r.err().startsWith("ssocred: " + java + " is Java 11.0.2; ssocred needs Java 17 or newer\n"), r.err());
    }

    @Test
    void loginOnACredentialProcessProfileNamesTheProfileThatSignsIn() throws Exception {
        env.put("AWS_PROFILE", "dev-cp");
        Launcher.Result r = Launcher.run(env, "login");
        assertEquals(4, r.code(), r.toString());
        assertEquals("ssocred: profile 'dev-cp' gets its credentials from credential_process (ssocred process --profile "
                + "dev), which signs in through profile 'dev'\nhint: run 'ssocred login --profile dev'\n", r.err());
    }

    @Test
    void aMistypedAwsProfileGetsADidYouMean() throws Exception {
        env.put("AWS_PROFILE", "dve");
        Launcher.Result r = Launcher.run(env, "process");
        assertEquals(4, r.code(), r.toString());
        assertEquals("ssocred: profile 'dve' not found in ~/.aws/config (AWS_PROFILE is 'dve')\n"
                + "hint: did you mean 'dev'? change or unset AWS_PROFILE; profiles there: dev, dev-cp\n", r.err());
    }

    @Test
    void theEmulatorInTheBackgroundOfAnInteractiveShellKeepsServingWhileYouType() throws Exception {
        try (Pty shell = Pty.start(env, "sh -i")) {
            shell.type(Launcher.path() + " emulator &\n");
            String url = shell.await("AWS_ENDPOINT_URL=(http://127\\.0\\.0\\.1:\\d+)", Duration.ofSeconds(30));
            shell.type("echo typed while it runs\n");
            shell.await("typed while it runs\\s", Duration.ofSeconds(10));
            Thread.sleep(1_000);
            // A job stopped by SIGTTIN would not answer.
            var answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest
                    .newBuilder(URI.create(url + "/_emulator/calls")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            shell.type("kill %1; exit\n");
            shell.exitCode(Duration.ofSeconds(20));
        }
    }
}
