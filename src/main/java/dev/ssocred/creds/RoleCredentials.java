package dev.ssocred.creds;

import java.time.Instant;

/**
 * Credentials handed to a program: temporary ones for a role, or a profile's long-term keys (no session token, and
 * {@code expiration} null). toString never shows the secret key or session token.
 */
public record RoleCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                              String accountId) {
    public RoleCredentials {
        dev.ssocred.io.Secrets.hold(secretAccessKey, sessionToken);
    }

    /** A profile's long-term keys as handed out: no expiry, a session token only if the profile has one. */
    public static RoleCredentials of(dev.ssocred.config.CredentialSource.StaticKeys k) {
        return new RoleCredentials(k.accessKeyId(), k.secretAccessKey(), k.sessionToken().orElse(null), null, null);
    }

    @Override
    public String toString() {
        return "RoleCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken=***, expiration="
                + expiration + ", accountId=" + accountId + "]";
    }
}
