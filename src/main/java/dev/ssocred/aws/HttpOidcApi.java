package dev.ssocred.aws;

import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.io.PyJson;
import dev.ssocred.sso.OidcApi;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The refresh of a token (CreateToken with {@code grant_type=refresh_token}) written out over a JDK connection
 * ({@link RestJson}); registration and the two sign-in flows go to the SDK's client. The refresh is the one OIDC call
 * a credential_process caller makes, silently, in the burst of callers that an expiring token brings, and without
 * the SDK it runs in the first JVM (docs/architecture.md, "Calls without the SDK"). {@code RefreshWireMockTest}
 * holds it to the SDK client's answers and errors on the same wire.
 */
public final class HttpOidcApi implements OidcApi {
    private static final String OPERATION = "CreateToken";

    private final RestJson rest;
    /** The SDK's client, made on first use: for the operations written out here, never. */
    private final Supplier<OidcApi> sdk;

    private HttpOidcApi(RestJson rest, Supplier<OidcApi> sdk) {
        this.rest = rest;
        this.sdk = sdk;
    }

    /** Main's: {@code sdk} makes the SDK's client, for the other operations and the endpoints we leave to it. */
    public static OidcApi.Factory factory(Supplier<OidcApi.Factory> sdk) {
        return factory(sdk, RestJson.Settings.DEFAULTS);
    }

    static OidcApi.Factory factory(Supplier<OidcApi.Factory> sdk, RestJson.Settings settings) {
        return new OidcApi.Factory() {
            @Override
            public OidcApi create(String region, ServiceEndpoints endpoints) {
                Supplier<OidcApi> sdkApi = RestJson.onFirstUse(new Supplier<>() {
                    @Override
                    public OidcApi get() {
                        return sdk.get().create(region, endpoints);
                    }
                });
                RestJson rest = RestJson.to("sso_oidc", "oidc", region, endpoints, settings);
                return rest == null ? sdkApi.get() : new HttpOidcApi(rest, sdkApi);
            }
        };
    }

    @Override
    public TokenGrant createTokenWithRefreshToken(String clientId, String clientSecret, String refreshToken) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("clientId", clientId);
        request.put("clientSecret", clientSecret);
        request.put("grantType", "refresh_token");
        request.put("refreshToken", refreshToken);
        String body = rest.call(OPERATION, "POST", rest.resolve("/token"), Map.of(), PyJson.COMPACT.dumps(request),
                new RestJson.Errors() {
                    @Override
                    public ServiceException exception(RestJson.Failure f) {
                        return HttpOidcApi.this.exception(f);
                    }
                });
        Map<String, Object> json = rest.object(OPERATION, body);
        String access;
        Long expiresIn;
        String refresh;
        try {
            access = RestJson.text(json.get("accessToken"));
            expiresIn = RestJson.integer(json.get("expiresIn"));
            refresh = RestJson.text(json.get("refreshToken"));
            RestJson.text(json.get("tokenType"));
            RestJson.text(json.get("idToken"));
        } catch (RestJson.Unreadable e) {
            throw rest.malformed(OPERATION, "the answer is not what the API defines");
        }
        if (expiresIn != null && expiresIn != expiresIn.intValue()) {
            throw rest.malformed(OPERATION, "the answer is not what the API defines");
        }
        if (access == null || expiresIn == null) {
            throw rest.malformed(OPERATION, "the answer had no accessToken or expiresIn");
        }
        return new TokenGrant(access, expiresIn.intValue(), refresh);
    }

    /**
     * sso-oidc's errors as {@link SdkOidcApi} has them: the kind from the modeled type, the message from the OAuth
     * {@code error} and {@code error_description} for the types that carry them, else "Code (HTTP n): message".
     */
    private ServiceException exception(RestJson.Failure f) {
        Kind kind = null;
        boolean oauth = false;
        if (f.code() != null) {
            switch (f.code()) {
                case "AuthorizationPendingException" -> kind = Kind.AUTHORIZATION_PENDING;
                case "SlowDownException" -> kind = Kind.SLOW_DOWN;
                case "ExpiredTokenException" -> {
                    kind = Kind.EXPIRED_TOKEN;
                    oauth = true;
                }
                case "AccessDeniedException" -> {
                    kind = Kind.ACCESS_DENIED;
                    oauth = true;
                }
                case "InvalidGrantException" -> {
                    kind = Kind.INVALID_GRANT;
                    oauth = true;
                }
                case "InvalidClientException" -> {
                    kind = Kind.INVALID_CLIENT;
                    oauth = true;
                }
                case "UnauthorizedClientException" -> kind = Kind.INVALID_CLIENT;
                case "InternalServerException" -> kind = Kind.SERVER_ERROR;
                case "InvalidRequestException", "InvalidScopeException", "UnsupportedGrantTypeException",
                        "InvalidClientMetadataException" -> kind = Kind.INVALID_REQUEST;
                default -> { }
            }
        }
        String error = oauth ? f.error() : null;
        String message;
        if (error != null) {
            String description = f.errorDescription();
            message = description != null && !description.isBlank()
                    ? error + ": " + ServiceException.firstLine(description) : error;
        } else {
            message = f.describe();
        }
        return new ServiceException(kind != null ? kind : RestJson.kindOfStatus(f.status()), OPERATION, rest.endpoint(),
                message, null);
    }

    @Override
    public Registered registerClient(String clientName, List<String> scopes) {
        return sdk.get().registerClient(clientName, scopes);
    }

    @Override
    public Registered registerClientForAuthCode(String clientName, List<String> scopes, String redirectUri,
                                                String issuerUrl) {
        return sdk.get().registerClientForAuthCode(clientName, scopes, redirectUri, issuerUrl);
    }

    @Override
    public TokenGrant createTokenWithAuthCode(String clientId, String clientSecret, String code, String redirectUri,
                                              String codeVerifier) {
        return sdk.get().createTokenWithAuthCode(clientId, clientSecret, code, redirectUri, codeVerifier);
    }

    @Override
    public String authorizeBase() {
        URI uri = URI.create(rest.endpoint());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public DeviceAuthorization startDeviceAuthorization(String clientId, String clientSecret, String startUrl) {
        return sdk.get().startDeviceAuthorization(clientId, clientSecret, startUrl);
    }

    @Override
    public TokenGrant createTokenWithDeviceCode(String clientId, String clientSecret, String deviceCode) {
        return sdk.get().createTokenWithDeviceCode(clientId, clientSecret, deviceCode);
    }
}
