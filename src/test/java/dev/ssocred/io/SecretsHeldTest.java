package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.CredentialSource;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.creds.StsApi;
import dev.ssocred.sso.ClientRegistration;
import dev.ssocred.sso.OidcApi;
import dev.ssocred.sso.SsoToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every record that carries a secret registers it with {@link Secrets} the moment it is made (so every message
 * masks it) and prints it as *** in toString, while still naming what it is.
 */
class SecretsHeldTest {
    private static String secret() {
        return "held-" + UUID.randomUUID(); // no other test holds a prefix of it (redact masks substrings)
    }

    private static void masked(String secret, Object record, String shows) {
        assertEquals("<***>", Secrets.redact("<" + secret + ">"), record.getClass().getName());
        assertFalse(record.toString().contains(secret), record.toString());
        assertTrue(record.toString().contains(shows), record.toString());
    }

    @Test
    void everySecretBearingRecordRegistersItsSecretsAndHidesThemInToString() {
        String a = secret();
        String b = secret();
        masked(a, new SsoToken("https://x", "us-east-1", a, Instant.EPOCH, "cid", "cs", "r", "rt"), "startUrl=https://x");
        masked(b, new SsoToken("https://x", "us-east-1", "at", Instant.EPOCH, "cid", "cs", "r", b), "refreshToken=***");
        String c = secret();
        masked(c, new ClientRegistration("cid", c, Instant.EPOCH, "2030", List.of("s"), null), "expiresAt=2030");
        String d = secret();
        masked(d, new RoleCredentials("ASIA1", d, "tok-123456", Instant.EPOCH, "1"), "accessKeyId=ASIA1");
        String e = secret();
        masked(e, new RoleCredentials("ASIA1", "sk-123456", e, Instant.EPOCH, "1"), "sessionToken=***");
        String f = secret();
        masked(f, new CredentialSource.StaticKeys("ci", "AKIA1", f, Optional.empty(), Optional.empty(), "w", null), "AKIA1");
        String g = secret();
        masked(g, new CredentialSource.StaticKeys("ci", "AKIA1", "k-123456", Optional.of(g), Optional.empty(), "w", null), "ci");
        String h = secret();
        masked(h, new OidcApi.Registered("cid", h, 1L), "Registered");
        String i = secret();
        masked(i, new OidcApi.TokenGrant(i, 3600, "rt-123456"), "3600");
        String j = secret();
        masked(j, new OidcApi.TokenGrant("at-123456", 3600, j), "TokenGrant");
        String k = secret();
        masked(k, new OidcApi.DeviceAuthorization(k, "ABCD-EFGH", "https://v", "https://v?c", 600, 5), "ABCD-EFGH");
        String l = secret();
        masked(l, new dev.ssocred.sso.LoopbackCallback.Result(l, null), "Result");
        String m = "verifier-" + UUID.randomUUID();
        masked(m, dev.ssocred.sso.Pkce.of(m), "Pkce");
    }

    @Test
    void assumeRoleRequestsHideTheMfaCodeAndExternalId() {
        var r = new StsApi.AssumeRoleRequest("arn:aws:iam::1:role/R", "alice", Optional.of("ext-987654"),
                Optional.of("arn:aws:iam::1:mfa/a"), Optional.of("135790"), Optional.of(900));
        assertFalse(r.toString().contains("ext-987654"), r.toString());
        assertFalse(r.toString().contains("135790"), r.toString());
        assertTrue(r.toString().contains("arn:aws:iam::1:role/R") && r.toString().contains("externalId=***"), r.toString());
        assertTrue(new StsApi.AssumeRoleRequest("a", "s", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()).toString().contains("externalId=none, mfa=none"));
    }

    @Test
    void shortValuesAreNotSecretsWorthMaskingAndNullIsLeftAlone() {
        // Values no other test could print: held secrets are masked in every message of this JVM.
        Secrets.hold("zq9x7", null);
        assertEquals("<zq9x7>", Secrets.redact("<zq9x7>"), "five characters: too short to mask");
        Secrets.hold("zq9x7w");
        assertEquals("<***>", Secrets.redact("<zq9x7w>"), "six: masked");
        assertEquals(null, Secrets.redact(null));
        String plain = "nothing held in here";
        assertEquals(plain, Secrets.redact(plain));
    }

    @Test
    void sixCharactersAreASecretFiveAreNot() {
        // Fresh values: the held set outlives a test (and PIT runs many mutants in one JVM).
        String six = java.util.UUID.randomUUID().toString().substring(0, 6);
        String five = java.util.UUID.randomUUID().toString().substring(0, 5);
        Secrets.hold(six, five);
        assertEquals("a *** and " + five, Secrets.redact("a " + six + " and " + five));
    }
}
