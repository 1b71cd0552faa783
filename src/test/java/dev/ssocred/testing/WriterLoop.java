package dev.ssocred.testing;

import dev.ssocred.config.SsoProfile;
import dev.ssocred.config.SsoSession;
import dev.ssocred.creds.CredentialsFileWriter;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.creds.RoleCredentialsCache;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A child process for the crash-safety test: rewrites a token, a role-cache entry and ~/.aws/credentials in a
 * loop with values of varying size, printing one line per round, until it is killed.
 */
public final class WriterLoop {
    public static final SsoSession SESSION = new SsoSession(Optional.of("corp"), "https://d-1234567890.awsapps.com/start",
            "us-east-1", List.of("sso:account:access"));
    public static final SsoProfile PROFILE = new SsoProfile("dev", SESSION, "111122223333", "ReadOnly", Optional.empty(), null);

    private WriterLoop() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        TokenCache tokens = new TokenCache(home.resolve(".aws/sso/cache"), Path::toString, w -> { });
        RoleCredentialsCache roles = new RoleCredentialsCache(home.resolve(".aws/cli/cache"), Path::toString, w -> { });
        CredentialsFileWriter file = new CredentialsFileWriter(home.resolve(".aws/credentials"), "credentials", w -> { },
                java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(30));
        java.util.Random random = new java.util.Random();
        for (long round = 0; ; round++) {
            String big = "x".repeat(1000 + random.nextInt(200_000));
            tokens.writeToken(SESSION, new SsoToken(SESSION.startUrl(), "us-east-1", "at-" + round + big,
                    Instant.now().plusSeconds(3600), "cid", "cs", "2099-01-01T00:00:00Z", "rt-" + round));
            RoleCredentials c = new RoleCredentials("ASIA" + round, "secret" + big, "token" + round,
                    Instant.now().plusSeconds(3600), "111122223333");
            roles.write(PROFILE, c);
            file.write("dev", c, true);
            System.out.println("round " + round);
            System.out.flush();
        }
    }
}
