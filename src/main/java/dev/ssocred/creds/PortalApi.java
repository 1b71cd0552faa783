package dev.ssocred.creds;

import dev.ssocred.config.ServiceEndpoints;

/** Port to the IAM Identity Center portal API (service {@code sso}). Failures are {@link dev.ssocred.ServiceException}s. */
public interface PortalApi {

    /** GetRoleCredentials; {@code expiration} comes back as an instant (the wire has epoch milliseconds). */
    RoleCredentials getRoleCredentials(String accessToken, String accountId, String roleName);

    /** One page of ListAccounts; {@code nextToken} null for the first. */
    Page<Account> listAccounts(String accessToken, String nextToken);

    /** One page of ListAccountRoles: role names. */
    Page<String> listAccountRoles(String accessToken, String accountId, String nextToken);

    /** Logout: ends the session the token belongs to, at the service. */
    void logout(String accessToken);

    /** An account the person can reach. */
    record Account(String accountId, String accountName, String emailAddress) {
    }

    /** Items and the token of the next page, null on the last. */
    record Page<T>(java.util.List<T> items, String nextToken) {
    }

    @FunctionalInterface
    interface Factory {
        PortalApi create(String region, ServiceEndpoints endpoints);
    }
}
