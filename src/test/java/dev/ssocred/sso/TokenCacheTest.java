package dev.ssocred.sso;

import static dev.ssocred.testing.Files2.mode;
import static dev.ssocred.testing.Files2.read;
import static dev.ssocred.testing.Files2.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheTest {
    private static final SsoSession CORP = new SsoSession(Optional.of("my-sso"), "https://d-1234567890.awsapps.com/start",
            "us-east-1", List.of("sso:account:access"));
    @TempDir
    Path home;
    private final List<String> warnings = new ArrayList<>();

    private TokenCache cache() {
        return new TokenCache(home.resolve(".aws/sso/cache"), p -> "~/" + home.relativize(p), warnings::add);
    }

    private Path tokenFile() {
        return home.resolve(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json");
    }

    @Test
    void writesTheCliJsonByteForByteWith0600InA0700Directory() {
        cache().writeToken(CORP, new SsoToken("https://d-1234567890.awsapps.com/start", "us-east-1", "AT",
                Instant.parse("2024-01-02T04:04:05.678Z"), "CID", "CS", "2024-04-01T00:00:00Z", "RT"));
        assertEquals("{\"startUrl\": \"https://d-1234567890.awsapps.com/start\", \"region\": \"us-east-1\", "
                + "\"accessToken\": \"AT\", \"expiresAt\": \"2024-01-02T04:04:05Z\", \"clientId\": \"CID\", "
                + "\"clientSecret\": \"CS\", \"registrationExpiresAt\": \"2024-04-01T00:00:00Z\", \"refreshToken\": \"RT\"}",
                read(tokenFile()));
        assertEquals("rw-------", mode(tokenFile()));
        assertEquals("rwx------", mode(home.resolve(".aws/sso/cache")));
        assertEquals("rwx------", mode(home.resolve(".aws/sso")));
    }

    @Test
    void omitsRefreshTokenWhenThereIsNone() {
        cache().writeToken(CORP, new SsoToken("u", "r", "AT", Instant.parse("2024-01-02T04:04:05Z"), "CID", "CS", "x", null));
        assertTrue(!read(tokenFile()).contains("refreshToken"));
    }

    @Test
    void roundTripsThroughReadAndWrite() {
        SsoToken t = new SsoToken("u", "r", "AT", Instant.parse("2024-01-02T04:04:05Z"), "CID", "CS", "2024-04-01T00:00:00Z", "RT");
        cache().writeToken(CORP, t);
        assertEquals(Optional.of(t), cache().readToken(CORP, "fix"));
    }

    @Test
    void readsTheEarlyFourFieldFormatWithUtcSuffix() {
        write(tokenFile(), "{\"startUrl\": \"u\", \"region\": \"r\", \"accessToken\": \"AT\", \"expiresAt\": \"2020-06-01T12:00:00UTC\"}");
        SsoToken t = cache().readToken(CORP, "fix").orElseThrow();
        assertEquals(Instant.parse("2020-06-01T12:00:00Z"), t.expiresAt());
        assertNull(t.refreshToken());
        assertTrue(!t.canRefresh());
    }

    @Test
    void readsTheJavaSdkFormat() {
        write(tokenFile(), "{\"accessToken\":\"AT\",\"expiresAt\":\"2024-01-02T04:04:05.123456Z\",\"refreshToken\":\"RT\","
                + "\"clientId\":\"C\",\"clientSecret\":\"S\",\"registrationExpiresAt\":\"2024-04-01T00:00:00Z\","
                + "\"region\":\"us-east-1\",\"startUrl\":\"u\"}");
        SsoToken t = cache().readToken(CORP, "fix").orElseThrow();
        assertEquals("RT", t.refreshToken());
        assertEquals(Instant.parse("2024-01-02T04:04:05.123456Z"), t.expiresAt());
    }

    @Test
    void readsTheJavaScriptSdkFormat() {
        write(tokenFile(), "{\n  \"startUrl\": \"u\",\n  \"region\": \"r\",\n  \"accessToken\": \"AT\",\n  "
                + "\"expiresAt\": \"2024-01-02T04:04:05.000Z\",\n  \"refreshToken\": \"RT\"\n}");
        assertEquals(Instant.parse("2024-01-02T04:04:05Z"), cache().readToken(CORP, "fix").orElseThrow().expiresAt());
    }

    @Test
    void missingFileIsNoToken() {
        assertEquals(Optional.empty(), cache().readToken(CORP, "fix"));
    }

    @Test
    void truncatedFileIsAClearErrorAndIsKept() throws Exception {
        write(tokenFile(), "{\"startUrl\": \"u\", \"accessTo");
        var e = assertThrows(SsocredException.class, () -> cache().readToken(CORP, "ssocred login --profile dev"));
        assertTrue(e.getMessage().startsWith("~/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json is not valid JSON"),
                e.getMessage());
        assertEquals("run 'ssocred login --profile dev' to replace it (the damaged file is left in place)", e.hint());
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(Files.exists(tokenFile()));
    }

    @Test
    void aDamagedFileIsReportedWithoutQuotingItsContent() {
        write(tokenFile(), "{\"accessToken\": SECRETVALUE123}");
        var e = assertThrows(SsocredException.class, () -> cache().readToken(CORP, "fix"));
        assertTrue(e.getMessage().endsWith("is not valid JSON (malformed JSON at line 1, column 17)"), e.getMessage());
        assertTrue(!e.getMessage().contains("SECRET"), e.getMessage());
        assertNull(e.getCause(), "--debug prints causes");
    }

    @Test
    void tokenWithoutAccessTokenIsInvalid() {
        write(tokenFile(), "{\"expiresAt\": \"2024-01-02T04:04:05Z\"}");
        var e = assertThrows(SsocredException.class, () -> cache().readToken(CORP, "fix"));
        assertTrue(e.getMessage().endsWith(" has no accessToken"), e.getMessage());
    }

    @Test
    void registrationRoundTripAndCliEpochForm() {
        Instant exp = Instant.ofEpochSecond(1711929600);
        cache().writeRegistration(CORP, new ClientRegistration("CID", "CS", exp, "2024-04-01T00:00:00Z",
                List.of("sso:account:access"), null));
        Path file = home.resolve(".aws/sso/cache/" + CacheKeys.registrationFile(CORP));
        assertEquals("{\"clientId\": \"CID\", \"clientSecret\": \"CS\", \"expiresAt\": \"2024-04-01T00:00:00Z\", "
                + "\"scopes\": [\"sso:account:access\"]}", read(file));
        assertEquals(exp, cache().readRegistration(CORP, "fix").orElseThrow().expiresAt());
    }

    @Test
    void tokenToStringHidesSecrets() {
        String s = new SsoToken("u", "r", "AT-SECRET", Instant.EPOCH, "CID-SECRET", "CS-SECRET", "x", "RT-SECRET").toString();
        assertTrue(!s.contains("SECRET"), s);
    }

    @Test
    void warnsWhenReplacingAFileOthersCouldRead() throws Exception {
        write(tokenFile(), "{}");
        Files.setPosixFilePermissions(tokenFile(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        cache().writeToken(CORP, new SsoToken("u", "r", "AT", Instant.EPOCH, null, null, null, null));
        assertEquals("rw-------", mode(tokenFile()));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("was readable by others (mode rw-r--r--)"), warnings.get(0));
    }

    @Test
    void aTokenOthersCouldHaveWrittenIsNotUsed() throws Exception {
        cache().writeToken(CORP, new SsoToken(CORP.startUrl(), "us-east-1", "at-planted", java.time.Instant.now()
                .plusSeconds(3600), null, null, null, null));
        java.nio.file.Files.setPosixFilePermissions(tokenFile(), java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-rw----"));
        assertTrue(cache().readToken(CORP, "fix").isEmpty());
        assertTrue(warnings.get(warnings.size() - 1).contains("could have been written by another user (it is writable "
                + "by its group (mode 660)); not using it (fix: chmod go-w ~/.aws/sso/cache)"), warnings.toString());
    }

    @Test
    void aTokenWithoutAReadableExpiryIsDamaged() {
        write(tokenFile(), "{\"accessToken\": \"at-x\", \"expiresAt\": \"soon\"}");
        var e = assertThrows(dev.ssocred.SsocredException.class, () -> cache().readToken(CORP, "fix"));
        assertTrue(e.getMessage().contains("has no readable expiresAt"), e.getMessage());
    }
}
