package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssocred.config.SsoProfile;
import dev.ssocred.config.SsoSession;
import dev.ssocred.creds.RoleCredentialsCache;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test vectors of aws-cli-compat.md section 13, computed with Python's hashlib and json. */
class CacheKeysTest {
    private static final String PORTAL = "https://my-sso-portal.awsapps.com/start";

    @ParameterizedTest
    @CsvSource({
            "my-session, 9e28173066ce536e277c5fb355efd9c64f398167",
            "my-sso, 0ad374308c5a4e22f723adf10145eafad7c4031c",
            "default, 7505d64a54e061b7acd54ccd58b49dc43500b635"})
    void tokenFileOfASessionIsSha1OfItsName(String name, String sha1) {
        assertEquals(sha1 + ".json", CacheKeys.tokenFile(new SsoSession(Optional.of(name), "https://x", "r", null)));
    }

    @ParameterizedTest
    @CsvSource({
            "https://my-sso-portal.awsapps.com/start, c7aaaf71fcc8777ae2475525ed049d39fe16c484",
            "https://d-1234567890.awsapps.com/start, 7487b5b67d5fa1132cf33fa93ae51ef38cc37752",
            "https://d-1234567890.awsapps.com/start/, ae4321de83751a696d13fbefb87d776773c41e1c",
            "https://d-1234567890.awsapps.com/start#/, a1c75994a810c1c468d3bd565eda2836303e6659"})
    void tokenFileOfALegacyProfileIsSha1OfTheStartUrlAsWritten(String url, String sha1) {
        assertEquals(sha1 + ".json", CacheKeys.tokenFile(new SsoSession(Optional.empty(), url, "r", null)));
    }

    @Test
    void registrationKeyMatchesTheCliWithScopes() {
        var s = new SsoSession(Optional.of("my-session"), PORTAL, "us-east-1", List.of("sso:account:access"));
        assertEquals("2d0a48487545fb91783b289f52e4c5f48fc2250a.json", CacheKeys.registrationFile(s));
    }

    @Test
    void registrationKeyMatchesTheCliWithoutScopes() {
        var s = new SsoSession(Optional.of("my-session"), PORTAL, "us-east-1", null);
        assertEquals("4f45e8db1cfddc25c759e9b6bcec816ded6c9a57.json", CacheKeys.registrationFile(s));
    }

    @Test
    void registrationKeyMatchesTheCliForLegacyProfiles() {
        var s = new SsoSession(Optional.empty(), PORTAL, "us-east-1", null);
        assertEquals("0e093f10f65cee6c5c1898a8e240f5726875bf08.json", CacheKeys.registrationFile(s));
    }

    @Test
    void roleCacheKeysMatchTheCli() {
        var session = new SsoSession(Optional.of("my-session"), PORTAL, "us-east-1", null);
        var legacy = new SsoSession(Optional.empty(), PORTAL, "us-east-1", null);
        assertEquals("bfaf33e1b702700571b351a4a739dd7921a40126", RoleCredentialsCache.key(
                new SsoProfile("p", session, "123456789012", "ReadOnly", Optional.empty(), null)));
        assertEquals("107af63d78e24f5ce0fbb60ccb8244f20f6e19e6", RoleCredentialsCache.key(
                new SsoProfile("p", legacy, "123456789012", "ReadOnly", Optional.empty(), null)));
    }
}
