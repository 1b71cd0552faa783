package dev.ssocred.aws;

import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.sso.OidcApi;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InternalServerException;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;
import software.amazon.awssdk.services.ssooidc.model.UnauthorizedClientException;

/** {@link OidcApi} over the AWS SDK's SSO OIDC client. */
public final class SdkOidcApi implements OidcApi {
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String AUTH_CODE_GRANT = "authorization_code";
    static final String REFRESH_GRANT = "refresh_token";
    /** How long a device code lasts when the answer does not say. */
    static final int DEFAULT_DEVICE_EXPIRY = 600;
    // What an answer without the members we need is called, here and in HttpOidcApi.
    static final String NO_CLIENT = "the answer had no clientId, clientSecret or clientSecretExpiresAt";
    static final String NO_DEVICE_CODE = "the answer had no deviceCode, userCode or verificationUri";
    static final String NO_ACCESS_TOKEN = "the answer had no accessToken or expiresIn";
    private final SsoOidcClient client;
    private final String endpoint;

    SdkOidcApi(SsoOidcClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    public static OidcApi.Factory factory(SdkClients clients) {
        return (region, endpoints) -> create(clients, region, endpoints);
    }

    static SdkOidcApi create(SdkClients clients, String region, ServiceEndpoints endpoints) {
        String fallback = "https://oidc." + region + ".amazonaws.com";
        SsoOidcClient client = clients.configure(SsoOidcClient.builder(), region, endpoints, "sso_oidc", fallback).build();
        return new SdkOidcApi(client, endpoints.endpoint("sso_oidc").orElse(fallback));
    }

    @Override
    public Registered registerClient(String clientName, List<String> scopes) {
        var r = call("RegisterClient", () -> client.registerClient(b -> {
            b.clientName(clientName).clientType("public");
            if (scopes != null) {
                b.scopes(scopes);
            }
        }));
        return registered(r);
    }

    @Override
    public Registered registerClientForAuthCode(String clientName, List<String> scopes, String redirectUri,
                                                String issuerUrl) {
        var r = call("RegisterClient", () -> client.registerClient(b -> b.clientName(clientName).clientType("public")
                .scopes(scopes).grantTypes(AUTH_CODE_GRANT, REFRESH_GRANT).redirectUris(redirectUri).issuerUrl(issuerUrl)));
        return registered(r);
    }

    @Override
    public TokenGrant createTokenWithAuthCode(String clientId, String clientSecret, String code, String redirectUri,
                                              String codeVerifier) {
        return grant(call("CreateToken", () -> client.createToken(b -> b.grantType(AUTH_CODE_GRANT).clientId(clientId)
                .clientSecret(clientSecret).code(code).redirectUri(redirectUri).codeVerifier(codeVerifier))));
    }

    @Override
    public String authorizeBase() {
        java.net.URI uri = java.net.URI.create(endpoint);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public DeviceAuthorization startDeviceAuthorization(String clientId, String clientSecret, String startUrl) {
        var r = call("StartDeviceAuthorization", () -> client.startDeviceAuthorization(
                b -> b.clientId(clientId).clientSecret(clientSecret).startUrl(startUrl)));
        if (r.deviceCode() == null || r.userCode() == null || r.verificationUri() == null) {
            throw new ServiceException(Kind.OTHER, "StartDeviceAuthorization", endpoint, NO_DEVICE_CODE, null);
        }
        return new DeviceAuthorization(r.deviceCode(), r.userCode(), r.verificationUri(), r.verificationUriComplete(),
                r.expiresIn() == null ? DEFAULT_DEVICE_EXPIRY : r.expiresIn(), r.interval() == null ? 0 : r.interval());
    }

    @Override
    public TokenGrant createTokenWithDeviceCode(String clientId, String clientSecret, String deviceCode) {
        return grant(call("CreateToken", () -> client.createToken(
                b -> b.grantType(DEVICE_GRANT).clientId(clientId).clientSecret(clientSecret).deviceCode(deviceCode))));
    }

    @Override
    public TokenGrant createTokenWithRefreshToken(String clientId, String clientSecret, String refreshToken) {
        return grant(call("CreateToken", () -> client.createToken(
                b -> b.grantType(REFRESH_GRANT).clientId(clientId).clientSecret(clientSecret).refreshToken(refreshToken))));
    }

    private TokenGrant grant(CreateTokenResponse r) {
        if (r.accessToken() == null || r.expiresIn() == null) {
            throw new ServiceException(Kind.OTHER, "CreateToken", endpoint, NO_ACCESS_TOKEN, null);
        }
        return new TokenGrant(r.accessToken(), r.expiresIn(), r.refreshToken());
    }

    private Registered registered(software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse r) {
        if (r.clientId() == null || r.clientSecret() == null || r.clientSecretExpiresAt() == null) {
            throw new ServiceException(Kind.OTHER, "RegisterClient", endpoint, NO_CLIENT, null);
        }
        return new Registered(r.clientId(), r.clientSecret(), r.clientSecretExpiresAt());
    }

    private <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SsoOidcException e) {
            Kind kind = kind(e);
            if (kind == null) {
                throw SdkClients.generic(e, operation, endpoint);
            }
            throw new ServiceException(kind, operation, endpoint, message(e), e);
        } catch (SdkException e) {
            throw SdkClients.generic(e, operation, endpoint);
        }
    }

    private static Kind kind(SsoOidcException e) {
        if (e instanceof AuthorizationPendingException) {
            return Kind.AUTHORIZATION_PENDING;
        } else if (e instanceof SlowDownException) {
            return Kind.SLOW_DOWN;
        } else if (e instanceof ExpiredTokenException) {
            return Kind.EXPIRED_TOKEN;
        } else if (e instanceof AccessDeniedException) {
            return Kind.ACCESS_DENIED;
        } else if (e instanceof InvalidGrantException) {
            return Kind.INVALID_GRANT;
        } else if (e instanceof InvalidClientException || e instanceof UnauthorizedClientException) {
            return Kind.INVALID_CLIENT;
        } else if (e instanceof InternalServerException) {
            return Kind.SERVER_ERROR;
        } else if (e instanceof software.amazon.awssdk.services.ssooidc.model.InvalidRequestException
                || e instanceof software.amazon.awssdk.services.ssooidc.model.InvalidScopeException
                || e instanceof software.amazon.awssdk.services.ssooidc.model.UnsupportedGrantTypeException
                || e instanceof software.amazon.awssdk.services.ssooidc.model.InvalidClientMetadataException) {
            return Kind.INVALID_REQUEST;
        }
        return null;
    }

    /** The OAuth error fields when present ({@code invalid_grant: session expired}), else the SDK's summary. */
    private static String message(SsoOidcException e) {
        String error = null;
        String description = null;
        if (e instanceof InvalidGrantException x) {
            error = x.error();
            description = x.errorDescription();
        } else if (e instanceof AccessDeniedException x) {
            error = x.error();
            description = x.errorDescription();
        } else if (e instanceof ExpiredTokenException x) {
            error = x.error();
            description = x.errorDescription();
        } else if (e instanceof InvalidClientException x) {
            error = x.error();
            description = x.errorDescription();
        }
        if (error != null) {
            return description != null && !description.isBlank() ? error + ": " + ServiceException.firstLine(description) : error;
        }
        return SdkClients.describe(e);
    }
}
