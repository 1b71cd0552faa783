package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Run;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ssocred exec} and {@code ssocred whoami} with the packaged file against the emulator (SigV4-verifying STS). */
class ExecIT extends EmulatedHome {
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        env = CorpHome.signedIn(home, emu, "region = eu-west-1", "[profile admin]", "sso_session = corp",
                "sso_account_id = 111122223333", "sso_role_name = Admin");
        env.put("AWS_PROFILE", "admin");
        env.put("AWS_ACCESS_KEY_ID", "AKIASTALE");
    }


    private Run.Result sh(String script) throws Exception {
        return Run.run(env, home, List.of("/bin/sh", "-c", script));
    }

    @Test
    void theChildGetsTheProfilesCredentialsAndRegionAndNothingThatPointsElsewhere() throws Exception {
        Launcher.Result r = Launcher.run(env, "exec", "dev", "--", "sh", "-c",
                "echo \"$AWS_ACCESS_KEY_ID|$AWS_REGION|${AWS_PROFILE:-none}|$SSOCRED_PROFILE|${AWS_SESSION_TOKEN:+token}\"");
        assertEquals(0, r.code(), r.toString());
        String[] f = r.out().strip().split("\\|");
        assertTrue(f[0].startsWith("ASIA"), r.out());
        assertEquals(List.of("eu-west-1", "none", "dev", "token"), List.of(f[1], f[2], f[3], f[4]));
    }

    @Test
    void exitCodesAndSignalsPassThrough() throws Exception {
        assertEquals(7, Launcher.run(env, "exec", "dev", "--", "sh", "-c", "exit 7").code());
        assertEquals(143, Launcher.run(env, "exec", "dev", "--", "sh", "-c", "kill -TERM $$").code());
        assertEquals(2, Launcher.run(env, "exec", "dev", "--", "/no/such/command").code());
    }

    @Test
    void theChildWritesToTheCallersStdoutItself() throws Exception {
        Run.Result r = sh("{ '" + Launcher.path() + "' exec dev -- echo first; echo second; } > out.txt; cat out.txt");
        assertEquals("first\nsecond\n", r.out(), r.toString());
        Run.Result global = sh("{ '" + Launcher.path() + "' -p dev exec -- echo first; echo second; } > out.txt; cat out.txt");
        assertEquals("first\nsecond\n", global.out(), "the launcher finds the verb after -p NAME");
    }

    @Test
    void nestingADifferentProfileIsRefused() throws Exception {
        Launcher.Result r = Launcher.run(env, "exec", "dev", "--", Launcher.path().toString(), "exec", "admin", "--", "true");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("already inside 'ssocred exec' of profile 'dev'"), r.err());
        assertEquals(0, Launcher.run(env, "exec", "dev", "--", Launcher.path().toString(), "exec", "dev", "--", "true")
                .code(), "the same profile again is fine");
    }

    @Test
    void whoamiAsksStsWithTheProfilesCredentials() throws Exception {
        Launcher.Result text = Launcher.run(env, "whoami", "dev");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().startsWith("Account  111122223333\nArn      arn:aws:sts::111122223333:assumed-role/"
                + "AWSReservedSSO_ReadOnly_"), text.out());
        Launcher.Result json = Launcher.run(env, "whoami", "--output", "json");
        assertTrue(json.out().contains("\"Arn\": \"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_"),
                json.out());
        assertEquals(2, emu.calls("STS:GetCallerIdentity"));
        assertEquals(0, emu.calls("STS:rejected"), "SigV4 verified by the emulator");
        assertFalse(text.err().contains("warning"), text.err());
    }
}
