package dev.ssocred.sso;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An OIDC client registration as cached by the AWS CLI:
 * {@code {"clientId": "…", "clientSecret": "…", "expiresAt": "2024-04-01T00:00:00Z", "scopes": [...]}}.
 * {@code grantTypes} is present only on registrations made for the PKCE flow. {@code expiresAtRaw} keeps the text
 * as read so tokens can carry it through unchanged, as the CLI does.
 */
public record ClientRegistration(String clientId, String clientSecret, Instant expiresAt, String expiresAtRaw,
                                 List<String> scopes, List<String> grantTypes) {

    public ClientRegistration {
        dev.ssocred.io.Secrets.hold(clientSecret);
    }

    public static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    /** The AWS CLI reuses a registration unless fewer than this remain: exactly 15:00 left is still reused. */
    public static final Duration REUSE_WINDOW = Duration.ofMinutes(15);

    public static final String AUTH_CODE_GRANT = "authorization_code";

    /** A registration made for the authorization-code flow (the AWS CLI's PKCE registrations carry grantTypes). */
    public boolean usableForAuthCode(Instant now) {
        return grantTypes != null && grantTypes.contains(AUTH_CODE_GRANT)
                && Duration.between(now, expiresAt).compareTo(REUSE_WINDOW) >= 0;
    }

    public boolean usableForDeviceFlow(Instant now) {
        boolean grantOk = grantTypes == null || grantTypes.contains(DEVICE_GRANT);
        return grantOk && Duration.between(now, expiresAt).compareTo(REUSE_WINDOW) >= 0;
    }

    @Override
    public String toString() {
        return "ClientRegistration[clientId=***, clientSecret=***, expiresAt=" + expiresAtRaw + ", scopes=" + scopes + "]";
    }
}
