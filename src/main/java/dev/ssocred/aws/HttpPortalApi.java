package dev.ssocred.aws;

import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.creds.RoleCredentials;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GetRoleCredentials written out over a JDK connection ({@link RestJson}); the portal's other operations go to the
 * SDK's client. Why not the SDK for this one call: it is the call of every cache miss, and the SDK's first client
 * costs a JVM ~30 ms of builders, endpoint rules and interceptors and ~25 ms of request pipeline, plus, so that a
 * cache hit need not map the SDK's classes, a second JVM to run in (docs/architecture.md, "Calls without the SDK").
 * {@code PortalApiWireMockTest} holds it to the SDK client's answers and errors on the same wire; endpoints it cannot
 * work out exactly (FIPS, dual-stack, a region of an unknown shape) are left to the SDK.
 */
public final class HttpPortalApi implements PortalApi {
    static final String OPERATION = "GetRoleCredentials";

    private final RestJson rest;
    /** The SDK's client, made on first use: for the operations written out here, never. */
    private final Supplier<PortalApi> sdk;

    private HttpPortalApi(RestJson rest, Supplier<PortalApi> sdk) {
        this.rest = rest;
        this.sdk = sdk;
    }

    /**
     * Main's: the SDK's client (with {@link SdkClients#defaults()}, made only when needed) for the other operations
     * and the endpoints we leave to it. A class, not a lambda: every Context is made with this.
     */
    public static PortalApi.Factory factory() {
        return factory(new Supplier<PortalApi.Factory>() {
            @Override
            public PortalApi.Factory get() {
                return SdkPortalApi.factory(SdkClients.defaults());
            }
        });
    }

    /** {@code sdk} makes the SDK's client, for the other operations and the endpoints we leave to it. */
    static PortalApi.Factory factory(Supplier<PortalApi.Factory> sdk) {
        return factory(sdk, RestJson.Settings.DEFAULTS);
    }

    static PortalApi.Factory factory(Supplier<PortalApi.Factory> sdk, RestJson.Settings settings) {
        return new PortalApi.Factory() {
            @Override
            public PortalApi create(String region, ServiceEndpoints endpoints) {
                Supplier<PortalApi> sdkApi = RestJson.onFirstUse(new Supplier<>() {
                    @Override
                    public PortalApi get() {
                        return sdk.get().create(region, endpoints);
                    }
                });
                RestJson rest = RestJson.to("sso", "portal.sso", region, endpoints, settings);
                return rest == null ? sdkApi.get() : new HttpPortalApi(rest, sdkApi);
            }
        };
    }

    /**
     * The configured endpoint, else {@code https://portal.sso.REGION.SUFFIX}; null when the SDK's rules must choose
     * (it reads AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT itself, and knows every partition).
     */
    static URI target(String region, ServiceEndpoints endpoints) {
        return Partitions.endpoint("sso", "portal.sso", region, endpoints);
    }

    @Override
    public RoleCredentials getRoleCredentials(String accessToken, String accountId, String roleName) {
        URI uri = rest.resolve("/federation/credentials?role_name=" + RestJson.encode(roleName) + "&account_id="
                + RestJson.encode(accountId));
        String body = rest.call(OPERATION, "GET", uri, Map.of("x-amz-sso_bearer_token", accessToken), null,
                new RestJson.Errors() {
                    @Override
                    public ServiceException exception(RestJson.Failure f) {
                        return new ServiceException(kind(f.status(), f.code()), OPERATION, rest.endpoint(),
                                f.describe(), null);
                    }
                });
        Object rc = rest.object(OPERATION, body).get("roleCredentials");
        if (rc != null && !(rc instanceof Map)) {
            throw rest.malformed(OPERATION, RestJson.NOT_DEFINED);
        }
        RestJson.Members c = rest.members(OPERATION, rc == null ? Map.of() : (Map<?, ?>) rc);
        String id = c.text("accessKeyId");
        String secret = c.text("secretAccessKey");
        String session = c.text("sessionToken");
        Long expiration = c.integer("expiration");
        if (id == null || secret == null || expiration == null) {
            throw rest.malformed(OPERATION, "the answer had no complete roleCredentials");
        }
        return new RoleCredentials(id, secret, session, Instant.ofEpochMilli(expiration), accountId);
    }

    /**
     * The portal's errors as kinds, as {@link SdkPortalApi} has them. ForbiddenException (403, "No access") is what
     * the service sends for a role without an assignment, although the model does not list it.
     */
    private static Kind kind(int status, String code) {
        if (code != null) {
            switch (code) {
                case "UnauthorizedException":
                    return Kind.UNAUTHORIZED;
                case "TooManyRequestsException":
                    return Kind.THROTTLED;
                case "ResourceNotFoundException":
                    return Kind.NOT_FOUND;
                case "InvalidRequestException":
                    return Kind.INVALID_REQUEST;
                case "ForbiddenException":
                    return Kind.ACCESS_DENIED;
                default:
                    break;
            }
        }
        return status == 403 ? Kind.ACCESS_DENIED : RestJson.kindOfStatus(status);
    }

    @Override
    public Page<Account> listAccounts(String accessToken, String nextToken) {
        return sdk.get().listAccounts(accessToken, nextToken);
    }

    @Override
    public Page<String> listAccountRoles(String accessToken, String accountId, String nextToken) {
        return sdk.get().listAccountRoles(accessToken, accountId, nextToken);
    }

    @Override
    public void logout(String accessToken) {
        sdk.get().logout(accessToken);
    }
}
