package dev.ssocred.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.creds.RoleCredentials;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialFormatTest {
    private static final Instant EXP = Instant.ofEpochMilli(1704164645000L);
    private static final RoleCredentials C = new RoleCredentials("AKIA", "S", "T", EXP, "123456789012");
    private static final RoleCredentials ODD = new RoleCredentials("AKIA", "a'b\"c$d`e\\f", "T", EXP, "1");

    @Test
    void processIsByteForByteTheCliExportCredentialsOutput() {
        assertEquals("{\n  \"Version\": 1,\n  \"AccessKeyId\": \"AKIA\",\n  \"SecretAccessKey\": \"S\",\n  "
                + "\"SessionToken\": \"T\",\n  \"Expiration\": \"2024-01-02T03:04:05+00:00\"\n}\n",
                CredentialFormat.PROCESS.render(C, Optional.of("ignored")));
    }

    @Test
    void aFormatIsNamedInAnyCaseWithDashOrUnderscoreAndEnvTakesAllButProcess() {
        for (CredentialFormat f : CredentialFormat.values()) {
            assertEquals(f, CredentialFormat.parse(f.name().toLowerCase(java.util.Locale.ROOT)));
            assertEquals(f, CredentialFormat.parse(f.name()));
            assertEquals(f == CredentialFormat.PROCESS ? Optional.empty() : Optional.of(f),
                    CredentialFormat.forEnv(f.name().toLowerCase(java.util.Locale.ROOT)));
        }
        assertEquals(CredentialFormat.POWERSHELL, CredentialFormat.parse("PowerShell"));
        for (String unknown : new String[] {"", "sh", "bash ", "pwsh", "json5"}) {
            assertThrows(IllegalArgumentException.class, () -> CredentialFormat.parse(unknown), unknown);
            assertEquals(Optional.empty(), CredentialFormat.forEnv(unknown), unknown);
        }
    }

    @Test
    void bashAndZshExportSingleQuoted() {
        String expected = "export AWS_ACCESS_KEY_ID='AKIA'\nexport AWS_SECRET_ACCESS_KEY='S'\nexport AWS_SESSION_TOKEN='T'\n"
                + "export AWS_CREDENTIAL_EXPIRATION='2024-01-02T03:04:05+00:00'\n";
        assertEquals(expected, CredentialFormat.BASH.render(C, Optional.empty()));
        assertEquals(expected, CredentialFormat.ZSH.render(C, Optional.empty()));
    }

    @Test
    void regionPairOnlyWhenTheProfileSetsOne() {
        String out = CredentialFormat.BASH.render(C, Optional.of("eu-west-1"));
        assertEquals(true, out.endsWith("export AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'\n"));
    }

    @Test
    void posixQuotingSurvivesEveryMetacharacter() {
        assertEquals("export AWS_SECRET_ACCESS_KEY='a'\\''b\"c$d`e\\f'",
                CredentialFormat.BASH.render(ODD, Optional.empty()).split("\n")[1]);
    }

    @Test
    void fish() {
        assertEquals("set -gx AWS_ACCESS_KEY_ID 'AKIA'\nset -gx AWS_SECRET_ACCESS_KEY 'S'\nset -gx AWS_SESSION_TOKEN 'T'\n"
                + "set -gx AWS_CREDENTIAL_EXPIRATION '2024-01-02T03:04:05+00:00'\n", CredentialFormat.FISH.render(C, Optional.empty()));
        assertEquals("set -gx AWS_SECRET_ACCESS_KEY 'a\\'b\"c$d`e\\\\f'", CredentialFormat.FISH.render(ODD, Optional.empty()).split("\n")[1]);
    }

    @Test
    void powershell() {
        assertEquals("$Env:AWS_ACCESS_KEY_ID = 'AKIA'\n$Env:AWS_SECRET_ACCESS_KEY = 'S'\n$Env:AWS_SESSION_TOKEN = 'T'\n"
                + "$Env:AWS_CREDENTIAL_EXPIRATION = '2024-01-02T03:04:05+00:00'\n", CredentialFormat.POWERSHELL.render(C, Optional.empty()));
        assertEquals("$Env:AWS_SECRET_ACCESS_KEY = 'a''b\"c$d`e\\f'", CredentialFormat.POWERSHELL.render(ODD, Optional.empty()).split("\n")[1]);
    }

    @Test
    void cmdWithCrLfAndRefusalOfUnsafeValues() {
        assertEquals("set \"AWS_ACCESS_KEY_ID=AKIA\"\r\nset \"AWS_SECRET_ACCESS_KEY=S\"\r\nset \"AWS_SESSION_TOKEN=T\"\r\n"
                + "set \"AWS_CREDENTIAL_EXPIRATION=2024-01-02T03:04:05+00:00\"\r\n", CredentialFormat.CMD.render(C, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> CredentialFormat.CMD.render(ODD, Optional.empty()));
    }

    @Test
    void dotenvWritesPlainValuesAndRefusesWhatItsReadersWouldReadDifferently() {
        assertEquals("AWS_ACCESS_KEY_ID=AKIA\nAWS_SECRET_ACCESS_KEY=S\nAWS_SESSION_TOKEN=T\n"
                + "AWS_CREDENTIAL_EXPIRATION=2024-01-02T03:04:05+00:00\n", CredentialFormat.DOTENV.render(C, Optional.empty()));
        for (String bad : new String[] {"a\nINJECTED=1", "`id`", "${HOME}", "a #b", "\"q\"", "sp ace", "a'b"}) {
            var creds = new RoleCredentials("AKIA", bad, "T", EXP, "1");
            var e = assertThrows(IllegalArgumentException.class, () -> CredentialFormat.DOTENV.render(creds, Optional.empty()));
            assertTrue(e.getMessage().startsWith("the value of AWS_SECRET_ACCESS_KEY cannot be written safely as a dotenv"));
        }
        var token = new RoleCredentials("AKIA", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjE+/==", EXP, "1");
        assertTrue(CredentialFormat.DOTENV.render(token, Optional.of("eu-west-1")).contains("AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE+/==\n"));
    }

    @Test
    void powershellDoublesEveryQuoteThatWouldEndItsString() {
        var creds = new RoleCredentials("AKIA", "a\u2018b\u2019c\u201ad\u201be'f", "T", EXP, "1");
        assertEquals("$Env:AWS_SECRET_ACCESS_KEY = 'a\u2018\u2018b\u2019\u2019c\u201a\u201ad\u201b\u201be''f'",
                CredentialFormat.POWERSHELL.render(creds, Optional.empty()).split("\n")[1]);
    }

    @Test
    void noShellFormatWritesANul() {
        var creds = new RoleCredentials("AKIA", "a\0b", "T", EXP, "1");
        for (CredentialFormat f : new CredentialFormat[] {CredentialFormat.BASH, CredentialFormat.FISH,
                CredentialFormat.POWERSHELL, CredentialFormat.DOTENV}) {
            assertThrows(IllegalArgumentException.class, () -> f.render(creds, Optional.empty()), f.name());
        }
    }

    @Test
    void json() {
        assertEquals("{\n  \"AWS_ACCESS_KEY_ID\": \"AKIA\",\n  \"AWS_SECRET_ACCESS_KEY\": \"S\",\n  \"AWS_SESSION_TOKEN\": \"T\",\n"
                + "  \"AWS_CREDENTIAL_EXPIRATION\": \"2024-01-02T03:04:05+00:00\",\n  \"AWS_REGION\": \"r\",\n"
                + "  \"AWS_DEFAULT_REGION\": \"r\"\n}\n", CredentialFormat.JSON.render(C, Optional.of("r")));
    }

    @Test
    void bashOutputEvaluatesToTheExactValues() throws Exception {
        String script = CredentialFormat.BASH.render(ODD, Optional.empty()) + "printf '%s' \"$AWS_SECRET_ACCESS_KEY\"";
        Process p = new ProcessBuilder("sh", "-c", script).start();
        assertEquals(ODD.secretAccessKey(), new String(p.getInputStream().readAllBytes()));
        assertEquals(0, p.waitFor());
    }

    @Test
    void toStringHidesTheSecrets() {
        String s = new RoleCredentials("AKIAVISIBLE", "SECRETKEY", "SESSIONTOKEN", EXP, "1").toString();
        assertEquals(true, s.contains("AKIAVISIBLE"), s);
        assertEquals(false, s.contains("SECRETKEY") || s.contains("SESSIONTOKEN"), s);
    }
}
