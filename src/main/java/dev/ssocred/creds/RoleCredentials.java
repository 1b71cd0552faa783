package dev.ssocred.creds;

import java.time.Instant;

/** Temporary credentials for one role. toString never shows the secret key or session token. */
public record RoleCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                              String accountId) {
    public RoleCredentials {
        dev.ssocred.io.Secrets.hold(secretAccessKey, sessionToken);
    }

    @Override
    public String toString() {
        return "RoleCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken=***, expiration="
                + expiration + ", accountId=" + accountId + "]";
    }
}
