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
}
