package dev.ssocred.config;

import static dev.ssocred.testing.Files2.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsConfigTest {
    private final List<String> warnings = new ArrayList<>();

    private AwsConfig config(String config, String credentials) {
        return new AwsConfig(IniParser.parse(config, "~/.aws/config"), IniParser.parse(credentials, "~/.aws/credentials"),
                warnings::add);
    }

    @Test
    void findsProfilesByTheAwsCliHeaderRules() {
        AwsConfig c = config(lines("[default]", "a = 1", "[profile dev]", "a = 2", "[profile \"with space\"]", "a = 3",
                "[profile]", "a = 4", "[profile x y]", "a = 5", "[sso-session corp]", "a = 6"), "");
        assertEquals(List.of("default", "dev", "with space"), c.profileNames());
        assertEquals(Optional.of("3"), c.profile("with space").orElseThrow().get("a"));
    }

    @Test
    void laterOfDefaultAndProfileDefaultWins() {
        AwsConfig c = config(lines("[profile default]", "region = first", "[default]", "region = second"), "");
        assertEquals(Optional.of("second"), c.profile("default").orElseThrow().get("region"));
    }

    @Test
    void credentialsFileKeysMergeOverConfigProfile() {
        AwsConfig c = config(lines("[profile dev]", "region = a", "sso_role_name = R"),
                lines("[dev]", "region = b", "aws_access_key_id = AKIA"));
        Profile p = c.profile("dev").orElseThrow();
        assertEquals(Optional.of("b"), p.get("region"));
        assertEquals(Optional.of("R"), p.get("sso_role_name"));
        assertEquals("~/.aws/credentials:2", p.settings().get("region").location());
    }

    @Test
    void readsBareSectionAsProfileWithWarning() {
        AwsConfig c = config(lines("[dev]", "region = a"), "");
        assertEquals(Optional.of("a"), c.profile("dev").orElseThrow().get("region"));
        assertEquals(List.of("~/.aws/config:1: [dev] is not a profile for the AWS CLI or the SDKs; write [profile dev]"),
                warnings);
    }

    @Test
    void canonicalSectionBeatsBareOneWithoutWarning() {
        AwsConfig c = config(lines("[dev]", "region = a", "[profile dev]", "region = b"), "");
        assertEquals(Optional.of("b"), c.profile("dev").orElseThrow().get("region"));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void readsHyphenatedKeysWithWarningButCanonicalWins() {
        AwsConfig c = config(lines("[profile dev]", "sso-start-url = https://x", "sso-region = a", "sso_region = b"), "");
        Profile p = c.profile("dev").orElseThrow();
        assertEquals(Optional.of("https://x"), p.get("sso_start_url"));
        assertEquals(Optional.of("b"), p.get("sso_region"));
        assertTrue(warnings.contains("~/.aws/config:2: 'sso-start-url' is ignored by the AWS CLI and the SDKs; write 'sso_start_url'"),
                warnings.toString());
    }

    @Test
    void findsSsoSessionsAndServicesWithQuotedNames() {
        AwsConfig c = config(lines("[sso-session \"my corp\"]", "sso_region = r", "[services local]", "sso =",
                "  endpoint_url = http://x"), "");
        assertEquals("r", c.ssoSession("my corp").orElseThrow().get("sso_region").value());
        assertEquals("http://x", c.services("local").orElseThrow().properties().get("sso").nested().get("endpoint_url"));
        assertTrue(c.ssoSession("my").isEmpty());
    }

    @Test
    void underscoreSsoSessionHeaderIsNotASession() {
        AwsConfig c = config(lines("[sso_session corp]", "sso_region = r"), "");
        assertTrue(c.ssoSession("corp").isEmpty());
    }

    @Test
    void parsedFilesAndTheEnvironmentNeverPrintValues() {
        IniFile creds = IniParser.parse(lines("[dev]", "aws_secret_access_key = TOPSECRET"), "~/.aws/credentials");
        assertTrue(!creds.toString().contains("TOPSECRET") && creds.toString().contains("aws_secret_access_key"),
                creds.toString());
        Environment env = new Environment(java.util.Map.of("AWS_SESSION_TOKEN", "TOPSECRET"));
        String profile = new SsoProfile("p", new SsoSession(Optional.empty(), "u", "r", null), "1", "R", Optional.empty(),
                ServiceEndpoints.fromEnvironment(env)).toString();
        assertTrue(!profile.contains("TOPSECRET") && profile.contains("AWS_SESSION_TOKEN"), profile);
    }

    @Test
    void profileToStringShowsKeyNamesOnly() {
        AwsConfig c = config("", lines("[dev]", "aws_secret_access_key = TOPSECRET"));
        String s = c.profile("dev").orElseThrow().toString();
        assertTrue(s.contains("aws_secret_access_key") && !s.contains("TOPSECRET"), s);
    }

    @Test
    void nonBreakingAndOtherUnicodeSpacesAroundAValueAreSpaceAsInPython() {
        AwsConfig c = config("[profile dev]\nregion = us-east-1\u00a0\nsso_region =\u2007eu-west-1\u202f\n"
                + "other = a\u2028b\n", "");
        Profile p = c.profile("dev").orElseThrow();
        assertEquals(Optional.of("us-east-1"), p.get("region"));
        assertEquals(Optional.of("eu-west-1"), p.get("sso_region"));
        assertEquals(Optional.of("a\u2028b"), p.get("other"), "a line separator inside a value is kept, not a reason to reject the file");
    }

    @Test
    void anEmptyValueIsUnsetAsForBotocore() {
        AwsConfig c = config("[profile dev]\nendpoint_url =\nregion = \nservices = local\n[services local]\nsso =\n"
                + "  endpoint_url = http://127.0.0.1:9\n", "");
        Profile p = c.profile("dev").orElseThrow();
        assertEquals(Optional.empty(), p.get("endpoint_url"));
        assertEquals(Optional.empty(), p.get("region"));
        var env = new Environment(java.util.Map.of());
        assertEquals(Optional.empty(), new ProfileResolver(c, env).endpoints(p).endpoint("sts"));
        assertEquals(Optional.of("http://127.0.0.1:9"), new ProfileResolver(c, env).endpoints(p).endpoint("sso"));
    }

    @Test
    void aMissingServicesSectionDoesNotMatterWhenConfiguredEndpointsAreIgnored() {
        AwsConfig c = config("[profile dev]\nservices = nowhere\nignore_configured_endpoint_urls = true\n", "");
        var ends = new ProfileResolver(c, new Environment(java.util.Map.of())).endpoints(c.profile("dev").orElseThrow());
        assertEquals(Optional.empty(), ends.endpoint("sso"));
        AwsConfig c2 = config("[profile dev]\nservices = nowhere\n", "");
        var ends2 = new ProfileResolver(c2, new Environment(java.util.Map.of("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")))
                .endpoints(c2.profile("dev").orElseThrow());
        assertEquals(Optional.empty(), ends2.endpoint("sso"));
    }

    @Test
    void aHyphenatedAliasNeverOverridesTheRealKeyNorTripsTheSessionCheck() {
        AwsConfig c = config("[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n"
                + "sso-region = eu-west-9\n[sso-session corp]\nsso_start_url = https://x\nsso_region = us-east-1\n",
                "[dev]\nsso-role-name = Other\n");
        SsoProfile p = new ProfileResolver(c, new Environment(java.util.Map.of())).forCredentials("dev");
        assertEquals("us-east-1", p.session().region());
        assertEquals("R", p.roleName());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'sso-region' is ignored")), warnings.toString());
    }

    @Test
    void headersAreClassifiedAsBotocoreDoes() {
        AwsConfig c = config("[profiles dev]\na = 1\n[profile\u2003em]\na = 2\n[sso-sessions corp]\nsso_region = r\n", "");
        assertEquals(List.of("dev"), c.profileNames(), "an em space does not split a header (shlex splits at ASCII space)");
        assertEquals(List.of("corp"), c.sessionNames());
    }

    @Test
    void aByteOrderMarkIsReadWithAWarningThatTheAwsCliCannot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path f = dir.resolve("config");
        java.nio.file.Files.writeString(f, "\uFEFF[profile dev]\nregion = a\n");
        IniFile file = AwsConfig.read(f, new Environment(java.util.Map.of("HOME", dir.toString())), warnings::add);
        assertEquals("profile dev", file.sections().get(0).header());
        assertTrue(warnings.get(0).contains("byte-order mark"), warnings.toString());
    }
}
