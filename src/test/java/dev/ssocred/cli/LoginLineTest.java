package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ServiceException.Kind;
import dev.ssocred.testing.CliHarness;
import dev.ssocred.testing.Files2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The login lines the front door runs without picocli, and the ones it leaves to picocli. */
class LoginLineTest {
    @TempDir
    Path dir;

    private static Optional<LoginLine> parse(String line) {
        return LoginLine.parse(line.isEmpty() ? new String[0] : line.split(" "));
    }

    @Test
    void readsTheFormsPeopleType() {
        assertEquals(Optional.of(new LoginLine(false, null, null, false, false, null)), parse("login"));
        assertEquals(Optional.of(new LoginLine(false, "dev", null, false, false, null)), parse("login --profile dev"));
        assertEquals(Optional.of(new LoginLine(false, "dev", null, false, false, null)), parse("login -p dev"));
        assertEquals(Optional.of(new LoginLine(false, "dev", null, false, false, null)), parse("login --profile=dev"));
        assertEquals(Optional.of(new LoginLine(false, "dev", null, false, false, null)), parse("login dev"));
        assertEquals(Optional.of(new LoginLine(false, "dev", null, false, false, null)), parse("-p dev login"));
        assertEquals(Optional.of(new LoginLine(false, "dev", null, false, false, null)), parse("--profile=dev login dev"));
        assertEquals(Optional.of(new LoginLine(true, "dev", null, true, false, null)),
                parse("--debug login --no-browser dev"));
        assertEquals(Optional.of(new LoginLine(true, null, "corp", false, true, 8400)),
                parse("login --sso-session corp --use-device-code --callback-port 8400 --debug"));
        assertEquals(Optional.of(new LoginLine(false, null, "corp", false, false, 8400)),
                parse("login --sso-session=corp --callback-port=08400"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "status", "login --help", "login -h", "login --bogus", "login a b", "login -p a b",
            "-p a login b", "login --profile", "login --profile --no-browser", "login --profile a --profile a",
            "login --no-browser --no-browser", "login --callback-port", "login --callback-port x",
            "login --callback-port -1", "login --callback-port +8400", "login --callback-port 12345678901",
            "login --sso-session a --sso-session b", "--debug --debug login", "login --debug --debug", "login -- dev",
            "login -pdev", "status login", "-p a -p a login", "--version login", "login --callback-port=", "-p dev login other"})
    void leavesEverythingElseToPicocli(String line) {
        assertEquals(Optional.empty(), parse(line), line);
    }

    /**
     * The same login through the front door and through picocli, each in a HOME of its own with the same fakes:
     * the same exit code, the same words on both streams, the same URL opened and the same token file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"login --profile dev", "login dev --no-browser", "--debug login --sso-session corp",
            "-p dev login --use-device-code", "login --profile nosuch", "login --profile dev --sso-session corp",
            "login --callback-port 0 dev", "login --profile legacy"})
    void runsAsPicocliDoes(String line) throws Exception {
        String[] args = line.split(" ");
        CliHarness viaPicocli = harness("picocli");
        CliHarness viaFrontDoor = harness("front");
        CliHarness.Result expected = viaPicocli.run(args);
        CliHarness.Result got = viaFrontDoor.runFastPath(args);
        assertNotNull(got, "the front door took " + line);
        assertEquals(expected.toString().replace(viaPicocli.home.toString(), "HOME"),
                got.toString().replace(viaFrontDoor.home.toString(), "HOME"));
        assertEquals(viaPicocli.browserOpened, viaFrontDoor.browserOpened);
        assertEquals(tokenFiles(viaPicocli), tokenFiles(viaFrontDoor));
    }

    @Test
    void aDebugLoginSaysWhereTheTokenGoes() {
        CliHarness cli = harness("debug");
        CliHarness.Result r = cli.runFastPath("login", "--debug", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("signing in to"), r.err());
    }

    private CliHarness harness(String name) {
        CliHarness cli = new CliHarness(dir.resolve(name)).config("[profile dev]", "sso_session = corp",
                "sso_account_id = 111122223333", "sso_role_name = ReadOnly", "[profile other]", "sso_session = corp",
                "sso_account_id = 111122223333", "sso_role_name = Admin", "[profile legacy]",
                "sso_start_url = " + CliHarness.START, "sso_region = us-east-1", "sso_account_id = 111122223333",
                "sso_role_name = Admin", "[sso-session corp]", "sso_start_url = " + CliHarness.START,
                "sso_region = us-east-1", "sso_registration_scopes = sso:account:access");
        cli.oidc.queueError(Kind.AUTHORIZATION_PENDING).queueToken("new-at", 28800, "new-rt");
        return cli;
    }

    private static java.util.List<String> tokenFiles(CliHarness cli) throws Exception {
        Path cache = cli.aws("sso/cache");
        if (!Files.isDirectory(cache)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName() + " " + Files2.read(p)).sorted().toList();
        }
    }
}
