package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoSession;
import dev.ssocred.testing.FakeOidc;
import dev.ssocred.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback listener's parsing and escaping, toString of records with optional secrets, and degraded caches. */
class SmallPiecesTest {
    static final SsoSession CORP = WindowEdgesTest.CORP;
    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();
    final MutableClock clock = MutableClock.at("2024-01-02T03:00:00Z");

    @Test
    void theCallbackQueryIsDecodedAndTheFirstValueOfAKeyWins() {
        assertEquals(Map.of("code", "a b", "state", "s=1", "flag", ""), LoopbackCallback.query(
                "code=a+b&state=s%3D1&flag&code=second"));
        assertEquals(Map.of("=x", ""), LoopbackCallback.query("%3Dx"));
        assertEquals(Map.of("", "v"), LoopbackCallback.query("=v"));
        assertEquals(Map.of(), LoopbackCallback.query(null));
    }

    @Test
    void serverTextOnTheCallbackPageKeepsOnlyHarmlessCharacters() {
        assertEquals("access_denied by user.", LoopbackCallback.escape("access_denied by user."));
        assertEquals("?script?alert?1???", LoopbackCallback.escape("<script>alert(1)<&"));
        assertEquals("", LoopbackCallback.escape(null));
        assertEquals("a?b?c", LoopbackCallback.escape("a\"b'c"));
    }

    @Test
    void recordsShowWhichOptionalSecretsTheyHaveWithoutShowingThem() {
        assertTrue(new SsoToken("u", "r", "at-123456", Instant.EPOCH, null, null, null, null).toString()
                .contains("clientId=null, clientSecret=null, registrationExpiresAt=null, refreshToken=null"));
        assertTrue(new SsoToken("u", "r", "at-123456", Instant.EPOCH, "cid", "cs-123456", "x", "rt-123456").toString()
                .contains("clientId=***, clientSecret=***"));
        assertEquals("Result[code=null, error=access_denied]", new LoopbackCallback.Result(null, "access_denied").toString());
        assertEquals("Result[code=***, error=null]", new LoopbackCallback.Result("code-123456", null).toString());
        assertTrue(new OidcApi.TokenGrant("at-123456", 60, null).toString().endsWith("refreshToken=null]"));
        assertTrue(new OidcApi.TokenGrant("at-123456", 60, "rt-123456").toString().endsWith("refreshToken=***]"));
    }

    @Test
    void aTokenCacheThatCannotBeLockedStillRefreshesWithAWarning() throws Exception {
        TokenCache cache = new TokenCache(dir, Path::toString, warnings::add);
        cache.writeToken(CORP, new SsoToken(CORP.startUrl(), "us-east-1", "old-at", clock.instant().plusSeconds(60), "cid",
                "cs", "2030-01-01T00:00:00Z", "rt"));
        Files.createDirectories(cache.lockPath(CORP)); // a directory where the lock file goes: it cannot be opened
        FakeOidc oidc = new FakeOidc();
        oidc.queueToken("new-at", 28800, "rt-2");
        SsoToken t = new TokenService(cache, oidc.factory(), clock, warnings::add, Duration.ofSeconds(1))
                .usableToken(CORP, ServiceEndpoints.fromEnvironment(new Environment(Map.of())), "fix");
        assertEquals("new-at", t.accessToken());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("cannot lock ") && w.endsWith("refreshing without it")),
                warnings.toString());
    }

    @Test
    void aDamagedTokenFileIsAConfigurationErrorNamingTheFile() throws Exception {
        TokenCache cache = new TokenCache(dir, Path::toString, warnings::add);
        Files.writeString(cache.tokenPath(CORP), "{not json");
        var e = assertThrows(dev.ssocred.SsocredException.class, () -> new TokenService(cache, new FakeOidc().factory(),
                clock, warnings::add, Duration.ofSeconds(1)).usableToken(CORP,
                ServiceEndpoints.fromEnvironment(new Environment(Map.of())), "ssocred login --profile dev"));
        assertEquals(dev.ssocred.ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains(cache.tokenPath(CORP).toString()), e.getMessage());
        assertEquals(Optional.empty(), cache.readTokenIfIntact(CORP));
    }

    @Test
    void aLockHoldersDescriptionNamesThisProcess() {
        assertEquals("ssocred x (pid " + ProcessHandle.current().pid() + ")", dev.ssocred.io.FileLock.describeSelf("ssocred x"));
    }

    @Test
    void theCallbackPageIsUncachedHtmlAndOnlyTheRedirectPathWithACodeCounts() throws Exception {
        try (LoopbackCallback cb = LoopbackCallback.listen(0, "st")) {
            var http = java.net.http.HttpClient.newHttpClient();
            var nothing = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(cb.redirectUri())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(404, nothing.statusCode());
            var ok = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(cb.redirectUri()
                    + "?code=c1&state=st")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals("text/html; charset=utf-8", ok.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no-store", ok.headers().firstValue("Cache-Control").orElse(""), "a code must not stay in a cache");
            assertTrue(ok.body().contains("Signed in to AWS IAM Identity Center"), ok.body());
            assertEquals("c1", cb.await(Duration.ofSeconds(1)).orElseThrow().code());
            var denied = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(cb.redirectUri()
                    + "?error=%3Cb%3E&state=st")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(denied.body().contains("Sign-in was not completed (?b?)"), denied.body());
        }
    }
}
