package dev.ssocred.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Launcher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that echoes what it was sent and answers with terminal escape sequences, as an echoing proxy or a
 * hostile endpoint would: nothing secret and no control character may reach stderr, with or without --debug.
 */
class HostileServerIT {
    static final String ACCESS = "at-SECRET-bearer-0123456789";
    static final String REFRESH = "rt-SECRET-refresh-0123456789";
    static final String CLIENT_SECRET = "cs-SECRET-client-0123456789";
    /** JSON-escaped, as a server sends them: the parsed message holds the raw ESC and BEL. */
    static final String OSC52 = "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007";
    static final String CLEAR = "\\u001b[2J";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @TempDir
    Path home;
    Map<String, String> env;

    @BeforeEach
    void setUp() {
        CorpHome.config(home);
        env = Launcher.env(home);
        env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    }

    private void token(Instant expiresAt) {
        CorpHome.cache(home).writeToken(CorpHome.CORP, new SsoToken(CorpHome.CORP.startUrl(), "us-east-1", ACCESS,
                expiresAt, "cid", CLIENT_SECRET, "2099-01-01T00:00:00Z", REFRESH));
    }

    private static void assertClean(String stderr) {
        for (String secret : new String[] {ACCESS, REFRESH, CLIENT_SECRET}) {
            assertFalse(stderr.contains(secret), "leaked " + secret + ":\n" + stderr);
        }
        assertFalse(stderr.chars().anyMatch(c -> c == 0x1b || c == 0x07), "control characters reached stderr:\n" + stderr);
    }

    @Test
    void anErrorThatEchoesTheBearerTokenAndEscapesIsCleaned() throws Exception {
        token(Instant.now().plus(Duration.ofHours(8)));
        wm.stubFor(get(urlPathEqualTo("/federation/credentials")).willReturn(aResponse().withStatus(400)
                .withHeader("x-amzn-ErrorType", "InvalidRequestException").withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"bad token " + ACCESS + " " + OSC52 + CLEAR + "\"}")));
        for (String[] args : new String[][] {{"process", "--profile", "dev"}, {"--debug", "process", "--profile", "dev"}}) {
            Launcher.Result r = Launcher.run(env, args);
            assertEquals(5, r.code(), r.toString());
            assertTrue(r.err().contains("bad token *** ?]52;c;ZWNobyBwd25lZA==??[2J"), r.err());
            assertClean(r.err());
        }
    }

    @Test
    void aRefreshErrorThatEchoesTheRefreshTokenAndClientSecretIsCleaned() throws Exception {
        token(Instant.now().minus(Duration.ofMinutes(1)));
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withHeader("x-amzn-ErrorType", "InvalidGrantException").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"refreshToken=" + REFRESH
                        + "&clientSecret=" + CLIENT_SECRET + OSC52 + "\"}")));
        Launcher.Result r = Launcher.run(env, "--debug", "process", "--profile", "dev");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("refreshToken=***&clientSecret=***"), r.err());
        assertClean(r.err());
    }
}
