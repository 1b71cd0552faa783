package dev.ssocred.config;

import static dev.ssocred.testing.Files2.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileResolverTest {
    private static final String SESSION_CONFIG = lines(
            "[profile dev]",
            "sso_session = corp",
            "sso_account_id = 111122223333",
            "sso_role_name = ReadOnly",
            "region = eu-west-1",
            "[profile legacy]",
            "sso_start_url = https://d-1234567890.awsapps.com/start",
            "sso_region = us-east-1",
            "sso_account_id = 111122223333",
            "sso_role_name = Admin",
            "[sso-session corp]",
            "sso_start_url = https://d-1234567890.awsapps.com/start",
            "sso_region = us-east-1",
            "sso_registration_scopes = sso:account:access, ,extra ");

    private static ProfileResolver resolver(String config) {
        return resolver(config, Map.of());
    }

    private static ProfileResolver resolver(String config, Map<String, String> env) {
        return new ProfileResolver(new AwsConfig(IniParser.parse(config, "~/.aws/config"),
                IniFile.empty("~/.aws/credentials"), w -> { }), new Environment(env));
    }

    @Test
    void selectsProfileFromFlagThenAwsProfileThenAwsDefaultProfileThenDefault() {
        Environment both = new Environment(Map.of("AWS_PROFILE", "p", "AWS_DEFAULT_PROFILE", "d"));
        assertEquals("flag", ProfileResolver.selectName(Optional.of("flag"), both));
        assertEquals("p", ProfileResolver.selectName(Optional.empty(), both));
        assertEquals("d", ProfileResolver.selectName(Optional.empty(), new Environment(Map.of("AWS_DEFAULT_PROFILE", "d"))));
        assertEquals("default", ProfileResolver.selectName(Optional.empty(), new Environment(Map.of("AWS_PROFILE", ""))));
    }

    @Test
    void resolvesSessionProfileWithScopesParsedLikeBotocore() {
        SsoProfile p = resolver(SESSION_CONFIG).forCredentials("dev");
        assertEquals(Optional.of("corp"), p.session().name());
        assertEquals("https://d-1234567890.awsapps.com/start", p.session().startUrl());
        assertEquals("us-east-1", p.session().region());
        assertEquals(List.of("sso:account:access", "extra"), p.session().scopes());
        assertEquals("111122223333", p.accountId());
        assertEquals("ReadOnly", p.roleName());
        assertEquals(Optional.of("eu-west-1"), p.region());
    }

    @Test
    void resolvesLegacyProfileWithoutScopes() {
        SsoProfile p = resolver(SESSION_CONFIG).forCredentials("legacy");
        assertTrue(p.session().isLegacy());
        assertNull(p.session().scopes());
        assertEquals(Optional.empty(), p.region());
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        var e = assertThrows(SsocredException.class, () -> resolver(SESSION_CONFIG).forCredentials("nope"));
        assertEquals("profile 'nope' not found in ~/.aws/config", e.getMessage());
        assertEquals("profiles there: dev, legacy", e.hint());
        assertEquals(ExitCode.CONFIG, e.exitCode());
    }

    @Test
    void aTypoGetsADidYouMeanAndSaysTheNameCameFromAwsProfile() {
        var r = new ProfileResolver(new AwsConfig(IniParser.parse(SESSION_CONFIG, "~/.aws/config"), IniFile.empty("k"),
                w -> { }), new Environment(Map.of("AWS_PROFILE", "dve")));
        var e = assertThrows(SsocredException.class, () -> r.forCredentials(ProfileResolver.selectName(Optional.empty(),
                new Environment(Map.of("AWS_PROFILE", "dve")))));
        assertEquals("profile 'dve' not found in ~/.aws/config (AWS_PROFILE is 'dve')", e.getMessage());
        assertEquals("did you mean 'dev'? change or unset AWS_PROFILE; profiles there: dev, legacy", e.hint());
    }

    @Test
    void aMissingConfigFileIsSaidAsSuch() {
        var r = new ProfileResolver(new AwsConfig(IniFile.empty("~/.aws/config"), IniFile.empty("k"), w -> { }, false),
                new Environment(Map.of()));
        var e = assertThrows(SsocredException.class, () -> r.forLogin("dev"));
        assertEquals("profile 'dev' not found: the config file ~/.aws/config does not exist", e.getMessage());
        assertTrue(e.hint().contains("AWS_CONFIG_FILE"), e.hint());
    }

    @Test
    void aMistypedSsoSessionListsTheSessionsThere() {
        var e = assertThrows(SsocredException.class, () -> resolver("[profile dev]\nsso_session = crop\n"
                + "sso_account_id = 1\nsso_role_name = R\n[sso-session corp]\nsso_start_url = https://x\nsso_region = r\n")
                .forCredentials("dev"));
        assertTrue(e.getMessage().startsWith("sso-session 'crop' does not exist"), e.getMessage());
        assertEquals("did you mean 'corp'? sso-sessions in ~/.aws/config: corp", e.hint());
    }

    @Test
    void aCredentialProcessProfileThatRunsSsocredPointsAtItsSsoProfile() {
        String config = SESSION_CONFIG + "\n[profile dev-cp]\ncredential_process = ssocred process --profile dev\n";
        for (java.util.function.Function<ProfileResolver, Object> call : List.<java.util.function.Function<ProfileResolver, Object>>of(
                r -> r.forLogin("dev-cp"), r -> r.forCredentials("dev-cp"))) {
            var e = assertThrows(SsocredException.class, () -> call.apply(resolver(config)));
            assertEquals("profile 'dev-cp' gets its credentials from credential_process (ssocred process --profile dev), "
                    + "which signs in through profile 'dev'", e.getMessage());
            assertEquals("run 'ssocred login --profile dev'", e.hint());
        }
        assertEquals(Optional.of("dev"), NotSso.ssocredProfile("/usr/local/bin/ssocred --debug process dev"));
        assertEquals(Optional.of("a b"), NotSso.ssocredProfile("ssocred process --profile='a b'"));
        assertEquals(Optional.empty(), NotSso.ssocredProfile("aws-vault export --format=json dev"));
    }

    @Test
    void staticKeyAndRoleProfilesAreNamedForWhatTheyAre() {
        String config = SESSION_CONFIG + "\n[profile keys]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n"
                + "[profile chained]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = dev\n";
        var keys = assertThrows(SsocredException.class, () -> resolver(config).forLogin("keys"));
        assertTrue(keys.getMessage().startsWith("profile 'keys' uses long-term access keys (~/.aws/config:"), keys.getMessage());
        assertTrue(keys.getMessage().endsWith("it needs no login"), keys.getMessage());
        assertTrue(keys.hint().contains("IAM Identity Center profiles: dev, legacy"), keys.hint());
        assertFalse(keys.getMessage().contains("AKIAEXAMPLE"));
        // Commands that act on the session itself (login follows the chain before it gets here) name the source.
        var chained = assertThrows(SsocredException.class, () -> resolver(config).forLogin("chained"));
        assertEquals("name the source: --profile dev", chained.hint());
        var web = assertThrows(SsocredException.class, () -> resolver(config
                + "[profile web]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /t\n").forLogin("web"));
        assertTrue(web.getMessage().contains("uses web identity (web_identity_token_file)"), web.getMessage());
    }

    @Test
    void missingKeysAreNamedWithTheSectionTheyBelongIn() {
        var e = assertThrows(SsocredException.class, () -> resolver(lines("[profile dev]", "sso_session = corp",
                "[sso-session corp]", "sso_region = us-east-1")).forCredentials("dev"));
        assertEquals("profile 'dev' is configured for IAM Identity Center but is missing sso_account_id, sso_role_name, "
                + "sso_start_url", e.getMessage());
        assertEquals("add sso_account_id and sso_role_name to [profile dev] in ~/.aws/config; add sso_start_url to "
                + "[sso-session corp] in ~/.aws/config", e.hint());
    }

    @Test
    void profileWithoutAnySsoKeysIsNotAnSsoProfile() {
        var e = assertThrows(SsocredException.class, () -> resolver(lines("[profile keys]", "region = x"))
                .forCredentials("keys"));
        assertTrue(e.getMessage().contains("not set up for IAM Identity Center"), e.getMessage());
    }

    @Test
    void unknownSsoSessionNamesWhereItWasReferenced() {
        var e = assertThrows(SsocredException.class, () -> resolver(lines("[profile dev]", "sso_session = nope",
                "sso_account_id = 1", "sso_role_name = R")).forCredentials("dev"));
        assertEquals("sso-session 'nope' does not exist (named at ~/.aws/config:2)", e.getMessage());
    }

    @Test
    void inconsistentProfileAndSessionValuesAreRefused() {
        String config = SESSION_CONFIG.replace("region = eu-west-1", "sso_region = eu-west-1");
        var e = assertThrows(SsocredException.class, () -> resolver(config).forCredentials("dev"));
        assertEquals("the value for sso_region is inconsistent between profile 'dev' (eu-west-1, ~/.aws/config:5) and "
                + "sso-session 'corp' (us-east-1, ~/.aws/config:13)", e.getMessage());
    }

    @Test
    void equalValuesOnProfileAndSessionAreFine() {
        String config = SESSION_CONFIG.replace("region = eu-west-1", "sso_region = us-east-1");
        assertEquals("us-east-1", resolver(config).forCredentials("dev").session().region());
    }

    @Test
    void loginNeedsOnlyStartUrlAndRegion() {
        SsoSession s = resolver(lines("[profile l]", "sso_start_url = https://x.awsapps.com/start", "sso_region = r"))
                .forLogin("l");
        assertEquals("https://x.awsapps.com/start", s.startUrl());
        var e = assertThrows(SsocredException.class, () -> resolver(lines("[profile l]", "sso_region = r")).forLogin("l"));
        assertEquals("add sso_start_url to [profile l] in ~/.aws/config", e.hint());
    }

    @Test
    void loginRefusesAStartUrlThatIsNotHttps() {
        var e = assertThrows(SsocredException.class, () -> resolver(lines("[profile l]",
                "sso_start_url = http://d-1.awsapps.com/start", "sso_region = r")).forLogin("l"));
        assertEquals("sso_start_url must use https (http://d-1.awsapps.com/start at ~/.aws/config:2)", e.getMessage());
    }

    @Test
    void loginBySessionNameNeedsBothKeysInTheSession() {
        assertEquals(Optional.of("corp"), resolver(SESSION_CONFIG).forSessionName("corp").name());
        var e = assertThrows(SsocredException.class, () -> resolver(lines("[sso-session s]", "sso_region = r"))
                .forSessionName("s"));
        assertEquals("[sso-session s] is missing sso_start_url", e.getMessage());
    }

    @Test
    void endpointsFollowTheAwsCliOrder() {
        String config = lines("[profile dev]", "services = local", "endpoint_url = http://profile",
                "[services local]", "sso =", "  endpoint_url = http://services-sso");
        ProfileResolver r = resolver(config, Map.of("AWS_ENDPOINT_URL_SSO_OIDC", "http://env-oidc"));
        ServiceEndpoints e = r.endpoints(r.profile("dev"));
        assertEquals(Optional.of("http://env-oidc"), e.endpoint("sso_oidc"));
        assertEquals(Optional.of("http://services-sso"), e.endpoint("sso"));
        assertEquals(Optional.of("http://profile"), e.endpoint("sts"));
        ProfileResolver global = resolver(config, Map.of("AWS_ENDPOINT_URL", "http://global"));
        assertEquals(Optional.of("http://global"), global.endpoints(global.profile("dev")).endpoint("sso"));
        ProfileResolver off = resolver(config, Map.of("AWS_ENDPOINT_URL_SSO", "http://x",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
        assertEquals(Optional.empty(), off.endpoints(off.profile("dev")).endpoint("sso"));
    }

    @Test
    void missingServicesSectionIsAConfigError() {
        ProfileResolver r = resolver(lines("[profile dev]", "services = gone"));
        var e = assertThrows(SsocredException.class, () -> r.endpoints(r.profile("dev")));
        assertTrue(e.getMessage().contains("no [services gone] section"), e.getMessage());
    }
}
