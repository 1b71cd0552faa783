package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Run;
import dev.ssocred.testing.Tools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ssocred serve} as a real process, read by boto3 and the JavaScript SDK; {@code exec --serve}. */
class ServeIT extends EmulatedHome {
    Map<String, String> env;
    Process serve;
    final Map<String, String> vars = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        env = CorpHome.signedIn(home, emu);
    }

    @AfterEach
    void tearDown() {
        if (serve != null) {
            serve.destroy();
        }
    }

    private void startServe() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Launcher.path().toString(), "serve", "dev");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        serve = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 2; i++) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("export AWS_CONTAINER_"), String.valueOf(line));
            vars.put(line.substring(7, line.indexOf('=')), line.substring(line.indexOf('=') + 2, line.length() - 1));
        }
    }

    @Test
    void boto3AndTheJavaScriptSdkGetCredentialsFromTheEndpoint() throws Exception {
        startServe();
        Map<String, String> sdk = new HashMap<>(env);
        sdk.putAll(vars);
        String python = Tools.require(Tools.python(), "python3 with boto3", "pip install boto3");
        Run.Result boto = Run.run(sdk, home, List.of(python, "-c", "import boto3, sys\n"
                + "s = boto3.Session()\nprint(s.get_credentials().method)\n"
                + "print(s.client('sts', endpoint_url=sys.argv[1], region_name='us-east-1').get_caller_identity()['Arn'])",
                emu.baseUrl()));
        assertEquals(0, boto.code(), boto.toString());
        assertTrue(boto.out().startsWith("container-role\narn:aws:sts::111122223333:assumed-role/"), boto.out());
        Path modules = Tools.require(Tools.nodeModules(), "the AWS SDK for JavaScript v3", "npm install (.ci/run does)");
        sdk.put("NODE_PATH", modules.toString());
        Run.Result js = Run.run(sdk, home, List.of("node", Path.of("src", "test", "interop", "js_identity.cjs")
                .toAbsolutePath().toString(), "container", "-", emu.baseUrl()));
        assertEquals(0, js.code(), js.toString());
        assertTrue(js.out().contains("\"Account\":\"111122223333\""), js.out());
        assertEquals(1, emu.calls("GetRoleCredentials"), "both were served from one cached fetch");
    }

    @Test
    void requestsWithoutTheTokenAreRefused() throws Exception {
        startServe();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(vars.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        assertTrue(uri.toString().startsWith("http://127.0.0.1:"), uri.toString());
        assertEquals(401, http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(uri).header("Authorization", "guess").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Authorization",
                vars.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().startsWith("{\"AccessKeyId\": \"ASIA"), ok.body());
    }

    @Test
    void execServeGivesTheCommandTheEndpointInsteadOfKeys() throws Exception {
        String python = Tools.require(Tools.python(), "python3 with boto3", "pip install boto3");
        List<String> command = new ArrayList<>(List.of("exec", "--serve", "dev", "--", python, "-c",
                "import boto3, os\nc = boto3.Session().get_credentials()\n"
                        + "print(c.method, os.environ.get('AWS_ACCESS_KEY_ID'), c.access_key[:4])"));
        Launcher.Result r = Launcher.run(env, command.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        assertEquals("container-role None ASIA\n", r.out());
    }
}
