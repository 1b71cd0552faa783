package dev.ssocred.testing;

import dev.ssocred.ServiceException;
import dev.ssocred.sso.OidcApi;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Queue-and-record fake of the OIDC API: queue answers or errors for CreateToken, then assert on the calls. */
public final class FakeOidc implements OidcApi {
    public final List<String> calls = new ArrayList<>();
    public final List<String> grantTypes = new ArrayList<>();
    public final List<List<String>> registeredScopes = new ArrayList<>();
    private final Deque<Object> tokenAnswers = new ArrayDeque<>();
    public Registered registration = new Registered("cid", "csecret", 1_900_000_000L);
    public DeviceAuthorization authorization = new DeviceAuthorization("devcode", "ABCD-EFGH",
            "https://device.sso.us-east-1.amazonaws.com/", "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH",
            600, 1);
    public String lastRefreshToken;
    /** Client ids StartDeviceAuthorization refuses with invalid_client (a revoked registration). */
    public final java.util.Set<String> revokedClients = new java.util.HashSet<>();
    /** Runs inside CreateToken(refresh_token), between the caller's read of the cache and its write. */
    public Runnable duringRefresh = () -> { };

    public FakeOidc queueToken(String accessToken, int expiresIn, String refreshToken) {
        tokenAnswers.add(new TokenGrant(accessToken, expiresIn, refreshToken));
        return this;
    }

    public FakeOidc queueError(ServiceException.Kind kind) {
        tokenAnswers.add(kind);
        return this;
    }

    public OidcApi.Factory factory() {
        return (region, endpoints) -> this;
    }

    @Override
    public Registered registerClient(String clientName, List<String> scopes) {
        calls.add("RegisterClient");
        registeredScopes.add(scopes);
        return registration;
    }

    public final List<String> redirectUris = new ArrayList<>();
    public String lastCodeVerifier;

    @Override
    public Registered registerClientForAuthCode(String clientName, List<String> scopes, String redirectUri,
                                                String issuerUrl) {
        calls.add("RegisterClient authorization_code " + redirectUri + " " + issuerUrl);
        registeredScopes.add(scopes);
        return registration;
    }

    @Override
    public TokenGrant createTokenWithAuthCode(String clientId, String clientSecret, String code, String redirectUri,
                                              String codeVerifier) {
        grantTypes.add("authorization_code");
        redirectUris.add(redirectUri);
        lastCodeVerifier = codeVerifier;
        return next();
    }

    @Override
    public String authorizeBase() {
        return "https://oidc.us-east-1.amazonaws.com";
    }

    @Override
    public DeviceAuthorization startDeviceAuthorization(String clientId, String clientSecret, String startUrl) {
        calls.add("StartDeviceAuthorization " + clientId + " " + startUrl);
        if (revokedClients.contains(clientId)) {
            throw new ServiceException(ServiceException.Kind.INVALID_CLIENT, "StartDeviceAuthorization", "http://fake",
                    "invalid_client: Invalid client provided", null);
        }
        return authorization;
    }

    @Override
    public TokenGrant createTokenWithDeviceCode(String clientId, String clientSecret, String deviceCode) {
        grantTypes.add("device_code");
        return next();
    }

    @Override
    public TokenGrant createTokenWithRefreshToken(String clientId, String clientSecret, String refreshToken) {
        grantTypes.add("refresh_token");
        lastRefreshToken = refreshToken;
        duringRefresh.run();
        return next();
    }

    private TokenGrant next() {
        calls.add("CreateToken");
        Object a = tokenAnswers.poll();
        if (a == null) {
            throw new AssertionError("no CreateToken answer queued");
        }
        if (a instanceof ServiceException.Kind k) {
            throw new ServiceException(k, "CreateToken", "http://fake", k.name().toLowerCase(), null);
        }
        return (TokenGrant) a;
    }
}
