package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.SsoSession;
import dev.ssocred.io.Json;
import dev.ssocred.testing.CliHarness;
import dev.ssocred.testing.Files2;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
    static final String START = CliHarness.START;
    static final SsoSession CORP = CliHarness.CORP;
    @TempDir
    Path home;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(home).config(
                "[profile dev]",
                "sso_session = corp",
                "sso_account_id = 111122223333",
                "sso_role_name = ReadOnly",
                "region = eu-west-1",
                "[profile legacy]",
                "sso_start_url = " + START,
                "sso_region = us-east-1",
                "sso_account_id = 111122223333",
                "sso_role_name = Admin",
                "[sso-session corp]",
                "sso_start_url = " + START,
                "sso_region = us-east-1",
                "sso_registration_scopes = sso:account:access");
    }

    private void loggedIn(Duration left) {
        cli.loggedIn(left, "cached-at");
    }

    @Test
    void loginRunsTheDeviceFlowAndCachesTheTokenWhereTheCliLooks() throws Exception {
        cli.oidc.queueError(Kind.AUTHORIZATION_PENDING).queueToken("new-at", 28800, "new-rt");
        var r = cli.run("login", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.out(), "login prints nothing on stdout");
        assertTrue(r.err().contains("ABCD-EFGH"), r.err());
        assertTrue(r.err().contains("https://device.sso.us-east-1.amazonaws.com/"), r.err());
        assertTrue(r.err().contains("Logged in to " + START + " (sso-session corp); the token expires at 2024-01-02 11:00:00 Z."),
                r.err());
        assertEquals(List.of("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH"), cli.browserOpened);
        Map<String, Object> json = Json.parseObject(Files2.read(home.resolve(".aws/sso/cache").resolve(
                dev.ssocred.sso.CacheKeys.tokenFile(CORP))));
        assertEquals("new-at", json.get("accessToken"));
        assertEquals("new-rt", json.get("refreshToken"));
        assertEquals("2024-01-02T11:00:00Z", json.get("expiresAt"));
        assertFalse(r.err().contains("new-at") || r.err().contains("new-rt") || r.err().contains("cs"), "no secrets on stderr");
    }

    @Test
    void loginNoBrowserOpensNothingAndNoCountdownWhenNotATerminal() {
        cli.oidc.queueError(Kind.AUTHORIZATION_PENDING).queueToken("at", 3600, "rt");
        var r = cli.run("login", "--profile", "dev", "--no-browser");
        assertEquals(0, r.code(), r.toString());
        assertTrue(cli.browserOpened.isEmpty());
        assertFalse(r.err().contains("\r"), "no live countdown off a terminal");
    }

    @Test
    void loginShowsACountdownOnATerminal() {
        cli.terminal = true;
        cli.oidc.queueError(Kind.AUTHORIZATION_PENDING).queueError(Kind.AUTHORIZATION_PENDING).queueToken("at", 3600, "rt");
        var r = cli.run("login", "--sso-session", "corp");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("\rWaiting for approval; the code expires in 10:00 "), r.err());
    }

    @Test
    void loginWithLegacyProfileNotesThatItCannotRefresh() {
        cli.oidc.queueToken("at", 3600, null);
        var r = cli.run("login", "--profile", "legacy");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("cannot be refreshed"), r.err());
    }

    @Test
    void processPrintsOnlyTheCredentialJson() throws Exception {
        loggedIn(Duration.ofHours(8));
        var r = cli.run("process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err());
        assertEquals("{\n  \"Version\": 1,\n  \"AccessKeyId\": \"ASIA1\",\n  \"SecretAccessKey\": \"secret/ReadOnly\",\n"
                + "  \"SessionToken\": \"session+111122223333\",\n  \"Expiration\": \"2030-01-01T00:00:00+00:00\"\n}\n", r.out());
        assertEquals(List.of("cached-at"), cli.portal.tokensSeen);
    }

    @Test
    void processReusesCachedRoleCredentialsWithoutAToken() {
        loggedIn(Duration.ofHours(8));
        assertEquals(0, cli.run("credential-process", "dev").code());
        Files2.write(home.resolve(".aws/sso/cache").resolve(dev.ssocred.sso.CacheKeys.tokenFile(CORP)), "garbage");
        var r = cli.run("process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, cli.portal.tokensSeen.size(), "second call answered from ~/.aws/cli/cache");
        // sha1('{"accountId":"111122223333","roleName":"ReadOnly","sessionName":"corp"}'), as the AWS CLI names it
        Path entry = cli.aws("cli/cache/" + dev.ssocred.creds.RoleCredentialsCache.key(
                new dev.ssocred.config.SsoProfile("dev", CORP, "111122223333", "ReadOnly", Optional.empty(), null)) + ".json");
        assertTrue(Files2.read(entry).startsWith("{\"ProviderType\": \"sso\", \"Credentials\": {\"AccessKeyId\": \"ASIA1\""));
        assertEquals("rw-------", Files2.mode(entry));
    }

    @Test
    void processWithoutLoginSaysLoginNeededWithTheCommand() {
        var r = cli.run("process", "--profile", "dev");
        assertEquals(3, r.code());
        assertEquals("", r.out());
        assertEquals("ssocred: not logged in to sso-session 'corp' (no cached token)\n"
                + "hint: run 'ssocred login --profile dev'\n", r.err());
        assertTrue(cli.browserOpened.isEmpty(), "process never opens a browser");
    }

    @Test
    void processRefreshesSilentlyInsideTheWindow() {
        loggedIn(Duration.ofMinutes(10));
        cli.oidc.queueToken("refreshed-at", 28800, "rt2");
        var r = cli.run("process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("refreshed-at"), cli.portal.tokensSeen);
        assertEquals("", r.err());
    }

    @Test
    void profileFromAwsProfileVariable() {
        loggedIn(Duration.ofHours(8));
        cli.env.put("AWS_PROFILE", "dev");
        assertEquals(0, cli.run("process").code());
    }

    @Test
    void envPrintsExportLinesWithRegion() {
        loggedIn(Duration.ofHours(8));
        var r = cli.run("env", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err());
        assertEquals("export AWS_ACCESS_KEY_ID='ASIA1'\nexport AWS_SECRET_ACCESS_KEY='secret/ReadOnly'\n"
                + "export AWS_SESSION_TOKEN='session+111122223333'\nexport AWS_CREDENTIAL_EXPIRATION='2030-01-01T00:00:00+00:00'\n"
                + "export AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'\n", r.out());
    }

    @Test
    void envFormatsAreSelectable() {
        loggedIn(Duration.ofHours(8));
        assertTrue(cli.run("env", "dev", "--format", "fish").out().startsWith("set -gx AWS_ACCESS_KEY_ID 'ASIA1'\n"));
        assertTrue(cli.run("env", "dev", "--format", "PowerShell").out().startsWith("$Env:AWS_ACCESS_KEY_ID = 'ASIA1'\n"));
        var bad = cli.run("env", "dev", "--format", "tcsh");
        assertEquals(2, bad.code());
        assertEquals("", bad.out());
        assertTrue(bad.err().startsWith("ssocred: unknown --format 'tcsh'\nhint: use one of bash"), bad.err());
    }

    @Test
    void writePutsCredentialsIntoTheCredentialsFileKeepingTheRest() {
        loggedIn(Duration.ofHours(8));
        String before = "# keep\n[other]\naws_access_key_id = LONG\naws_secret_access_key = TERM\n";
        Files2.write(cli.aws("credentials"), before);
        var r = cli.run("write", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.out());
        assertEquals(before + "\n[dev]\naws_access_key_id = ASIA1\naws_secret_access_key = secret/ReadOnly\n"
                + "aws_session_token = session+111122223333\naws_session_expiration = 2030-01-01T00:00:00Z\n",
                Files2.read(cli.aws("credentials")));
        assertEquals("rw-------", Files2.mode(cli.aws("credentials")));
        assertTrue(r.err().contains("\nWrote credentials for profile 'dev' to [dev] in ~/.aws/credentials"), r.err());
        assertTrue(r.err().startsWith("ssocred: warning: ~/.aws/credentials was readable by others (mode rw-r--r--)"), r.err());
    }

    @Test
    void writeRefusesLongTermKeysUnlessForced() {
        loggedIn(Duration.ofHours(8));
        String before = "[dev]\naws_access_key_id = LONG\naws_secret_access_key = TERM\n";
        Files2.write(cli.aws("credentials"), before);
        var r = cli.run("write", "dev");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("holds long-term access keys"), r.err());
        assertTrue(r.err().contains("hint: pass --as OTHER_NAME to write elsewhere, or --force to replace them"), r.err());
        assertEquals(before, Files2.read(cli.aws("credentials")));
        assertEquals(0, cli.run("write", "dev", "--force").code());
        assertTrue(Files2.read(cli.aws("credentials")).contains("aws_access_key_id = ASIA"));
    }

    @Test
    void writeAsAnotherSectionAndCreatesTheFile() {
        loggedIn(Duration.ofHours(8));
        assertEquals(0, cli.run("write", "--profile", "dev", "--as", "legacy-tool").code());
        assertTrue(Files2.read(cli.aws("credentials")).startsWith("[legacy-tool]\naws_access_key_id = ASIA1\n"));
    }

    @Test
    void configErrorsAreOneLinePlusHintAndExit4() {
        Files2.write(cli.aws("config"), "[profile dev]\nsso_session = corp\nwhat is this\n");
        var r = cli.run("process", "--profile", "dev");
        assertEquals(4, r.code());
        assertEquals("ssocred: ~/.aws/config:3: expected 'key = value', a [section] header or a comment\n"
                + "hint: fix line 3 of ~/.aws/config\n", r.err());
    }

    @Test
    void awsConfigFileVariableIsHonoured() {
        Path elsewhere = home.resolve("elsewhere/config");
        Files2.write(elsewhere, "[profile x]\nregion = a\n");
        cli.env.put("AWS_CONFIG_FILE", elsewhere.toString());
        var r = cli.run("process", "--profile", "dev");
        assertEquals(4, r.code());
        assertTrue(r.err().contains("profile 'dev' not found in ~/elsewhere/config"), r.err());
    }

    @Test
    void warningsForNonCanonicalSpellingGoToStderrOnly() {
        Files2.write(cli.aws("config"), "[dev]\nsso-session = corp\nsso_account_id = 1\nsso_role_name = R\n"
                + "[sso-session corp]\nsso_start_url = " + START + "\nsso_region = us-east-1\n");
        loggedIn(Duration.ofHours(8));
        var r = cli.run("process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("{\n  \"Version\": 1,"));
        assertTrue(r.err().contains("ssocred: warning: ~/.aws/config:1: [dev] is not a profile"), r.err());
        assertTrue(r.err().contains("ssocred: warning: ~/.aws/config:2: 'sso-session' is ignored"), r.err());
    }

    @Test
    void usageErrorsExit2WithHint() {
        var r = cli.run("process", "--bogus");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ssocred: Unknown option: '--bogus'\nhint: run 'ssocred process --help'"), r.err());
    }

    @Test
    void portalRejectingTheTokenMeansLoginNeeded() {
        loggedIn(Duration.ofHours(8));
        cli.portal.failWith = Kind.UNAUTHORIZED;
        var r = cli.run("process", "dev");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("hint: run 'ssocred login --profile dev'"), r.err());
    }

    @Test
    void stackTraceOnlyWithDebug() {
        loggedIn(Duration.ofHours(8));
        cli.portal.failWith = Kind.SERVER_ERROR;
        var plain = cli.run("process", "dev");
        assertEquals(5, plain.code());
        assertEquals(2, plain.err().lines().count(), plain.err());
        var debug = cli.run("--debug", "process", "dev");
        assertTrue(debug.err().contains("\tat dev.ssocred"), debug.err());
        assertFalse(debug.err().contains("cached-at"), "the token never appears in debug output");
    }

    @Test
    void debugSaysWhereTheCredentialsComeFromAndWhenTheyExpireButNoSecret() {
        loggedIn(Duration.ofHours(8));
        var r = cli.run("--debug", "process", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("ssocred: debug: config "), r.err());
        assertTrue(r.err().contains("ssocred: debug: profile dev: sso-session 'corp', account 111122223333, role ReadOnly; token file "), r.err());
        assertTrue(r.err().contains("ssocred: debug: credentials ASIA1 expire at 2030-01-01T00:00:00Z"), r.err());
        for (String secret : List.of("secret/ReadOnly", "session+", "cached-at")) {
            assertFalse(r.err().contains(secret), "a secret in the debug output: " + r.err());
        }
        var quiet = cli.run("process", "dev");
        assertFalse(quiet.err().contains("debug"), "debug lines only with --debug: " + quiet.err());
    }

    @Test
    void writeKeepsOddValuesOfOtherSectionsByteForByte() {
        loggedIn(Duration.ofHours(8));
        String before = "[tools]\r\ncredential_process = \"C:\\Program Files\\x.exe\" --arg ${HOME} %(y)s\r\n"
                + "path = C:\\tools\\\r\nurl = https://h/x=1 # not a comment\r\nnested =\r\n  a = b\r\n";
        Files2.write(cli.aws("credentials"), before);
        assertEquals(0, cli.run("write", "dev").code());
        String after = Files2.read(cli.aws("credentials"));
        assertTrue(after.startsWith(before + "\r\n[dev]\r\naws_access_key_id = ASIA1\r\n"), after);
    }

    @Test
    void anUnwritableRoleCacheStillYieldsCredentialsWithAWarning() {
        loggedIn(Duration.ofHours(8));
        Files2.write(cli.aws("cli"), "a file where the cache directory should be");
        var r = cli.run("process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("{\n  \"Version\": 1,"), r.out());
        assertTrue(r.err().contains("fetching without it"), r.err());
        assertTrue(r.err().contains("the credentials are not cached"), r.err());
    }

    @Test
    void noVerbPrintsUsageOnStderrAndExits2() {
        var r = cli.run();
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Usage: ssocred"), r.err());
    }

    @Test
    void helpListsExitCodes() {
        var r = cli.run("--help");
        assertEquals(0, r.code());
        for (dev.ssocred.ExitCode c : dev.ssocred.ExitCode.values()) {
            assertTrue(r.out().contains("  " + c.code() + "  " + c.meaning() + "\n"), r.out());
        }
        assertTrue(r.out().contains("3  login needed: run 'ssocred login --profile NAME'"), r.out());
    }
}
