package dev.ssocred.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator's memory: registered clients, device authorizations, issued tokens and role credentials. All
 * methods are synchronized; the HTTP layer calls them from many threads.
 */
final class EmulatorState {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    final Map<String, String> clients = new HashMap<>();                 // clientId -> clientSecret
    final Map<String, List<String>> clientScopes = new java.util.concurrent.ConcurrentHashMap<>(); // refresh tokens only with scopes
    final Map<String, Device> devices = new HashMap<>();                 // deviceCode -> state
    final Map<String, Instant> accessTokens = new HashMap<>();           // accessToken -> expiry
    final Map<String, String> refreshTokens = new HashMap<>();           // refreshToken -> clientId (live ones only)
    final Map<String, List<String>> clientGrants = new java.util.concurrent.ConcurrentHashMap<>(); // registered grantTypes
    final Map<String, Pkce> authCodes = new HashMap<>();                 // authorization code -> PKCE data
    final Map<String, IssuedCredentials> credentials = new HashMap<>(); // accessKeyId -> issued
    final Map<String, List<String>> accounts = new LinkedHashMap<>();    // accountId -> role names

    EmulatorState(Clock clock) {
        this.clock = clock;
    }

    record Device(String clientId, String userCode, Instant expiresAt, boolean approved, boolean denied, Instant autoApproveAt) {
    }

    record Pkce(String clientId, String redirectUri, String challenge) {
    }

    /**
     * Credentials the portal or STS issued, or an IAM user's long-term keys (no session token); the STS endpoint
     * accepts only signatures made with these. {@code arn} is who GetCallerIdentity says they are.
     */
    record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
                             String roleName, Instant expiration, String arn) {
        @Override
        public String toString() {
            return "IssuedCredentials[" + accessKeyId + ", " + arn + ", secrets=***]";
        }

        boolean roleSession() {
            return sessionToken != null;
        }
    }

    /** What a role's trust policy demands of AssumeRole: an external id and/or an MFA device with its current code. */
    record Trust(String externalId, String mfaSerial, String mfaCode) {
    }

    final Map<String, Trust> trust = new java.util.concurrent.ConcurrentHashMap<>(); // role ARN -> conditions
    final Map<String, IssuedCredentials> signinTokens = new HashMap<>();            // federation SigninToken -> whose

    Instant now() {
        return clock.instant();
    }

    String id(String prefix, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    synchronized String register(String secret) {
        String clientId = id("client-", 8);
        clients.put(clientId, secret);
        return clientId;
    }

    synchronized boolean validClient(String clientId, String secret) {
        return clientId != null && secret != null && secret.equals(clients.get(clientId));
    }

    synchronized Device device(String deviceCode) {
        return devices.get(deviceCode);
    }

    synchronized void putDevice(String deviceCode, Device d) {
        devices.put(deviceCode, d);
    }

    synchronized Optional<String> approve(String userCode, boolean allow) {
        for (Map.Entry<String, Device> e : devices.entrySet()) {
            Device d = e.getValue();
            if (d.userCode().equals(userCode)) {
                e.setValue(new Device(d.clientId(), d.userCode(), d.expiresAt(), allow, !allow, d.autoApproveAt()));
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    synchronized String issueAccessToken(Duration lifetime) {
        String token = id("at-", 16);
        accessTokens.put(token, now().plus(lifetime));
        return token;
    }

    synchronized String issueRefreshToken(String clientId) {
        String token = id("rt-", 16);
        refreshTokens.put(token, clientId);
        return token;
    }

    /** Consumes a refresh token when rotation is on; false when it is unknown, used up or of another client. */
    synchronized boolean useRefreshToken(String token, String clientId, boolean rotate) {
        String owner = refreshTokens.get(token);
        if (owner == null || !owner.equals(clientId)) {
            return false;
        }
        if (rotate) {
            refreshTokens.remove(token);
        }
        return true;
    }

    synchronized boolean validAccessToken(String token) {
        Instant exp = token == null ? null : accessTokens.get(token);
        return exp != null && now().isBefore(exp);
    }

    synchronized void revoke(String accessToken) {
        accessTokens.remove(accessToken);
    }

    synchronized void revokeClients() {
        clients.clear();
    }

    synchronized void revokeAccessTokens() {
        accessTokens.clear();
    }

    synchronized void expireAllAccessTokens() {
        accessTokens.replaceAll((k, v) -> Instant.EPOCH);
    }

    /** An Identity Center role's credentials, as GetRoleCredentials hands them out. */
    synchronized IssuedCredentials issueCredentials(String accountId, String roleName, Duration lifetime) {
        return issueSession(accountId, roleName, lifetime, "arn:aws:sts::" + accountId + ":assumed-role/AWSReservedSSO_"
                + roleName + "_0123456789abcdef/ssocred-user");
    }

    synchronized IssuedCredentials issueSession(String accountId, String roleName, Duration lifetime, String arn) {
        IssuedCredentials c = new IssuedCredentials("ASIA" + id("", 8).toUpperCase(), id("", 20), id("", 32),
                accountId, roleName, now().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), arn);
        credentials.put(c.accessKeyId(), c);
        return c;
    }

    /** An IAM user's access key: no session token, no expiry. */
    synchronized IssuedCredentials issueUserKey(String accountId, String userName) {
        IssuedCredentials c = new IssuedCredentials("AKIA" + id("", 8).toUpperCase(), id("", 20), null, accountId,
                null, Instant.MAX, "arn:aws:iam::" + accountId + ":user/" + userName);
        credentials.put(c.accessKeyId(), c);
        return c;
    }

    synchronized String issueSigninToken(IssuedCredentials c) {
        String token = id("signin-", 24);
        signinTokens.put(token, c);
        return token;
    }

    synchronized Optional<IssuedCredentials> signinToken(String token) {
        return Optional.ofNullable(token == null ? null : signinTokens.get(token));
    }

    synchronized Optional<IssuedCredentials> issued(String accessKeyId) {
        return Optional.ofNullable(credentials.get(accessKeyId));
    }
}
