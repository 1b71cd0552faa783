package dev.ssocred.aws;

import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.creds.RoleCredentials;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.InvalidRequestException;
import software.amazon.awssdk.services.sso.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sso.model.TooManyRequestsException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

/** {@link PortalApi} over the AWS SDK's SSO client. */
public final class SdkPortalApi implements PortalApi {
    private final SsoClient client;
    private final String endpoint;

    SdkPortalApi(SsoClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    public static PortalApi.Factory factory(SdkClients clients) {
        return (region, endpoints) -> create(clients, region, endpoints);
    }

    static SdkPortalApi create(SdkClients clients, String region, ServiceEndpoints endpoints) {
        String fallback = "https://portal.sso." + region + ".amazonaws.com";
        SsoClient client = clients.configure(SsoClient.builder(), region, endpoints, "sso", fallback).build();
        return new SdkPortalApi(client, endpoints.endpoint("sso").orElse(fallback));
    }

    @Override
    public Page<Account> listAccounts(String accessToken, String nextToken) {
        var r = call("ListAccounts", () -> client.listAccounts(b -> b.accessToken(accessToken).nextToken(nextToken)));
        return new Page<>(r.accountList().stream().map(a -> new Account(a.accountId(), a.accountName(), a.emailAddress()))
                .toList(), r.nextToken());
    }

    @Override
    public Page<String> listAccountRoles(String accessToken, String accountId, String nextToken) {
        var r = call("ListAccountRoles", () -> client.listAccountRoles(
                b -> b.accessToken(accessToken).accountId(accountId).nextToken(nextToken)));
        return new Page<>(r.roleList().stream().map(software.amazon.awssdk.services.sso.model.RoleInfo::roleName).toList(),
                r.nextToken());
    }

    @Override
    public void logout(String accessToken) {
        call("Logout", () -> client.logout(b -> b.accessToken(accessToken)));
    }

    /**
     * The portal's errors as kinds. ForbiddenException (403, "No access") is what the service sends for a role
     * without an assignment, although the model does not list it.
     */
    private <T> T call(String op, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (UnauthorizedException e) {
            throw new ServiceException(Kind.UNAUTHORIZED, op, endpoint, SdkClients.describe(e), e);
        } catch (TooManyRequestsException e) {
            throw new ServiceException(Kind.THROTTLED, op, endpoint, SdkClients.describe(e), e);
        } catch (ResourceNotFoundException e) {
            throw new ServiceException(Kind.NOT_FOUND, op, endpoint, SdkClients.describe(e), e);
        } catch (InvalidRequestException e) {
            throw new ServiceException(Kind.INVALID_REQUEST, op, endpoint, SdkClients.describe(e), e);
        } catch (software.amazon.awssdk.services.sso.model.SsoException e) {
            if (e.statusCode() == 403 || "ForbiddenException".equals(errorCode(e))) {
                throw new ServiceException(Kind.ACCESS_DENIED, op, endpoint, SdkClients.describe(e), e);
            }
            throw SdkClients.generic(e, op, endpoint);
        } catch (SdkException e) {
            throw SdkClients.generic(e, op, endpoint);
        }
    }

    private static String errorCode(software.amazon.awssdk.awscore.exception.AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    @Override
    public RoleCredentials getRoleCredentials(String accessToken, String accountId, String roleName) {
        String op = "GetRoleCredentials";
        var c = call(op, () -> client.getRoleCredentials(b -> b.accessToken(accessToken).accountId(accountId)
                .roleName(roleName)).roleCredentials());
        if (c == null || c.accessKeyId() == null || c.secretAccessKey() == null || c.expiration() == null) {
            throw new ServiceException(Kind.OTHER, op, endpoint, "the answer had no complete roleCredentials", null);
        }
        return new RoleCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                Instant.ofEpochMilli(c.expiration()), accountId);
    }

}
