package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssocred.config.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemBrowserTest {
    private static final String URL = "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH";

    @Test
    void browserVariableComesFirstWithPercentSSubstitutedOrTheUrlAppended() {
        var b = new SystemBrowser(new Environment(Map.of("BROWSER", "firefox --new-tab %s:wslview")));
        List<List<String>> c = b.candidates(URL);
        assertEquals(List.of("firefox", "--new-tab", URL), c.get(0));
        assertEquals(List.of("wslview", URL), c.get(1));
    }

    @Test
    void withoutBrowserTheAdapterFallsBackToThePlatformOpeners() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        assertEquals(List.of(List.of("wslview", URL), List.of("xdg-open", URL)),
                new SystemBrowser(new Environment(Map.of())).candidates(URL));
    }

    @Test
    void browserCommandsComeBeforeThePlatformOpeners() {
        List<List<String>> c = new SystemBrowser(new Environment(Map.of("BROWSER", "w3m"))).candidates(URL);
        assertEquals(List.of("w3m", URL), c.get(0));
    }

    @Test
    void anOpenerThatExitsNonZeroHasFailedAndTheNextIsTried(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path log = dir.resolve("opened");
        java.nio.file.Path ok = script(dir, "ok", "echo \"$1\" > " + log);
        var b = new SystemBrowser(new Environment(Map.of("BROWSER", "false:" + ok)), java.time.Duration.ofSeconds(10), false);
        org.junit.jupiter.api.Assertions.assertTrue(b.open(URL));
        assertEquals(URL + "\n", java.nio.file.Files.readString(log));
    }

    @Test
    void everyOpenerFailingMeansNoBrowser(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var b = new SystemBrowser(new Environment(Map.of("BROWSER", "false:" + script(dir, "bad", "exit 3"))),
                java.time.Duration.ofSeconds(10), false);
        org.junit.jupiter.api.Assertions.assertFalse(b.open(URL));
    }

    @Test
    void anOpenerStillRunningAfterTheGraceIsABrowserThatStarted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var b = new SystemBrowser(new Environment(Map.of("BROWSER", script(dir, "slow", "sleep 5").toString())),
                java.time.Duration.ofMillis(200), false);
        org.junit.jupiter.api.Assertions.assertTrue(b.open(URL));
    }

    @Test
    void onlyPlainHttpUrlsReachACommandLine() {
        org.junit.jupiter.api.Assertions.assertTrue(SystemBrowser.isSafe(URL));
        for (String bad : new String[] {"--help", "file:///etc/passwd", "javascript:alert(1)", "https://a b",
                "https://a\u001b]52;c;x\u0007", null}) {
            org.junit.jupiter.api.Assertions.assertFalse(SystemBrowser.isSafe(bad), String.valueOf(bad));
        }
        org.junit.jupiter.api.Assertions.assertFalse(new SystemBrowser(new Environment(Map.of("BROWSER", "true")))
                .open("-oProxyCommand=x"));
    }

    private static java.nio.file.Path script(java.nio.file.Path dir, String name, String body) throws Exception {
        java.nio.file.Path p = dir.resolve(name);
        java.nio.file.Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        p.toFile().setExecutable(true);
        return p;
    }

    @Test
    void aBrowserCommandSplitsAtWhitespaceAsTheRegexDid() {
        for (String cmd : new String[] {"firefox", "  firefox  --new-tab\t%s ", "a\u000Bb\fc\rd\ne", "x\u00A0y", ""}) {
            List<String> regex = cmd.strip().isEmpty() ? List.of() : List.of(cmd.strip().split("\\s+"));
            assertEquals(regex, SystemBrowser.words(cmd), cmd);
        }
    }
}
