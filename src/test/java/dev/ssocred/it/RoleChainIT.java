package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.io.Json;
import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Pty;
import dev.ssocred.testing.Run;
import dev.ssocred.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Role chaining with the packaged file: AssumeRole at the emulator's STS (which verifies each SigV4 signature against
 * credentials it issued, long-term IAM user keys included), the assume-role cache shared with the AWS CLI v1
 * (botocore 1.43, which can walk the chain itself against the emulator) and v2, an MFA code typed on a real
 * pseudo-terminal, and the refusals a person meets.
 */
class RoleChainIT extends EmulatedHome {
    static final String DEPLOY = "arn:aws:iam::444455556666:role/Deploy";
    static final String DEEP = "arn:aws:iam::777788889999:role/Deep";
    static final String GUARDED = "arn:aws:iam::444455556666:role/Guarded";
    static final String SERIAL = "arn:aws:iam::111122223333:mfa/alice";

    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        env = CorpHome.signedIn(home, emu,
                "[profile prod]", "role_arn = " + DEPLOY, "source_profile = dev", "region = eu-west-1",
                "[profile deep]", "role_arn = " + DEEP, "source_profile = prod", "external_id = ext-1",
                "[profile wrong-id]", "role_arn = " + DEEP, "source_profile = prod", "external_id = guess",
                "[profile mfa]", "role_arn = " + GUARDED, "source_profile = dev", "mfa_serial = " + SERIAL,
                "[profile long]", "role_arn = arn:aws:iam::444455556666:role/Long", "source_profile = dev",
                "duration_seconds = 7200",
                "[profile loop-a]", "role_arn = arn:aws:iam::1:role/A", "source_profile = loop-b",
                "[profile loop-b]", "role_arn = arn:aws:iam::1:role/B", "source_profile = loop-a",
                "[profile from-keys]", "role_arn = " + DEPLOY, "source_profile = ci", "region = us-east-1");
        var key = emu.userKey("111122223333", "ci");
        Files2.write(home.resolve(".aws/credentials"), Files2.lines("[ci]", "aws_access_key_id = " + key.accessKeyId(),
                "aws_secret_access_key = " + key.secretAccessKey()));
        emu.requireExternalId(DEEP, "ext-1");
        emu.requireMfa(GUARDED, SERIAL, "246810");
    }


    private Run.Result run(List<String> command) throws Exception {
        return Run.run(env, home, command);
    }

    private List<String> callerIdentity(List<String> aws, String profile) {
        List<String> c = new ArrayList<>(aws);
        c.addAll(List.of("sts", "get-caller-identity", "--profile", profile, "--region", "us-east-1", "--endpoint-url",
                emu.baseUrl(), "--output", "json"));
        return c;
    }

    private String arnOf(Run.Result r) throws Exception {
        assertEquals(0, r.code(), r.toString());
        return (String) Json.parseObject(r.out()).get("Arn");
    }

    @Test
    void aChainedProfileIsAssumedOnceAndTheAwsCliUsesTheCachedRole() throws Exception {
        Launcher.Result first = Launcher.run(env, "process", "--profile", "prod");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("\"Expiration\": \""), first.out());
        assertEquals(1, emu.calls("STS:AssumeRole"));
        assertEquals(0, emu.calls("STS:rejected"), "AssumeRole was signed with the Identity Center role's credentials");
        assertEquals(first.out(), Launcher.run(env, "process", "--profile", "prod").out(), "the second call is a cache hit");
        assertEquals(1, emu.calls("STS:AssumeRole"));
        assertTrue(Files.exists(home.resolve(".aws/cli/cache/4e3c52f628c90136b8f3dc2ae583ce43fca653f0.json")),
                "botocore's key for {\"RoleArn\": \"" + DEPLOY + "\"}");

        // CLI 2.9 cannot be pointed at a local STS for its own AssumeRole: this passes only through ssocred's entry.
        List<String> v2 = Tools.require(Tools.awsV2(), "the AWS CLI v2", "apt-get install awscli");
        assertTrue(arnOf(run(callerIdentity(v2, "prod"))).startsWith("arn:aws:sts::444455556666:assumed-role/Deploy/"));
        assertEquals(1, emu.calls("STS:AssumeRole"));

        Launcher.Result write = Launcher.run(env, "write", "prod", "--as", "prod-written");
        assertEquals(0, write.code(), write.toString());
        assertTrue(arnOf(run(callerIdentity(v2, "prod-written"))).startsWith("arn:aws:sts::444455556666:assumed-role/Deploy/"));
        assertEquals(1, emu.calls("STS:AssumeRole"));

        Launcher.Result who = Launcher.run(env, "whoami", "prod");
        assertTrue(who.out().startsWith("Account  444455556666\nArn      arn:aws:sts::444455556666:assumed-role/Deploy/"
                + "ssocred-session-"), who.toString());
    }

    @Test
    void anEntryBotocoreCachedForATwoRoleChainIsUsedAndTheAnswerIsTheSame() throws Exception {
        List<String> v1 = Tools.require(Tools.awsV1(), "the AWS CLI v1", "pip install awscli");
        String arn = arnOf(run(callerIdentity(v1, "deep")));
        assertTrue(arn.startsWith("arn:aws:sts::777788889999:assumed-role/Deep/botocore-session-"), arn);
        assertEquals(2, emu.calls("STS:AssumeRole"), "botocore assumed prod, then deep with prod's credentials");

        Map<String, String> logged = new java.util.HashMap<>(env);
        java.nio.file.Path log = home.resolve("classes.log");
        logged.put("SSOCRED_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Launcher.Result ours = Launcher.run(logged, "env", "deep", "--format", "json");
        assertEquals(0, ours.code(), ours.toString());
        assertEquals(2, emu.calls("STS:AssumeRole"), "ssocred found botocore's entry under the same key");
        String loaded = Files2.read(log);
        assertTrue(loaded.contains("dev.ssocred.creds.AssumeRoleKey") && !loaded.contains("$$Lambda")
                && !loaded.contains("software.amazon.awssdk"), "an assumed role's hit runs no lambda and no SDK");
        List<String> exec = new ArrayList<>(List.of(Launcher.path().toString(), "exec", "deep", "--"));
        exec.addAll(v1);
        exec.addAll(List.of("sts", "get-caller-identity", "--endpoint-url", emu.baseUrl(), "--region", "us-east-1",
                "--output", "text", "--query", "Arn"));
        Run.Result child = run(exec);
        assertTrue(child.out().startsWith("arn:aws:sts::777788889999:assumed-role/Deep/botocore-session-"), child.toString());
    }

    @Test
    void aChainEndingInLongTermKeysIsSignedWithThemAndKeysAreExportedAsTheAwsCliExportsThem() throws Exception {
        Launcher.Result r = Launcher.run(env, "env", "from-keys");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("export AWS_REGION='us-east-1'"), r.out());
        assertEquals(1, emu.calls("STS:AssumeRole"));
        assertEquals(0, emu.calls("STS:rejected"), "signed with the IAM user's access key");

        List<String> v2 = Tools.require(Tools.awsV2(), "the AWS CLI v2", "apt-get install awscli");
        List<String> export = new ArrayList<>(v2);
        export.addAll(List.of("configure", "export-credentials", "--profile", "ci", "--format", "process"));
        Run.Result theirs = run(export);
        assertEquals(0, theirs.code(), theirs.toString());
        Launcher.Result keys = Launcher.run(env, "process", "--profile", "ci");
        assertEquals(theirs.out(), keys.out(), "byte for byte what aws configure export-credentials prints");
        Launcher.Result write = Launcher.run(env, "write", "ci", "--as", "copy");
        assertEquals(2, write.code(), write.toString());
        assertTrue(write.err().contains("already has long-term keys"), write.err());
    }

    @Test
    void anMfaCodeIsAskedOnTheTerminalAndCredentialProcessUsesTheCachedRoleAfterwards() throws Exception {
        Launcher.Result refused = Launcher.run(env, "process", "--profile", "mfa");
        assertEquals(3, refused.code(), refused.toString());
        assertTrue(refused.err().contains("needs a code from MFA device " + SERIAL), refused.err());
        assertTrue(refused.err().contains("hint: type it once in a terminal: 'ssocred env mfa > /dev/null'"), refused.err());
        assertEquals(0, emu.calls("STS:AssumeRole"));

        try (Pty pty = Pty.start(env, Launcher.path() + " env mfa > " + home.resolve("mfa.env"))) {
            pty.await("Enter MFA code for " + java.util.regex.Pattern.quote(SERIAL) + ": ", Duration.ofSeconds(30));
            pty.type("246810\r");
            assertEquals(0, pty.exitCode(Duration.ofSeconds(30)), pty.screen());
        }
        assertTrue(Files2.read(home.resolve("mfa.env")).startsWith("export AWS_ACCESS_KEY_ID='ASIA"));
        assertEquals(1, emu.calls("STS:AssumeRole"));
        assertEquals(0, emu.calls("STS:rejected"));

        Launcher.Result later = Launcher.run(env, "process", "--profile", "mfa");
        assertEquals(0, later.code(), later.toString());
        assertEquals(1, emu.calls("STS:AssumeRole"), "served from the cache, no code needed");
    }

    @Test
    void serveAsksForTheMfaCodeWhenItStartsAndNeverFromARequest() throws Exception {
        java.nio.file.Path vars = home.resolve("serve.env");
        try (Pty pty = Pty.start(env, Launcher.path() + " serve mfa > " + vars)) {
            pty.await("Enter MFA code for " + java.util.regex.Pattern.quote(SERIAL) + ": ", Duration.ofSeconds(30));
            pty.type("246810\r");
            String uri = pty.await("credentials of profile 'mfa' on (http://\\S+);", Duration.ofSeconds(30));
            String token = Files2.read(vars).lines().filter(l -> l.startsWith("export AWS_CONTAINER_AUTHORIZATION_TOKEN="))
                    .map(l -> l.substring(l.indexOf('\'') + 1, l.length() - 1)).findFirst().orElseThrow();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri))
                    .header("Authorization", token).timeout(Duration.ofSeconds(20)).build();
            var first = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, first.statusCode(), first.body());
            assertEquals(1, emu.calls("STS:AssumeRole"));

            // The role's credentials gone, as when they expire: a request must not read the terminal (a server
            // started in the background would be stopped by SIGTTIN), it fails and says how to type the code.
            try (var entries = java.nio.file.Files.list(home.resolve(".aws/cli/cache"))) {
                for (java.nio.file.Path p : entries.toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
            var second = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(500, second.statusCode(), second.body());
            assertTrue(second.body().contains("needs a code from MFA device"), second.body());
            pty.await("no credentials: .*cannot ask for it while it answers a request; type it once in a terminal",
                    Duration.ofSeconds(30));
            assertEquals(1, pty.screen().split("Enter MFA code", -1).length - 1, pty.screen());
            assertEquals(1, emu.calls("STS:AssumeRole"));
        }
    }

    @Test
    void refusalsNameTheChainTheRoleAndTheFix() throws Exception {
        Launcher.Result loop = Launcher.run(env, "process", "--profile", "loop-a");
        assertEquals(4, loop.code(), loop.toString());
        assertTrue(loop.err().contains("the source_profile chain loops: loop-a -> loop-b -> loop-a"), loop.err());

        Launcher.Result tooLong = Launcher.run(env, "env", "long");
        assertEquals(4, tooLong.code(), tooLong.toString());
        assertTrue(tooLong.err().contains("1 hour session limit for roles assumed by role chaining"), tooLong.err());
        assertTrue(tooLong.err().contains("hint: check duration_seconds"), tooLong.err());

        Launcher.Result denied = Launcher.run(env, "env", "wrong-id");
        assertEquals(4, denied.code(), denied.toString());
        assertTrue(denied.err().contains("STS refused to let source_profile 'prod' assume " + DEEP), denied.err());
        assertTrue(denied.err().contains("AccessDenied"), denied.err());
        assertFalse(denied.err().contains("guess"), "the external id is not echoed");
        assertEquals(2, denied.err().lines().count(), denied.err());
    }

    @Test
    void loginForAChainedProfileSignsInToTheSessionAtTheEndOfTheChain() throws Exception {
        Files.delete(CorpHome.cache(home).tokenPath(CorpHome.CORP));
        Launcher.Result needed = Launcher.run(env, "process", "--profile", "prod");
        assertEquals(3, needed.code(), needed.toString());
        assertTrue(needed.err().contains("hint: run 'ssocred login --profile prod'"), needed.err());
        emu.autoApproveAfter = Duration.ZERO;
        Launcher.Result login = Launcher.run(env, "login", "--profile", "prod", "--use-device-code");
        assertEquals(0, login.code(), login.toString());
        assertTrue(login.err().contains("(sso-session corp)"), login.err());
        assertEquals(0, Launcher.run(env, "process", "--profile", "prod").code());
    }
}
