package dev.ssocred.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.SsocredException;
import dev.ssocred.testing.Files2;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small pieces of the config package that larger tests pass through without looking at. */
class ConfigPiecesTest {
    @TempDir
    Path home;

    private Environment env() {
        return new Environment(Map.of("HOME", home.toString()));
    }

    private AwsConfig config(String... lines) {
        Path file = home.resolve(".aws/config");
        Files2.write(file, Files2.lines(lines));
        return new AwsConfig(AwsConfig.read(file, env()), IniFile.empty("~/.aws/credentials"), w -> { });
    }

    @Test
    void theTwoArgumentReadParsesTheFileAndAMissingOneIsEmpty() {
        Path file = Files2.write(home.resolve("config"), "[profile a]\nregion = eu-west-1\n");
        IniFile f = AwsConfig.read(file, env());
        assertEquals("eu-west-1", f.section("profile a").orElseThrow().get("region").orElseThrow());
        assertEquals(List.of(), AwsConfig.read(home.resolve("absent"), env()).sections());
    }

    @Test
    void theSystemEnvironmentIsTheProcesssAndAnyOtherMapIsCopied() {
        assertEquals(System.getenv(), Environment.system().vars());
        // The JVM's own map never changes, so it is kept as it is; a map a caller still holds is copied.
        java.util.Map<String, String> mine = new java.util.HashMap<>(Map.of("HOME", "/home/a"));
        Environment env = new Environment(mine);
        mine.put("HOME", "/home/b");
        mine.put("AWS_PROFILE", "other");
        assertEquals(Map.of("HOME", "/home/a"), env.vars());
        assertThrows(UnsupportedOperationException.class, () -> env.vars().put("AWS_PROFILE", "x"));
    }

    @Test
    void toStringsNameKeysAndPlacesButNeverValues() {
        IniFile.Property p = new IniFile.Property("aws_secret_access_key", "SECRETVALUE1", 7, 7, null);
        assertEquals("Property[aws_secret_access_key, line 7]", p.toString());
        Setting s = new Setting("SECRETVALUE2", "~/.aws/credentials:3");
        assertTrue(s.toString().contains("~/.aws/credentials:3") && !s.toString().contains("SECRETVALUE2"), s.toString());
    }

    @Test
    void theRegionOfCallsComesFromTheProfileThenTheSessionThenUsEast1() {
        ProfileResolver r = new ProfileResolver(config("[profile sso]", "sso_session = corp", "sso_account_id = 1",
                "sso_role_name = R", "[profile sso-eu]", "sso_session = corp", "sso_account_id = 1", "sso_role_name = R",
                "region = eu-west-1", "[sso-session corp]", "sso_start_url = https://x.awsapps.com/start",
                "sso_region = ap-south-1", "[profile keys]", "aws_access_key_id = AKIAEXAMPLE",
                "aws_secret_access_key = SECRETKEYVALUE"), env());
        SourceResolver sources = new SourceResolver(r, env(), w -> { });
        CredentialSource sso = sources.resolve("sso");
        assertEquals("ap-south-1", sso.apiRegion());
        assertEquals("eu-west-1", sources.resolve("sso-eu").apiRegion());
        assertEquals("us-east-1", sources.resolve("keys").apiRegion());
        assertEquals(Optional.empty(), sso.endpoints().endpoint("sts"), "an SsoRole's endpoints are its profile's");
        assertTrue(sso.endpoints() == ((CredentialSource.SsoRole) sso).sso().endpoints());
    }

    @Test
    void aProfileThatIsNotIdentityCenterIsExplained() {
        AwsConfig c = config("[profile plain]", "region = eu-west-1");
        SsocredException e = NotSso.explain(c.profile("plain").orElseThrow(), c);
        assertTrue(e.getMessage().contains("plain"), e.getMessage());
        assertTrue(e.hint() != null && !e.hint().isEmpty(), e.toString());
    }

    @Test
    void aCredentialProcessOfAnotherToolIsNamedAsSuch() {
        AwsConfig c = config("[profile other]", "credential_process = /opt/vault/bin/get-creds --role x");
        SsocredException e = NotSso.explain(c.profile("other").orElseThrow(), c);
        assertEquals("profile 'other' gets its credentials from credential_process (/opt/vault/bin/get-creds --role x), "
                + "not from IAM Identity Center", e.getMessage());
        assertTrue(e.hint().startsWith("sign in with the tool that credential_process runs"), e.hint());
    }

    @Test
    void anUnknownSsoSessionNamedForLoginSaysWhichExist() {
        ProfileResolver r = new ProfileResolver(config("[sso-session corp]", "sso_start_url = https://x.awsapps.com/start",
                "sso_region = us-east-1"), env());
        SsocredException e = assertThrows(SsocredException.class, () -> r.forSessionName("crop"));
        assertEquals("sso-session 'crop' does not exist", e.getMessage());
        assertTrue(e.hint().startsWith("did you mean 'corp'?"), e.hint());
    }

    @Test
    void ofTwoNamesAsCloseTheFirstIsSuggested() {
        assertEquals(Optional.of("dev"), Suggest.closest("dex", List.of("dev", "dew")));
        assertEquals(Optional.of("dew"), Suggest.closest("dex", List.of("dew", "dev")));
    }

    @Test
    void aSectionCopiesAMapItIsGivenAndKeepsOnlyTheParsersAsItIs() {
        IniFile.Property region = new IniFile.Property("region", "eu-west-1", 2, 2, null);
        Map<String, IniFile.Property> mine = new java.util.LinkedHashMap<>(Map.of("region", region));
        IniFile.Section s = new IniFile.Section("profile dev", 1, mine);
        mine.remove("region");
        assertEquals(Optional.of("eu-west-1"), s.get("region"), "a caller's map is copied");
        IniFile.Section parsed = IniParser.parse("[profile dev]\nregion = eu-west-1\n", "f").sections().get(0);
        assertThrows(UnsupportedOperationException.class, () -> parsed.properties().put("x", region));
        assertThrows(UnsupportedOperationException.class, () -> s.properties().clear());
    }
}
