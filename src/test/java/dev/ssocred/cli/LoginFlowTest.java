package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.SsocredException;
import dev.ssocred.config.Environment;
import dev.ssocred.config.SsoSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LoginFlowTest {
    static final SsoSession CORP = new SsoSession(Optional.of("corp"), "https://d-1.awsapps.com/start", "us-east-1",
            List.of("sso:account:access"));
    static final SsoSession LEGACY = new SsoSession(Optional.empty(), "https://d-1.awsapps.com/start", "us-east-1", null);
    static final Environment DESKTOP = new Environment(Map.of("DISPLAY", ":0"));

    private static LoginFlow.Choice choose(SsoSession s, boolean deviceCode, boolean noBrowser, Integer port,
                                           Optional<String> setting, Environment env) {
        return LoginFlow.choose(s, deviceCode, noBrowser, port, setting, env);
    }

    @Test
    void ssoSessionsOnADesktopUseTheBrowserOnAnyPort() {
        assertEquals(new LoginFlow.Choice(true, 0, false, null), choose(CORP, false, false, null, Optional.empty(), DESKTOP));
    }

    @Test
    void legacyProfilesAndTheFlagsUseTheDeviceCodeWithoutComment() {
        assertEquals(new LoginFlow.Choice(false, 0, false, null), choose(LEGACY, false, false, null, Optional.empty(), DESKTOP));
        assertEquals(new LoginFlow.Choice(false, 0, false, null), choose(CORP, true, false, 8400, Optional.empty(), DESKTOP));
        assertEquals(new LoginFlow.Choice(false, 0, false, null), choose(CORP, false, true, null, Optional.empty(), DESKTOP));
    }

    @Test
    void aFixedPortFromTheFlagOrTheSessionMeansTheBrowserFlowEvenOverSsh() {
        Environment ssh = new Environment(Map.of("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22"));
        assertEquals(new LoginFlow.Choice(true, 8400, true, null), choose(CORP, false, false, 8400, Optional.empty(), ssh));
        assertEquals(new LoginFlow.Choice(true, 8401, true, null), choose(CORP, false, false, null, Optional.of("8401"), ssh));
        assertThrows(SsocredException.class, () -> choose(CORP, false, false, null, Optional.of("http"), ssh));
    }

    @Test
    void noDisplayOrAnSshSessionFallsBackToTheDeviceCodeAndSaysWhy() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        var headless = choose(CORP, false, false, null, Optional.empty(), new Environment(Map.of()));
        assertEquals(false, headless.authCode());
        assertTrue(headless.deviceReason().startsWith("no display"), headless.deviceReason());
        var ssh = choose(CORP, false, false, null, Optional.empty(), new Environment(Map.of("DISPLAY", "localhost:10",
                "SSH_TTY", "/dev/pts/1")));
        assertEquals(false, ssh.authCode());
        assertTrue(ssh.deviceReason().contains("--callback-port"), ssh.deviceReason());
        assertEquals(true, choose(CORP, false, false, null, Optional.empty(),
                new Environment(Map.of("BROWSER", "w3m"))).authCode(), "a $BROWSER is a way to show the page");
    }
}
