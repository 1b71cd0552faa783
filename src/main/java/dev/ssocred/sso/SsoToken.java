package dev.ssocred.sso;

import java.time.Duration;
import java.time.Instant;

/**
 * An Identity Center access token as cached in {@code ~/.aws/sso/cache/<sha1>.json}, one line, fields in the AWS
 * CLI's order:
 * <pre>{"startUrl": "https://d-123.awsapps.com/start", "region": "us-east-1", "accessToken": "…",
 *  "expiresAt": "2024-01-02T04:04:05Z", "clientId": "…", "clientSecret": "…",
 *  "registrationExpiresAt": "2024-04-01T00:00:00Z", "refreshToken": "…"}</pre>
 * Only {@code accessToken} and {@code expiresAt} are required; tokens written before CLI 2.9 have just the first four.
 * {@code registrationExpiresAt} stays as written, since the CLI copies it through verbatim.
 */
public record SsoToken(String startUrl, String region, String accessToken, Instant expiresAt, String clientId,
                       String clientSecret, String registrationExpiresAt, String refreshToken) {

    public SsoToken {
        dev.ssocred.io.Secrets.hold(accessToken, clientSecret, refreshToken);
    }

    public Duration remaining(Instant now) {
        return Duration.between(now, expiresAt);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean canRefresh() {
        return refreshToken != null && clientId != null && clientSecret != null;
    }

    /** A copy holding a refreshed access token; the refresh token is replaced only when the server sent a new one. */
    public SsoToken refreshed(String newAccessToken, Instant newExpiry, String newRefreshToken) {
        return new SsoToken(startUrl, region, newAccessToken, newExpiry, clientId, clientSecret, registrationExpiresAt,
                newRefreshToken != null ? newRefreshToken : refreshToken);
    }

    @Override
    public String toString() {
        return "SsoToken[startUrl=" + startUrl + ", region=" + region + ", accessToken=***, expiresAt=" + expiresAt
                + ", clientId=" + (clientId == null ? null : "***") + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", registrationExpiresAt=" + registrationExpiresAt + ", refreshToken="
                + (refreshToken == null ? null : "***") + "]";
    }
}
