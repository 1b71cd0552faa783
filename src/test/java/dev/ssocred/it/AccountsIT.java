package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.SsoSession;
import dev.ssocred.emulator.Fault;
import dev.ssocred.io.Timestamps;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Run;
import dev.ssocred.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** logout, status, list, populate and doctor with the packaged file against the emulator, and boto3 reading the result. */
class AccountsIT extends EmulatedHome {
    static final SsoSession OTHER = new SsoSession(Optional.of("other"), "https://d-9999999999.awsapps.com/start",
            "us-east-1", List.of("sso:account:access"));
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        env = CorpHome.signedIn(home, emu, "[profile other-dev]", "sso_session = other", "sso_account_id = 444455556666",
                "sso_role_name = ReadOnly", "[sso-session other]", "sso_start_url = " + OTHER.startUrl(),
                "sso_region = us-east-1", "sso_registration_scopes = sso:account:access");
        var seed = emu.seedSession();
        CorpHome.cache(home).writeToken(OTHER, new SsoToken(OTHER.startUrl(), "us-east-1", seed.accessToken(),
                Instant.now().plus(Duration.ofHours(8)), seed.clientId(), seed.clientSecret(),
                Timestamps.format(seed.registrationExpiresAt()), seed.refreshToken()));
    }


    @Test
    void listGoesThroughEveryPageAndThroughThrottling() throws Exception {
        emu.inject("ListAccountRoles", Fault.throttled(), 6); // beyond the SDK's own retries
        Launcher.Result r = Launcher.run(env, "list", "--profile", "dev", "--output", "json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("[\n  {\n    \"accountId\": \"111122223333\",\n    \"accountName\": \"account-3333\",\n"
                + "    \"roleName\": \"Admin\"\n  },", r.out().substring(0, r.out().indexOf("},") + 2));
        assertEquals(4, r.out().split("\"roleName\"").length - 1);
        assertTrue(emu.calls("ListAccounts") >= 2, "paged: " + emu.callCounts());
        Launcher.Result text = Launcher.run(env, "list", "--sso-session", "corp");
        assertEquals("ACCOUNT       ACCOUNT ID    ROLE\naccount-3333  111122223333  Admin\n", text.out().substring(0,
                text.out().indexOf("Admin\n") + 6));
    }

    @Test
    void statusShowsEachSessionWithoutTouchingTheNetwork() throws Exception {
        Launcher.Result r = Launcher.run(env, "status", "--output", "json");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\"session\": \"corp\",\n    \"startUrl\": \"https://d-1234567890.awsapps.com/start\",\n"
                + "    \"region\": \"us-east-1\",\n    \"loggedIn\": true,"), r.out());
        assertTrue(r.out().contains("\"refreshable\": true"), r.out());
        assertTrue(r.out().contains("\"profiles\": [\n      \"other-dev\"\n    ]"), r.out());
        assertEquals(Map.of(), emu.callCounts(), "no call at all");
    }

    @Test
    void logoutEndsOneSessionAndLeavesTheOtherWorking() throws Exception {
        assertEquals(0, Launcher.run(env, "process", "--profile", "dev").code());
        assertEquals(0, Launcher.run(env, "process", "--profile", "other-dev").code());
        Launcher.Result out = Launcher.run(env, "logout", "--sso-session", "corp");
        assertEquals(0, out.code(), out.toString());
        assertEquals(1, emu.calls("Logout"));
        assertFalse(Files.exists(CorpHome.cache(home).tokenPath(CorpHome.CORP)));
        assertEquals(3, Launcher.run(env, "process", "--profile", "dev").code(), "corp needs a login now");
        int fetched = emu.calls("GetRoleCredentials");
        assertEquals(0, Launcher.run(env, "process", "--profile", "other-dev").code());
        assertEquals(fetched, emu.calls("GetRoleCredentials"), "other's cached role credentials were kept");
    }

    @Test
    void aLogoutTheServiceCannotTakeStillSignsOutHereAndAllEndsEverySession() throws Exception {
        emu.inject("Logout", Fault.error(500, "InternalServerException"), 10);
        Launcher.Result one = Launcher.run(env, "logout", "--profile", "dev");
        assertEquals(0, one.code(), one.toString());
        assertTrue(one.err().contains("ssocred: warning: could not sign sso-session 'corp' out at IAM Identity Center"),
                one.err());
        assertFalse(Files.exists(CorpHome.cache(home).tokenPath(CorpHome.CORP)));
        assertTrue(Files.exists(CorpHome.cache(home).tokenPath(OTHER)));
        Launcher.Result all = Launcher.run(env, "logout", "--all");
        assertEquals(0, all.code(), all.toString());
        assertFalse(Files.exists(CorpHome.cache(home).tokenPath(OTHER)));
        assertTrue(all.err().contains("Not signed in to sso-session 'corp'."), all.err());
    }

    @Test
    void populatedProfilesAreResolvedByBoto3AndPruneRemovesWhatIsGone() throws Exception {
        String python = Tools.require(Tools.python(), "python3 with boto3", "pip install boto3");
        Launcher.Result r = Launcher.run(env, "populate", "--sso-session", "corp", "--region", "us-east-1");
        assertEquals(0, r.code(), r.toString());
        String config = Files2.read(home.resolve(".aws/config"));
        List<String> names = new ArrayList<>();
        for (String line : config.split("\n")) {
            if (line.startsWith("[profile account-")) {
                names.add(line.substring(9, line.length() - 1));
            }
        }
        assertEquals(List.of("account-3333.admin", "account-3333.readonly", "account-6666.readonly",
                "account-9999.billing"), names);
        List<String> command = new ArrayList<>(List.of(python,
                Path.of("src", "test", "interop", "boto3_profiles.py").toAbsolutePath().toString(), emu.baseUrl()));
        command.addAll(names);
        Run.Result boto = Run.run(env, home, command);
        assertEquals(0, boto.code(), boto.toString());
        assertEquals(4, boto.out().lines().filter(l -> l.contains(":assumed-role/AWSReservedSSO_")).count(), boto.out());

        emu.removeAccount("777788889999");
        Launcher.Result dry = Launcher.run(env, "populate", "--sso-session", "corp", "--prune", "--dry-run");
        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().contains("-[profile account-9999.billing]"), dry.out());
        assertEquals(config, Files2.read(home.resolve(".aws/config")), "a dry run writes nothing");
        assertEquals(0, Launcher.run(env, "populate", "--sso-session", "corp", "--prune").code());
        String pruned = Files2.read(home.resolve(".aws/config"));
        assertFalse(pruned.contains("account-9999"), pruned);
        assertTrue(pruned.startsWith(config.substring(0, config.indexOf("# >>> ssocred populate"))), "outside kept");
    }

    @Test
    void doctorFindsALegacyProfileAndFixMovesItToAnSsoSession() throws Exception {
        Files2.write(home.resolve(".aws/config"), "[profile legacy]\nsso_start_url = https://d-1234567890.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n");
        Launcher.Result find = Launcher.run(env, "doctor", "--offline");
        assertEquals(4, find.code(), find.toString());
        assertTrue(find.out().startsWith("~/.aws/config:1: [profile legacy] keeps sso_start_url on the profile"), find.out());
        Launcher.Result fix = Launcher.run(env, "doctor", "--offline", "--fix");
        assertEquals(0, fix.code(), fix.toString());
        assertTrue(fix.out().contains("+sso_session = d-1234567890"), fix.out());
        assertEquals("[profile legacy]\nsso_session = d-1234567890\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n"
                + "\n[sso-session d-1234567890]\nsso_start_url = https://d-1234567890.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n",
                Files2.read(home.resolve(".aws/config")));
        assertEquals(0, Launcher.run(env, "doctor", "--offline").code());
    }

    @Test
    void doctorAsksTheServiceForItsClockUnlessOffline() throws Exception {
        Launcher.Result r = Launcher.run(env, "--debug", "doctor");
        assertEquals(0, r.code(), r.toString()); // the emulator's Date is this machine's time: no finding
        assertTrue(r.err().contains("ssocred: debug: service clock: 20"), r.err());
        Launcher.Result offline = Launcher.run(env, "--debug", "doctor", "--offline");
        assertFalse(offline.err().contains("service clock"), offline.err());
    }
}
