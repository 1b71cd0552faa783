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
 * IAM Identity Center's OIDC API (RegisterClient, StartDeviceAuthorization and CreateToken with each of its grants),
 * written out over a JDK connection ({@link RestJson}): four unsigned JSON POSTs. Without the SDK a refresh runs in a
 * credential_process caller's first JVM, and a login starts from an archive that does not hold the SDK
 * (docs/architecture.md, "Calls without the SDK"). {@code OidcWireMockTest} holds every operation to the SDK client's
 * request, answers and errors on the same wire. The SDK's client is still made when its rules must pick the endpoint
 * (FIPS or dual-stack asked for: {@link RestJson#to}).
 */
public final class HttpOidcApi implements OidcApi {
    private static final String CREATE_TOKEN = "CreateToken";
    private static final String REGISTER_CLIENT = "RegisterClient";
    private static final String START_DEVICE_AUTHORIZATION = "StartDeviceAuthorization";

    private final RestJson rest;

    private HttpOidcApi(RestJson rest) {
        this.rest = rest;
    }

    /**
     * Main's: the SDK's client (with {@link SdkClients#defaults()}, made only when needed) for the endpoints we leave to
     * its rules. A class, not a lambda: every Context is made with this (docs/performance.md).
     */
    public static OidcApi.Factory factory() {
        return factory(new Supplier<OidcApi.Factory>() {
            @Override
            public OidcApi.Factory get() {
                return SdkOidcApi.factory(SdkClients.defaults());
            }
        });
    }

    /** {@code sdk} makes the SDK's client, for the endpoints we leave to its rules. */
    static OidcApi.Factory factory(Supplier<OidcApi.Factory> sdk) {
        return factory(sdk, RestJson.Settings.DEFAULTS);
    }

    static OidcApi.Factory factory(Supplier<OidcApi.Factory> sdk, RestJson.Settings settings) {
        return new OidcApi.Factory() {
            @Override
            public OidcApi create(String region, ServiceEndpoints endpoints) {
                RestJson rest = RestJson.to("sso_oidc", "oidc", region, endpoints, settings);
                return rest == null ? sdk.get().create(region, endpoints) : new HttpOidcApi(rest);
            }
        };
    }

    // Each request's members are put in the order of the API's model, which is the order the SDK writes them in.

    @Override
    public Registered registerClient(String clientName, List<String> scopes) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("clientName", clientName);
        request.put("clientType", "public");
        if (scopes != null) {
            request.put("scopes", scopes);
        }
        return registered(post(REGISTER_CLIENT, "/client/register", request));
    }

    @Override
    public Registered registerClientForAuthCode(String clientName, List<String> scopes, String redirectUri,
                                                String issuerUrl) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("clientName", clientName);
        request.put("clientType", "public");
        request.put("scopes", scopes);
        request.put("redirectUris", List.of(redirectUri));
        request.put("grantTypes", List.of(SdkOidcApi.AUTH_CODE_GRANT, SdkOidcApi.REFRESH_GRANT));
        request.put("issuerUrl", issuerUrl);
        return registered(post(REGISTER_CLIENT, "/client/register", request));
    }

    @Override
    public DeviceAuthorization startDeviceAuthorization(String clientId, String clientSecret, String startUrl) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("clientId", clientId);
        request.put("clientSecret", clientSecret);
        request.put("startUrl", startUrl);
        RestJson.Members json = post(START_DEVICE_AUTHORIZATION, "/device_authorization", request);
        String deviceCode = json.text("deviceCode");
        String userCode = json.text("userCode");
        String uri = json.text("verificationUri");
        String complete = json.text("verificationUriComplete");
        Integer expiresIn = json.int32("expiresIn");
        Integer interval = json.int32("interval");
        if (deviceCode == null || userCode == null || uri == null) {
            throw rest.malformed(START_DEVICE_AUTHORIZATION, SdkOidcApi.NO_DEVICE_CODE);
        }
        return new DeviceAuthorization(deviceCode, userCode, uri, complete,
                expiresIn == null ? SdkOidcApi.DEFAULT_DEVICE_EXPIRY : expiresIn, interval == null ? 0 : interval);
    }

    @Override
    public TokenGrant createTokenWithDeviceCode(String clientId, String clientSecret, String deviceCode) {
        return createToken(clientId, clientSecret, SdkOidcApi.DEVICE_GRANT, "deviceCode", deviceCode, null);
    }

    @Override
    public TokenGrant createTokenWithAuthCode(String clientId, String clientSecret, String code, String redirectUri,
                                              String codeVerifier) {
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("redirectUri", redirectUri);
        more.put("codeVerifier", codeVerifier);
        return createToken(clientId, clientSecret, SdkOidcApi.AUTH_CODE_GRANT, "code", code, more);
    }

    @Override
    public TokenGrant createTokenWithRefreshToken(String clientId, String clientSecret, String refreshToken) {
        return createToken(clientId, clientSecret, SdkOidcApi.REFRESH_GRANT, "refreshToken", refreshToken, null);
    }

    @Override
    public String authorizeBase() {
        URI uri = URI.create(rest.endpoint());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** CreateToken: the client, the grant and its one secret, then {@code more} (members that follow in the model). */
    private TokenGrant createToken(String clientId, String clientSecret, String grantType, String secretName,
                                   String secret, Map<String, Object> more) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("clientId", clientId);
        request.put("clientSecret", clientSecret);
        request.put("grantType", grantType);
        request.put(secretName, secret);
        if (more != null) {
            request.putAll(more);
        }
        RestJson.Members json = post(CREATE_TOKEN, "/token", request);
        String access = json.text("accessToken");
        Integer expiresIn = json.int32("expiresIn");
        String refresh = json.text("refreshToken");
        json.text("tokenType"); // read only to refuse what the SDK refuses
        json.text("idToken");
        if (access == null || expiresIn == null) {
            throw rest.malformed(CREATE_TOKEN, SdkOidcApi.NO_ACCESS_TOKEN);
        }
        return new TokenGrant(access, expiresIn, refresh);
    }

    private Registered registered(RestJson.Members json) {
        String id = json.text("clientId");
        String secret = json.text("clientSecret");
        json.integer("clientIdIssuedAt"); // read only to refuse what the SDK refuses
        Long expires = json.integer("clientSecretExpiresAt");
        json.text("authorizationEndpoint");
        json.text("tokenEndpoint");
        if (id == null || secret == null || expires == null) {
            throw rest.malformed(REGISTER_CLIENT, SdkOidcApi.NO_CLIENT);
        }
        return new Registered(id, secret, expires);
    }

    private RestJson.Members post(String operation, String path, Map<String, Object> request) {
        String body = rest.call(operation, "POST", rest.resolve(path), Map.of(), PyJson.COMPACT.dumps(request),
                new RestJson.Errors() {
                    @Override
                    public ServiceException exception(RestJson.Failure f) {
                        return HttpOidcApi.this.exception(operation, f);
                    }
                });
        return rest.members(operation, rest.object(operation, body));
    }

    /**
     * sso-oidc's errors as {@link SdkOidcApi} has them: the kind from the modeled type, the message from the OAuth
     * {@code error} and {@code error_description} for the types that carry them, else "Code (HTTP n): message".
     */
    private ServiceException exception(String operation, RestJson.Failure f) {
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
        return new ServiceException(kind != null ? kind : RestJson.kindOfStatus(f.status()), operation, rest.endpoint(),
                message, null);
    }
}
