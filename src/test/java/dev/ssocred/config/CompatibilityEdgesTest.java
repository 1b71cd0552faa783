package dev.ssocred.config;

import static dev.ssocred.testing.Files2.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.SsocredException;
import dev.ssocred.sso.CacheKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edges of the AWS CLI's reading that no other test pinned; expected values computed with botocore and Python. */
class CompatibilityEdgesTest {
    private static final String PORTAL = "https://my-sso-portal.awsapps.com/start";

    private static ProfileResolver resolver(String config, Map<String, String> env) {
        return new ProfileResolver(new AwsConfig(IniParser.parse(config, "~/.aws/config"),
                IniFile.empty("~/.aws/credentials"), w -> { }), new Environment(env));
    }

    private static String session(String scopesLine) {
        return lines("[profile dev]", "sso_session = my-session", "sso_account_id = 1", "sso_role_name = R",
                "[sso-session my-session]", "sso_start_url = " + PORTAL, "sso_region = us-east-1") + scopesLine;
    }

    @Test
    void aBlankRegistrationScopesIsAnEmptyListForTheRegistrationKeyAsInTheAwsCli() {
        // json.dumps({... "scopes": [] ...}) vs "scopes": null, the key absent (computed with Python)
        SsoSession blank = resolver(session("sso_registration_scopes =\n"), Map.of()).forLogin("dev");
        assertEquals(List.of(), blank.scopes());
        assertEquals(null, blank.requestedScopes(), "nothing is registered with, as the CLI's 'if scopes:'");
        assertEquals("f150c28058aa51186a0fa92c142593a06c2654e9.json", CacheKeys.registrationFile(blank));
        SsoSession commas = resolver(session("sso_registration_scopes = , ,\n"), Map.of()).forLogin("dev");
        assertEquals("f150c28058aa51186a0fa92c142593a06c2654e9.json", CacheKeys.registrationFile(commas));
        SsoSession absent = resolver(session(""), Map.of()).forLogin("dev");
        assertEquals(null, absent.scopes());
        assertEquals("4f45e8db1cfddc25c759e9b6bcec816ded6c9a57.json", CacheKeys.registrationFile(absent));
    }

    /** Session names with the characters around the edges of Python's ensure_ascii escaping. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "my session|833e330e4dc308663a4bb030c77a15b52a8238a5|c2389a7316fb29ccd263068fedcc241282fbaaba|0810fbc4bcaca0e26000b03ebf865d8ea87be4b9",
            "a~b|0e76c5d105f29a9bd34939ccc571163caa449959|056c2e95a2d8634090cf18c3d4dd78947c1ff4f1|baaed74871d64a9c004ff5aec801bafaa68acda4",
            "~|ed79a015b44b0553a2b523f398346faf936669eb|8119c41061ac234d26ac9d63fdc623f25c332714|fb3c6e4de85bd9eae26fdc63e75f10a7f39e850e",
            "caf\u00e9|df1219f0a62283dac562d7931da5ff97ff61a810|eea72a5544246b9206c6639a567cf10476a217f0|f424452a9673918c6f09b0cdd35b20be8e6ae7d7",
            "quote\"back\\slash|85d313bffecb3b3a8ef9230bf7d8e1e3782ef2eb|306224221b8632189308214442fb68c1602d749f|957a5b5e9dd2a07edd42784899b6cd41bc9b5bff"})
    void cacheFileNamesForUnusualSessionNamesAreTheAwsClis(String name, String registration, String role, String token) {
        assertSameNames(name, registration, role, token);
    }

    @Test
    void controlCharactersAroundTheAsciiEdgesAreEscapedAsPythonDoes() {
        assertSameNames("tab\tx", "9f04af762f36221b0d545c90c734f32caa31a531", "5566fd4abb412f89d42141c17673d1d4f93d0880",
                "c1e77f362225d1977e92437a75adbeed3e6aa8ca");
        assertSameNames("unit\u001fsep", "3bdb80bd80c098707377ca357a91bef39bfd13d1",
                "f7104157ff0ac2f2c448cee9ff8c820281100081", "2bf34701228d9b8754679bbdbf0abc2814fe942e");
        assertSameNames("del\u007fx", "06d68d448106d7e359d27e73d3c1e09e7bb0bc98", "fde20477b434416970f656ffb8ccc89cedcb682e",
                "7d1a330c59594d566dd5bf3db1784f1272480faf");
        assertSameNames(" ", "04aec93fc849b6d8d44dde6465b7b46cfb435eb1", "7d3cb31d503e61d53fd60ecb2467ffdb09f319e2",
                "b858cb282617fb0956d960215c8e84d1ccf909c6");
    }

    private static void assertSameNames(String name, String registration, String role, String token) {
        SsoSession s = new SsoSession(Optional.of(name), PORTAL, "us-east-1", null);
        assertEquals(registration + ".json", CacheKeys.registrationFile(s));
        assertEquals(token + ".json", CacheKeys.tokenFile(s));
        assertEquals(role, dev.ssocred.creds.RoleCredentialsCache.key(new SsoProfile("p", s, "123456789012", "ReadOnly",
                Optional.empty(), null)));
    }

    @Test
    void loginBySsoSessionNameRequiresAnHttpsStartUrl() {
        String config = lines("[sso-session plain]", "sso_start_url = http://d-1.awsapps.com/start", "sso_region = us-east-1");
        SsocredException e = assertThrows(SsocredException.class, () -> resolver(config, Map.of()).forSessionName("plain"));
        assertTrue(e.getMessage().startsWith("sso_start_url must use https (http://d-1.awsapps.com/start at "
                + "~/.aws/config:2)"), e.getMessage());
        String upper = lines("[sso-session ok]", "sso_start_url = HTTPS://d-1.awsapps.com/start", "sso_region = us-east-1");
        assertEquals("HTTPS://d-1.awsapps.com/start", resolver(upper, Map.of()).forSessionName("ok").startUrl());
    }

    @Test
    void secretLookingValuesAreMaskedInTheInconsistencyError() {
        String config = lines("[profile dev]", "sso_session = corp", "sso_account_id = 1", "sso_role_name = R",
                "sso_client_secret = mine-123456", "[sso-session corp]", "sso_start_url = " + PORTAL,
                "sso_region = us-east-1", "sso_client_secret = theirs-123456");
        SsocredException e = assertThrows(SsocredException.class, () -> resolver(config, Map.of()).forCredentials("dev"));
        assertTrue(e.getMessage().contains("sso_client_secret is inconsistent between profile 'dev' (***, ~/.aws/config:5)"
                + " and sso-session 'corp' (***, ~/.aws/config:9)"), e.getMessage());
        assertFalse(e.getMessage().contains("123456"), e.getMessage());
        String token = config.replace("sso_client_secret", "sso_bearer_token");
        assertFalse(assertThrows(SsocredException.class, () -> resolver(token, Map.of()).forCredentials("dev"))
                .getMessage().contains("123456"));
    }

    @Test
    void configuredEndpointsAreIgnoredOnlyWhenAskedToBe() {
        String config = lines("[profile dev]", "endpoint_url = http://127.0.0.1:1", "sso_session = corp",
                "[profile off]", "endpoint_url = http://127.0.0.1:1", "ignore_configured_endpoint_urls = true",
                "[sso-session corp]", "sso_start_url = " + PORTAL, "sso_region = us-east-1");
        ProfileResolver plain = resolver(config, Map.of());
        assertEquals(Optional.of("http://127.0.0.1:1"), plain.endpoints(plain.profile("dev")).endpoint("sts"));
        assertEquals(Optional.empty(), plain.endpoints(plain.profile("off")).endpoint("sts"));
        ProfileResolver envFalse = resolver(config, Map.of("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"));
        assertEquals(Optional.of("http://127.0.0.1:1"), envFalse.endpoints(envFalse.profile("dev")).endpoint("sts"));
        ProfileResolver envTrue = resolver(config, Map.of("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"));
        assertEquals(Optional.empty(), envTrue.endpoints(envTrue.profile("dev")).endpoint("sts"));
    }

    @Test
    void shlexSplitsSectionHeadersAsPythonDoes() {
        assertEquals(Optional.of(List.of("profile", "my dev")), Shlex.split("profile \"my dev\""));
        assertEquals(Optional.of(List.of("profile", "it's")), Shlex.split("profile \"it's\""));
        assertEquals(Optional.of(List.of("profile", "a\"b")), Shlex.split("profile 'a\"b'"));
        assertEquals(Optional.of(List.of("profile", "a b")), Shlex.split("profile a\\ b"));
        assertEquals(Optional.of(List.of("profile", "q\"x")), Shlex.split("profile \"q\\\"x\""));
        assertEquals(Optional.of(List.of("profile", "dev")), Shlex.split("profile\t dev  "));
        assertEquals(Optional.empty(), Shlex.split("profile \"open"), "an open quote: shlex raises, the CLI skips it");
        assertEquals(Optional.empty(), Shlex.split("profile dev\\"));
        assertEquals(Optional.of(List.of("profile\u2003dev")), Shlex.split("profile\u2003dev"), "only ASCII white space splits");
    }

    @Test
    void variablesAndTildeInAwsConfigFileAreExpandedAsPythonExpandsThem() {
        Environment env = new Environment(Map.of("HOME", "/home/ann", "DIR", "/etc/aws", "AWS_CONFIG_FILE",
                "$DIR/${DIR}/cfg-$NOPE", "AWS_SHARED_CREDENTIALS_FILE", "~/creds"));
        AwsPaths p = AwsPaths.from(env);
        assertEquals(Path.of("/etc/aws//etc/aws/cfg-$NOPE"), p.configFile(), "unknown variables stay as written");
        assertEquals(Path.of("/home/ann/creds"), p.credentialsFile());
        assertEquals(Path.of("/home/ann/.aws/cli/cache"), p.cliCacheDir());
        assertEquals(Path.of("/home/ann/.aws/sso/cache"), p.ssoCacheDir());
        assertEquals(Path.of("~user/x"), AwsPaths.expand("~user/x", env), "only ~ and ~/ are the user's home");
        assertEquals(Path.of("/home/ann"), AwsPaths.expand("~", env));
    }

    @Test
    void aPlainHeaderSplitsAsTheFullRulesSplitIt() {
        // Shlex.split takes a shortcut for headers without quotes, backslashes or white space but ' '; the alphabet
        // has those too, so that which headers take it is checked as well as what it makes of them.
        java.util.Random r = new java.util.Random(20261129L);
        String alphabet = "ab- _.\u2003\u00a0#[ \t\"'\\";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(14); k > 0; k--) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String header = sb.toString();
            assertEquals(Shlex.quoted(header), Shlex.split(header), "'" + header + "'");
        }
    }

    @Test
    void aHeaderIsSkippedWithoutClassifyingItOnlyWhenItCannotNameTheProfile() {
        // AwsConfig.mayName lets a lookup skip classifying headers; it must never skip one that names the profile.
        java.util.Random r = new java.util.Random(20261130L);
        String[] pieces = {"profile", "sso-session", "services", "default", " ", "  ", "\t", "\"", "'", "\\", "dev",
                "d", "ev", "a b", "x"};
        int named = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(5); k > 0; k--) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            String header = sb.toString();
            AwsConfig.SectionName n = AwsConfig.classify(header);
            if (n != null) {
                named++;
                assertTrue(AwsConfig.mayName(header, n.name()), "'" + header + "' names " + n);
            }
        }
        assertTrue(named > 500, "the generator makes headers that name something: " + named);
    }
}
