package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.EmulatedHome;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ssocred console} with the packaged file against the emulator's federation endpoint (getSigninToken takes
 * only live temporary credentials it issued; login with a valid SigninToken redirects to the destination), with curl
 * as the browser.
 */
class ConsoleIT extends EmulatedHome {
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        env = CorpHome.signedIn(home, emu, "region = eu-west-1",
                "[profile prod]", "role_arn = arn:aws:iam::444455556666:role/Deploy", "source_profile = dev",
                "region = us-gov-west-1");
        Files2.write(home.resolve(".aws/credentials"), Files2.lines("[keys]", "aws_access_key_id = AKIAKEYS",
                "aws_secret_access_key = long-term-secret"));
    }


    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void printGivesALoginUrlThatOpensTheConsoleInTheProfilesRegion() throws Exception {
        Launcher.Result r = Launcher.run(env, "console", "dev", "--print");
        assertEquals(0, r.code(), r.toString());
        String url = r.out().strip();
        String destination = "https://console.aws.amazon.com/console/home?region=eu-west-1";
        assertTrue(url.startsWith(emu.baseUrl() + "/federation?Action=login&Destination="
                + URLEncoder.encode(destination, StandardCharsets.UTF_8) + "&SigninToken=signin-"), url);
        assertEquals(1, emu.calls("Federation:getSigninToken"));
        HttpResponse<String> login = get(url);
        assertEquals(302, login.statusCode(), login.body());
        assertEquals(destination, login.headers().firstValue("Location").orElseThrow());
        assertTrue(r.err().contains("treat it like a password"), r.err());
        assertEquals(1, r.out().lines().count(), "stdout holds the URL only");
    }

    @Test
    void aChainedProfileInGovCloudLandsOnItsPartitionsConsoleAndADestinationIsKept() throws Exception {
        Launcher.Result gov = Launcher.run(env, "console", "prod", "--print");
        assertEquals(0, gov.code(), gov.toString());
        String destination = URLDecoder.decode(gov.out().replaceAll("^.*Destination=([^&]+)&.*\\s*$", "$1"),
                StandardCharsets.UTF_8);
        assertEquals("https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1", destination);
        assertEquals(1, emu.calls("STS:AssumeRole"), "the console got the assumed role's credentials");
        Launcher.Result s3 = Launcher.run(env, "console", "dev", "--print", "--destination",
                "https://console.aws.amazon.com/s3/home");
        assertEquals(302, get(s3.out().strip()).statusCode());
        assertEquals("https://console.aws.amazon.com/s3/home",
                get(s3.out().strip()).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theBrowserIsGivenAOneTimeLoopbackLinkNeverTheSigninToken() throws Exception {
        Path browser = home.resolve("browser.sh");
        Path argv = home.resolve("argv.txt");
        Path headers = home.resolve("headers.txt");
        Files.writeString(browser, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + argv + "'\n"
                + "curl -s -D '" + headers + "' -o /dev/null \"$1\"\n"
                + "curl -s -o /dev/null -w '%{http_code}\\n' \"$1\" >> '" + argv + ".second' || echo refused >> '" + argv
                + ".second'\n");
        Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
        env.put("BROWSER", browser.toString());
        Launcher.Result r = Launcher.run(env, "console", "dev");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.out());
        String given = Files.readString(argv).strip();
        assertTrue(given.matches("http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{32}"), given);
        String answer = Files.readString(headers);
        assertTrue(answer.startsWith("HTTP/1.1 302"), answer);
        assertTrue(answer.contains("Location: " + emu.baseUrl() + "/federation?Action=login&"), answer);
        assertTrue(answer.contains("SigninToken=signin-"), answer);
        String second = Files.readString(Path.of(argv + ".second")).strip();
        assertTrue(second.equals("410") || second.equals("000") || second.equals("refused"), "second use: " + second);
    }

    @Test
    void longTermKeysAndBadDestinationsAreRefusedWithTheFix() throws Exception {
        Launcher.Result keys = Launcher.run(env, "console", "keys", "--print");
        assertEquals(4, keys.code(), keys.toString());
        assertTrue(keys.err().contains("the console needs temporary credentials"), keys.err());
        assertFalse(keys.err().contains("long-term-secret"));
        Launcher.Result js = Launcher.run(env, "console", "dev", "--print", "--destination", "javascript:alert(1)");
        assertEquals(2, js.code(), js.toString());
        assertEquals(0, emu.calls("Federation:getSigninToken"));
    }
}
