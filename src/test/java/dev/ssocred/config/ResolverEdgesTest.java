package dev.ssocred.config;

import static dev.ssocred.testing.Files2.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.SsocredException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The resolver paths that commands other than process reach: sessions, settings, endpoints, names from the environment. */
class ResolverEdgesTest {
    private static final String START = "https://d-1234567890.awsapps.com/start";

    private static ProfileResolver resolver(String config, String credentials, Map<String, String> env) {
        return new ProfileResolver(new AwsConfig(IniParser.parse(config, "~/.aws/config"),
                IniParser.parse(credentials, "~/.aws/credentials"), w -> { }), new Environment(env));
    }

    @Test
    void sessionsListsEachSessionWithItsProfilesAndReportsTheBrokenOnes() {
        String config = lines("[profile a]", "sso_session = corp", "[profile b]", "sso_session = corp",
                "[profile legacy]", "sso_start_url = " + START, "sso_region = eu-west-1",
                "[profile broken]", "sso_start_url = http://plain", "sso_region = eu-west-1", "[profile plain]", "region = x",
                "[sso-session corp]", "sso_start_url = " + START, "sso_region = us-east-1", "ssocred_callback_port = 4321",
                "[sso-session half]", "sso_region = us-east-1");
        List<SsocredException> broken = new ArrayList<>();
        ProfileResolver r = resolver(config, "", Map.of());
        Map<SsoSession, List<String>> sessions = r.sessions(broken::add);
        assertEquals(2, sessions.size(), sessions.toString());
        SsoSession corp = r.forSessionName("corp");
        assertEquals(List.of("a", "b"), sessions.get(corp));
        SsoSession legacy = sessions.keySet().stream().filter(SsoSession::isLegacy).findFirst().orElseThrow();
        assertEquals(List.of("legacy"), sessions.get(legacy));
        assertEquals(2, broken.size(), "the session without a start URL and the http one");
        assertTrue(broken.get(0).getMessage().contains("[sso-session half] is missing sso_start_url"), broken.toString());
        assertTrue(broken.get(1).getMessage().contains("must use https"), broken.toString());
        assertEquals(Optional.of("4321"), r.sessionSetting(corp, "ssocred_callback_port"));
        assertEquals(Optional.empty(), r.sessionSetting(corp, "nothing"));
        assertEquals(Optional.empty(), r.sessionSetting(legacy, "ssocred_callback_port"));
    }

    @Test
    void endpointsForNoProfileComeFromTheEnvironmentAndForAProfileFromItsSettings() {
        String config = lines("[profile dev]", "endpoint_url = http://127.0.0.1:1", "ca_bundle = ~/ca.pem");
        ProfileResolver r = resolver(config, "", Map.of("HOME", "/home/ann", "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:2"));
        assertEquals(Optional.of("http://127.0.0.1:2"), r.endpointsFor(Optional.empty()).endpoint("sts"));
        assertEquals(Optional.empty(), r.endpointsFor(Optional.empty()).endpoint("sso"));
        assertEquals(Optional.of("http://127.0.0.1:1"), r.endpointsFor(Optional.of("dev")).endpoint("sso"));
        assertEquals(Optional.empty(), r.endpointsFor(Optional.of("missing-profile")).endpoint("sso"),
                "an unknown profile falls back to the environment, which names only STS");
        assertEquals(Optional.of("http://127.0.0.1:2"), r.endpointsFor(Optional.of("missing-profile")).endpoint("sts"));
        assertEquals(Optional.of(Path.of("/home/ann/ca.pem")), r.endpointsFor(Optional.of("dev")).caBundle());
        ProfileResolver env = resolver(config, "", Map.of("HOME", "/home/ann", "AWS_CA_BUNDLE", "/etc/corp.pem"));
        assertEquals(Optional.of(Path.of("/etc/corp.pem")), env.endpointsFor(Optional.of("dev")).caBundle(),
                "AWS_CA_BUNDLE wins over the profile's ca_bundle");
        assertEquals(Optional.empty(), resolver("", "", Map.of()).endpointsFor(Optional.empty()).caBundle());
        ProfileResolver off = resolver(lines("[profile dev]", "endpoint_url = http://127.0.0.1:1",
                "ignore_configured_endpoint_urls = false"), "", Map.of());
        assertEquals(Optional.of("http://127.0.0.1:1"), off.endpointsFor(Optional.of("dev")).endpoint("sso"));
    }

    @Test
    void theProfileNameComesFromTheFlagUnlessEmptyThenTheVariablesAndTheyAreNamedInTheError() {
        Environment env = new Environment(Map.of("AWS_DEFAULT_PROFILE", "dflt"));
        assertEquals("dflt", ProfileResolver.selectName(Optional.of(""), env), "an empty --profile counts as none");
        String config = lines("[profile dev]", "region = x");
        SsocredException fromDefault = assertThrows(SsocredException.class,
                () -> resolver(config, "", Map.of("AWS_DEFAULT_PROFILE", "dve")).profile("dve"));
        assertTrue(fromDefault.getMessage().endsWith("(AWS_DEFAULT_PROFILE is 'dve')"), fromDefault.getMessage());
        SsocredException shadowed = assertThrows(SsocredException.class, () -> resolver(config, "",
                Map.of("AWS_PROFILE", "dev", "AWS_DEFAULT_PROFILE", "dve")).profile("dve"));
        assertFalse(shadowed.getMessage().contains("AWS_DEFAULT_PROFILE"), "AWS_PROFILE is set, so it did not come from there");
    }

    @Test
    void longProfileListsAreShortenedAfterTwelve() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            names.add("p" + i);
        }
        assertEquals("p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12 and 2 more", ProfileResolver.shortList(names));
        assertEquals(String.join(", ", names.subList(0, 12)), ProfileResolver.shortList(names.subList(0, 12)));
        assertEquals("p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12 and 1 more",
                ProfileResolver.shortList(names.subList(0, 13)));
    }

    @Test
    void aProfileOnlyInTheCredentialsFileIsNamedThereAndAMissingConfigFileIsKnown() {
        AwsConfig files = new AwsConfig(IniFile.empty("~/.aws/config"), IniParser.parse(lines("[ci]",
                "aws_access_key_id = AKIA1"), "~/.aws/credentials"), w -> { }, false);
        assertEquals("[ci] in ~/.aws/credentials", files.profile("ci").orElseThrow().where());
        assertFalse(files.configExists());
        assertTrue(new AwsConfig(IniFile.empty("c"), IniFile.empty("k"), w -> { }).configExists());
    }

    @Test
    void loadingKnowsWhetherTheConfigFileIsThereFromReadingIt(@org.junit.jupiter.api.io.TempDir Path home)
            throws Exception {
        Environment env = new Environment(Map.of("HOME", home.toString()));
        AwsPaths paths = AwsPaths.from(env);
        assertFalse(AwsConfig.load(paths, env, w -> { }).configExists(), "no ~/.aws at all");
        java.nio.file.Files.createDirectories(paths.configFile().getParent());
        java.nio.file.Files.writeString(paths.credentialsFile(), "[ci]\naws_access_key_id = AKIA1\n");
        AwsConfig onlyKeys = AwsConfig.load(paths, env, w -> { });
        assertFalse(onlyKeys.configExists(), "only the credentials file");
        assertEquals("[ci] in ~/.aws/credentials", onlyKeys.profile("ci").orElseThrow().where());
        java.nio.file.Files.writeString(paths.configFile(), "");
        assertTrue(AwsConfig.load(paths, env, w -> { }).configExists(), "an empty config file exists");
    }

    @Test
    void keysWithoutTheirOtherHalfAreNamedAndTheRegionFallsBackToAwsDefaultRegion() {
        SsocredException secretOnly = assertThrows(SsocredException.class, () -> new SourceResolver(resolver("",
                lines("[k]", "aws_secret_access_key = s3cr3t-9"), Map.of()), new Environment(Map.of()), w -> { })
                .resolve("k"));
        assertEquals("profile 'k' has aws_secret_access_key but no aws_access_key_id", secretOnly.getMessage());
        var role = (CredentialSource.AssumedRole) new SourceResolver(resolver(lines("[profile r]",
                "role_arn = arn:aws:iam::1:role/R", "source_profile = k"), lines("[k]", "aws_access_key_id = A",
                "aws_secret_access_key = s3cr3t-9"), Map.of()), new Environment(Map.of("AWS_DEFAULT_REGION", "ca-central-1")),
                w -> { }).resolve("r");
        assertEquals("ca-central-1", role.stsRegion());
    }

    @Test
    void aCredentialProcessThatRunsSsocredNamesTheProfileToSignInWith() {
        assertEquals(Optional.of("dev"), NotSso.ssocredProfile("ssocred process --profile dev"));
        assertEquals(Optional.of("dev"), NotSso.ssocredProfile("/usr/local/bin/ssocred process -p dev"));
        assertEquals(Optional.of("dev"), NotSso.ssocredProfile("ssocred process --profile=dev"));
        assertEquals(Optional.of("dev"), NotSso.ssocredProfile("ssocred process dev"));
        assertEquals(Optional.empty(), NotSso.ssocredProfile("ssocred process --profile"), "a flag with no value");
        assertEquals(Optional.empty(), NotSso.ssocredProfile("ssocred process"));
        assertEquals(Optional.empty(), NotSso.ssocredProfile("other-tool process dev"));
        SsocredException chained = assertThrows(SsocredException.class, () -> resolver(lines("[profile r]",
                "role_arn = arn:aws:iam::1:role/R", "source_profile = dev", "[profile dev]", "sso_session = x"), "",
                Map.of()).forLogin("r"));
        assertTrue(chained.getMessage().contains("with the credentials of source_profile 'dev'"), chained.getMessage());
    }

    @Test
    void aBackslashInDoubleQuotesEscapesOnlyAQuoteOrABackslash() {
        assertEquals(Optional.of(List.of("profile", "x\\")), Shlex.split("profile \"x\\\\\""));
        assertEquals(Optional.of(List.of("profile", "a\\b")), Shlex.split("profile \"a\\b\""));
        assertEquals(Optional.empty(), Shlex.split("profile \"ab\\"), "a backslash last in an open quote");
    }
}
