package dev.ssocred.testing;

import dev.ssocred.config.SsoSession;
import dev.ssocred.emulator.IdentityCenterEmulator;
import dev.ssocred.io.Timestamps;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The throwaway HOME most process-level tests start from: the sso-session {@code corp} (refreshable scopes), a
 * profile {@code dev} (account 111122223333, role ReadOnly) and whatever other lines a test adds; and a signed-in
 * token for it, as a finished login against the emulator leaves it.
 */
public final class CorpHome {
    public static final SsoSession CORP = new SsoSession(Optional.of("corp"), "https://d-1234567890.awsapps.com/start",
            "us-east-1", List.of("sso:account:access"));

    private CorpHome() {
    }

    /** Writes HOME/.aws/config: [profile dev], then {@code moreLines}, then [sso-session corp]. */
    public static void config(Path home, String... moreLines) {
        List<String> lines = new ArrayList<>(List.of(
                "[profile dev]", "sso_session = corp", "sso_account_id = 111122223333", "sso_role_name = ReadOnly"));
        lines.addAll(List.of(moreLines));
        lines.addAll(List.of("[sso-session corp]", "sso_start_url = " + CORP.startUrl(), "sso_region = us-east-1",
                "sso_registration_scopes = sso:account:access"));
        Files2.write(home.resolve(".aws/config"), Files2.lines(lines.toArray(String[]::new)));
    }

    /** A session the emulator knows, cached as HOME's token for corp, expiring at {@code expiresAt}. */
    public static IdentityCenterEmulator.Seed signIn(Path home, IdentityCenterEmulator emu, Instant expiresAt) {
        IdentityCenterEmulator.Seed seed = emu.seedSession();
        writeToken(home, seed, expiresAt);
        return seed;
    }

    /**
     * The usual start of a process-level test: HOME's config ({@link #config}), signed in for 8 hours at {@code emu},
     * and the launcher's environment pointing every endpoint at it.
     */
    public static java.util.Map<String, String> signedIn(Path home, IdentityCenterEmulator emu, String... moreLines) {
        config(home, moreLines);
        signIn(home, emu, Instant.now().plus(java.time.Duration.ofHours(8)));
        java.util.Map<String, String> env = Launcher.env(home);
        env.put("AWS_ENDPOINT_URL", emu.baseUrl());
        return env;
    }

    public static void writeToken(Path home, IdentityCenterEmulator.Seed seed, Instant expiresAt) {
        cache(home).writeToken(CORP, new SsoToken(CORP.startUrl(), CORP.region(), seed.accessToken(), expiresAt,
                seed.clientId(), seed.clientSecret(), Timestamps.format(seed.registrationExpiresAt()), seed.refreshToken()));
    }

    public static TokenCache cache(Path home) {
        return new TokenCache(home.resolve(".aws/sso/cache"), Path::toString, w -> { });
    }
}
