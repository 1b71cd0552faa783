package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.io.Json;
import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Run;
import dev.ssocred.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ssocred against the real consumers of its files and output, both directions: the AWS CLI v1 (pip) and v2
 * (Debian), boto3/botocore, the AWS SDK for JavaScript v3 and the AWS SDK for Java v2. Every STS call is verified
 * by the emulator's SigV4 check against credentials it issued, so a pass means the tool really signed with what
 * ssocred handed over.
 */
class InteropIT extends EmulatedHome {
    static final String ACCOUNT = "111122223333";
    static final Path SCRIPTS = Path.of("src", "test", "interop").toAbsolutePath();

    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        emu.autoApproveAfter = Duration.ZERO;
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("ssocred"), Launcher.path());
        Files2.write(home.resolve(".aws/config"), Files2.lines(
                "[profile dev]", "sso_session = corp", "sso_account_id = " + ACCOUNT, "sso_role_name = ReadOnly",
                "region = us-east-1",
                "[profile dev-cp]", "credential_process = ssocred process --profile dev", "region = us-east-1",
                "[sso-session corp]", "sso_start_url = https://d-1234567890.awsapps.com/start", "sso_region = us-east-1",
                "sso_registration_scopes = sso:account:access"));
        env = Launcher.env(home);
        env.put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        env.put("AWS_ENDPOINT_URL_SSO", emu.baseUrl());
        env.put("AWS_ENDPOINT_URL_SSO_OIDC", emu.baseUrl());
        Launcher.Result login = Launcher.run(env, "login", "--profile", "dev", "--no-browser");
        assertEquals(0, login.code(), login.toString());
    }


    private Run.Result run(List<String> command) throws Exception {
        return Run.run(env, home, command);
    }

    private static List<String> cmd(List<String> base, String... args) {
        List<String> c = new ArrayList<>(base);
        c.addAll(List.of(args));
        return c;
    }

    /** The STS call succeeded for our account, and the emulator verified every signature it was shown. */
    private void assertSignedIdentity(Run.Result r) throws Exception {
        assertEquals(0, r.code(), r.toString());
        assertEquals(ACCOUNT, Json.parseObject(r.out()).get("Account"), r.out());
        assertEquals(0, emu.calls("STS:rejected"));
        assertTrue(emu.calls("STS:GetCallerIdentity") >= 1);
    }

    private List<String> sts(List<String> aws, String... extra) {
        List<String> c = cmd(aws, extra);
        c.addAll(List.of("sts", "get-caller-identity", "--endpoint-url", emu.baseUrl(), "--output", "json"));
        return c;
    }

    // ---- AWS CLI v1 (pip) and v2 (Debian) ----

    @Test
    void awsCliV1SignsWithCredentialProcess() throws Exception {
        assertSignedIdentity(run(sts(awsV1(), "--profile", "dev-cp")));
    }

    @Test
    void awsCliV2SignsWithCredentialProcess() throws Exception {
        assertSignedIdentity(run(sts(awsV2(), "--profile", "dev-cp")));
    }

    @Test
    void awsCliV1AndV2SignWithEnvOutputEvaluatedInAShell() throws Exception {
        for (List<String> aws : List.of(awsV1(), awsV2())) {
            List<String> c = cmd(List.of("sh", "-c", "eval \"$(ssocred env dev)\" && exec \"$@\"", "sh"));
            c.addAll(sts(aws));
            assertSignedIdentity(run(c));
        }
    }

    @Test
    void awsCliV1AndV2ReadAProfileWrittenByWrite() throws Exception {
        Launcher.Result w = Launcher.run(env, "write", "dev", "--as", "written");
        assertEquals(0, w.code(), w.toString());
        for (List<String> aws : List.of(awsV1(), awsV2())) {
            assertSignedIdentity(run(sts(aws, "--profile", "written", "--region", "us-east-1")));
        }
    }

    @Test
    void awsCliV2UsesRoleCredentialsSsocredCached() throws Exception {
        List<String> aws = awsV2();
        Launcher.Result ours = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, ours.code(), ours.toString());
        assertEquals(1, emu.calls("GetRoleCredentials"));
        // CLI 2.9 cannot be pointed at a local portal (endpoint variables arrived in 2.13), so this passes only if
        // it finds ssocred's entry under its own cache key and reads its JSON.
        assertSignedIdentity(run(sts(aws, "--profile", "dev")));
        assertEquals(1, emu.calls("GetRoleCredentials"));
    }

    @Test
    void aConfigWithColonDelimitersThatTheCliReadsServesAFetch() throws Exception {
        // Python's configparser (so the AWS CLI) takes "key: value"; the SDK for Java's profile parser refuses it.
        // The SDK used to parse ~/.aws/config itself on every client it built, so any such line failed every fetch.
        Files.writeString(home.resolve(".aws/config"), "[profile colon]\noutput: json\n",
                java.nio.file.StandardOpenOption.APPEND);
        for (List<String> aws : List.of(awsV1(), awsV2())) {
            Run.Result cli = run(cmd(aws, "configure", "get", "output", "--profile", "colon"));
            assertEquals("json", cli.out().strip(), cli.toString());
        }
        Launcher.Result ours = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, ours.code(), ours.toString());
        assertEquals(1, emu.calls("GetRoleCredentials"));
    }

    // ---- boto3 / botocore ----

    @Test
    void boto3UsesAndRefreshesTheTokenSsocredCached() throws Exception {
        String python = Tools.require(Tools.python(), "python3 with boto3", "pip install boto3");
        List<String> boto3 = List.of(python, SCRIPTS.resolve("boto3_identity.py").toString(), "dev", emu.baseUrl());
        assertSignedIdentity(run(boto3));
        assertEquals(0, emu.calls("CreateToken:refresh_token"));

        Path token = tokenFile();
        setExpiry(token, Instant.now().plus(Duration.ofMinutes(5)));
        assertSignedIdentity(run(boto3));
        assertEquals(1, emu.calls("CreateToken:refresh_token"), "botocore refreshed with ssocred's refresh token");
        String botocoreWrote = Files2.read(token);

        // Now the other way: a token file exactly as botocore wrote it, expired, refreshed by ssocred.
        setExpiry(token, Instant.now().minus(Duration.ofMinutes(1)));
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals(2, emu.calls("CreateToken:refresh_token"), "ssocred refreshed with botocore's rotated refresh token");
        assertNotEquals(botocoreWrote, Files2.read(token));
        assertFormatLikeTheCli(Files2.read(token));
    }

    @Test
    void botocoreRoleCredentialCacheIsSharedBothWays() throws Exception {
        String python = Tools.require(Tools.python(), "python3 with boto3", "pip install boto3");
        List<String> cli = List.of(python, SCRIPTS.resolve("botocore_cli_cache.py").toString(), "dev", emu.baseUrl());
        Launcher.Result ours = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, ours.code(), ours.toString());
        assertSignedIdentity(run(cli));
        assertEquals(1, emu.calls("GetRoleCredentials"), "botocore used the entry ssocred cached");

        clear(home.resolve(".aws/cli/cache"));
        assertSignedIdentity(run(cli));
        assertEquals(2, emu.calls("GetRoleCredentials"));
        Launcher.Result again = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, again.code(), again.toString());
        assertEquals(2, emu.calls("GetRoleCredentials"), "ssocred used the entry botocore cached");
    }

    // ---- AWS SDK for JavaScript v3 ----

    @Test
    void javascriptFromSsoReadsSsocredsTokenCache() throws Exception {
        assertSignedIdentity(run(node("sso", "dev")));
        assertEquals(1, emu.calls("GetRoleCredentials"));
    }

    @Test
    void javascriptFromProcessRunsSsocred() throws Exception {
        assertSignedIdentity(run(node("process", "dev-cp")));
    }

    // ---- AWS SDK for Java v2 ----

    @Test
    void javaSdkProfileProviderRunsSsocredAsCredentialProcess() throws Exception {
        assertEquals(ACCOUNT, javaProbe("dev-cp"));
    }

    @Test
    void javaSdkSsoProviderReadsSsocredsTokenCache() throws Exception {
        assertEquals(ACCOUNT, javaProbe("dev"));
        assertEquals(1, emu.calls("GetRoleCredentials"));
    }

    // ---- helpers ----

    private List<String> awsV1() {
        return Tools.require(Tools.awsV1(), "the AWS CLI v1", "pip install awscli");
    }

    private List<String> awsV2() {
        return Tools.require(Tools.awsV2(), "the AWS CLI v2", "apt-get install awscli");
    }

    private List<String> node(String kind, String profile) {
        Path modules = Tools.require(Tools.nodeModules(), "the AWS SDK for JavaScript v3",
                "npm install --prefix target/interop (package.json in src/test/interop)");
        env.put("NODE_PATH", modules.toString());
        return List.of("node", SCRIPTS.resolve("js_identity.cjs").toString(), kind, profile, emu.baseUrl());
    }

    private String javaProbe(String profile) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run.Result r = run(List.of(java, "-cp", System.getProperty("java.class.path"),
                dev.ssocred.testing.JavaSdkProbe.class.getName(), profile, emu.baseUrl()));
        assertEquals(0, r.code(), r.toString());
        assertEquals(0, emu.calls("STS:rejected"));
        return r.out().strip();
    }

    private Path tokenFile() {
        return home.resolve(".aws/sso/cache/" + dev.ssocred.sso.CacheKeys.tokenFile(
                new dev.ssocred.config.SsoSession(java.util.Optional.of("corp"), "x", "y", null)));
    }

    /** Rewrites only the expiresAt value, keeping every other byte as the writer left it. */
    private static void setExpiry(Path token, Instant when) throws Exception {
        String text = Files2.read(token);
        String updated = text.replaceFirst("\"expiresAt\": ?\"[^\"]+\"",
                "\"expiresAt\": \"" + dev.ssocred.io.Timestamps.format(when) + "\"");
        assertNotEquals(text, updated);
        Files.writeString(token, updated);
    }

    private static void assertFormatLikeTheCli(String json) {
        assertTrue(json.startsWith("{\"startUrl\": \"https://d-1234567890.awsapps.com/start\", \"region\": \"us-east-1\", "
                + "\"accessToken\": \""), json);
        assertTrue(!json.endsWith("\n"));
    }

    private static void clear(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    static Map<String, String> copy(Map<String, String> m) {
        return new HashMap<>(m);
    }
}
