package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.SsoSession;
import dev.ssocred.emulator.Fault;
import dev.ssocred.emulator.IdentityCenterEmulator;
import dev.ssocred.io.Timestamps;
import dev.ssocred.sso.ClientRegistration;
import dev.ssocred.sso.TokenCache;
import dev.ssocred.testing.CorpHome;
import dev.ssocred.testing.Launcher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged file against the answers the real IAM Identity Center gives (shapes from the sso and sso-oidc
 * models and the service): 403 ForbiddenException, a token revoked before its expiry, throttling, and a client
 * registration the service no longer accepts. Each must lead to the right exit code and the command that fixes it.
 */
class ServiceAnswersIT {
    static final SsoSession CORP = CorpHome.CORP;
    @TempDir
    Path home;
    IdentityCenterEmulator emu;
    IdentityCenterEmulator.Seed seed;
    Map<String, String> env;
    TokenCache cache;

    @BeforeEach
    void setUp() throws Exception {
        emu = IdentityCenterEmulator.start();
        seed = emu.seedSession();
        CorpHome.config(home, "[profile nope]", "sso_session = corp", "sso_account_id = 111122223333",
                "sso_role_name = Nope");
        env = Launcher.env(home);
        env.put("AWS_ENDPOINT_URL", emu.baseUrl());
        cache = CorpHome.cache(home);
    }

    @AfterEach
    void tearDown() {
        emu.close();
    }

    private void signedIn(Instant expiresAt) {
        CorpHome.writeToken(home, seed, expiresAt);
        cache.writeRegistration(CORP, new ClientRegistration(seed.clientId(), seed.clientSecret(),
                seed.registrationExpiresAt(), Timestamps.format(seed.registrationExpiresAt()), CORP.scopes(), null));
    }

    @Test
    void aRoleWithoutAnAssignmentIsForbiddenAndSaysWhichProfileToFix() throws Exception {
        signedIn(Instant.now().plus(Duration.ofHours(8)));
        Launcher.Result r = Launcher.run(env, "process", "--profile", "nope");
        assertEquals(4, r.code(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ssocred: role 'Nope' in account 111122223333 is not assigned to you "
                + "(ForbiddenException (HTTP 403): No access)\n"), r.err());
        assertTrue(r.err().contains("hint: check sso_account_id and sso_role_name of profile 'nope'"), r.err());
    }

    @Test
    void aTokenRevokedBeforeItsExpiryMeansSignInAgain() throws Exception {
        signedIn(Instant.now().plus(Duration.ofHours(8)));
        emu.revokeAccessTokens();
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("Session token not found or invalid"), r.err());
        assertTrue(r.err().contains("hint: run 'ssocred login --profile dev'"), r.err());
    }

    @Test
    void throttlingIsRetriedWithBackoffABoundedNumberOfTimes() throws Exception {
        signedIn(Instant.now().plus(Duration.ofHours(8)));
        emu.inject("GetRoleCredentials", Fault.throttled(), 2);
        Launcher.Result ok = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(0, ok.code(), ok.toString());
        assertEquals(3, emu.calls("GetRoleCredentials"));

        emu.inject("GetRoleCredentials", Fault.throttled(), 50);
        Launcher.Result r = Launcher.run(env, "process", "--profile", "nope");
        assertEquals(5, r.code(), r.toString());
        int attempts = emu.calls("GetRoleCredentials") - 3;
        assertTrue(attempts >= 2 && attempts <= 4, attempts + " attempts");
        assertTrue(r.err().contains("TooManyRequestsException (HTTP 429)"), r.err());
        assertTrue(r.err().contains("hint: retry in a moment"), r.err());
    }

    @Test
    void loginRegistersAgainWhenTheCachedRegistrationIsRefused() throws Exception {
        signedIn(Instant.now().minus(Duration.ofMinutes(1)));
        emu.revokeClients(); // a revoke in the console, or the service forgetting the client
        emu.autoApproveAfter = Duration.ZERO;
        Launcher.Result r = Launcher.run(env, "login", "--profile", "dev");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("no longer accepts the cached client registration"), r.err());
        assertEquals(1, emu.calls("RegisterClient"));
        assertEquals(0, Launcher.run(env, "process", "--profile", "dev").code());
    }

    @Test
    void aRefreshRefusedForARevokedRegistrationMeansSignInAgain() throws Exception {
        signedIn(Instant.now().minus(Duration.ofMinutes(1)));
        emu.revokeClients();
        Launcher.Result r = Launcher.run(env, "process", "--profile", "dev");
        assertEquals(3, r.code(), r.toString());
        // The JDK HTTP client drops the body of a 401 answer to a POST, so the type is what is left to show.
        assertTrue(r.err().contains("has ended (refresh refused: InvalidClientException (HTTP 401))"), r.err());
        assertTrue(r.err().contains("hint: run 'ssocred login --profile dev'"), r.err());
    }
}
