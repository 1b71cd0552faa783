package dev.ssocred.creds;

import dev.ssocred.config.ServiceEndpoints;

/** Port to the IAM Identity Center portal API (service {@code sso}). Failures are {@link dev.ssocred.ServiceException}s. */
public interface PortalApi {

    /** GetRoleCredentials; {@code expiration} comes back as an instant (the wire has epoch milliseconds). */
    RoleCredentials getRoleCredentials(String accessToken, String accountId, String roleName);

    @FunctionalInterface
    interface Factory {
        PortalApi create(String region, ServiceEndpoints endpoints);
    }
}
