package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ServiceException.Kind;
import dev.ssocred.testing.CliHarness;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the command line forgives and helps: help, suggestions, the profile in every position, --region, --version. */
class CommandLineTest {
    @TempDir
    Path home;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(home).devAndOther("sso_registration_scopes = sso:account:access");
    }

    @Test
    void helpNamesACommandAndPrintsItsUsageOnStdout() {
        CliHarness.Result r = cli.run("help", "env");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Usage: ssocred env "), r.out());
        assertTrue(r.out().contains("--region=REGION"), r.out());
        assertTrue(cli.run("help").out().contains("console"), "the command list");
    }

    @Test
    void aProfileBeforeAVerbThatTakesNoneIsAnErrorNotIgnored() {
        for (String verb : new String[] {"status", "doctor", "man"}) {
            CliHarness.Result r = cli.run("-p", "dev", verb);
            assertEquals(2, r.code(), r.toString());
            assertEquals("ssocred: '" + verb + "' takes no profile, so -p/--profile dev has nothing to name\n"
                    + "hint: run 'ssocred " + verb + " --help' for usage\n", r.err());
            assertEquals("", r.out());
        }
        // Where the verb takes one, it is the verb's profile; and help stays help.
        assertEquals(0, cli.run("-p", "dev", "status", "--help").code());
        assertTrue(cli.run("--profile", "nosuch", "env").err().contains("nosuch"));
    }

    @Test
    void aMistypedCommandOrOptionGetsPicocliSuggestionsInTheHint() {
        CliHarness.Result verb = cli.run("logn");
        assertEquals(2, verb.code());
        assertTrue(verb.err().contains("hint: did you mean 'login' or 'logout'? run 'ssocred --help' for usage"), verb.err());
        CliHarness.Result option = cli.run("env", "--profil", "dev");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("did you mean '--profile'?"), option.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-p dev env", "--profile dev env", "--profile=dev env", "env -p dev", "env dev",
            "-p dev env dev", "env --profile=dev"})
    void theProfileMayComeBeforeTheVerbAfterItOrAsAnArgument(String args) {
        cli.loggedIn(Duration.ofHours(8), "at");
        CliHarness.Result r = cli.run(args.split(" "));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("export AWS_REGION='eu-west-1'"), r.out());
        CliHarness.Result fast = cli.runFastPath(args.split(" "));
        assertEquals(r.toString(), fast == null ? null : fast.toString(), "the front door answers it the same");
    }

    @Test
    void twoDifferentProfilesAreRefusedWhereverTheyCameFrom() {
        cli.loggedIn(Duration.ofHours(8), "at");
        CliHarness.Result r = cli.run("-p", "dev", "env", "other");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("two different profiles given: other and dev"), r.err());
        assertNull(cli.runFastPath("-p", "dev", "env", "other"), "left to picocli, which refuses it");
        assertEquals(2, cli.run("whoami", "-p", "dev", "other").code());
    }

    @Test
    void sessionCommandsTakeTheProfilePositionallyToo() {
        cli.oidc.queueToken("new-at", 28800, "new-rt");
        CliHarness.Result login = cli.run("login", "dev", "--use-device-code");
        assertEquals(0, login.code(), login.toString());
        assertTrue(login.err().contains("(sso-session corp)"), login.err());
        cli.portal.assignments.put(new dev.ssocred.creds.PortalApi.Account("111122223333", "Dev", "d@x"),
                java.util.List.of("ReadOnly"));
        CliHarness.Result list = cli.run("-p", "other", "list");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("111122223333"), list.out());
        assertEquals(0, cli.run("logout", "dev").code());
    }

    @Test
    void regionReplacesTheProfilesRegionInTheExports() {
        cli.loggedIn(Duration.ofHours(8), "at");
        CliHarness.Result r = cli.run("env", "dev", "--region", "ap-south-1");
        assertTrue(r.out().contains("export AWS_REGION='ap-south-1'\nexport AWS_DEFAULT_REGION='ap-south-1'\n"), r.out());
        assertEquals(r.toString(), cli.runFastPath("env", "dev", "--region", "ap-south-1").toString());
        assertEquals(r.toString(), cli.runFastPath("env", "--region=ap-south-1", "dev").toString());
    }

    @Test
    void versionNamesTheBuildAndTheJavaRunningIt() {
        CliHarness.Result r = cli.run("--version");
        assertEquals(0, r.code());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("ssocred \\S+ \\(commit \\S+\\)"), r.out());
        assertTrue(lines[1].startsWith("Java " + System.getProperty("java.runtime.version") + " ("), r.out());
        // The front door answers it without picocli, with the same text.
        assertEquals(r.toString(), cli.runFastPath("--version").toString());
        assertEquals(r.toString(), cli.runFastPath("-V").toString());
    }

    @Test
    void aRefusedRefreshStillNamesTheLoginWithThePositionalProfile() {
        cli.loggedIn(Duration.ofMinutes(-1), "at");
        cli.oidc.queueError(Kind.INVALID_GRANT);
        CliHarness.Result r = cli.run("-p", "other", "process");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("ssocred login --profile other"), r.err());
    }
}
