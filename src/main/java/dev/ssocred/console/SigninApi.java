package dev.ssocred.console;

import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.RoleCredentials;

/** Port to the federation endpoint's getSigninToken. Failures are {@link dev.ssocred.ServiceException}s. */
@FunctionalInterface
public interface SigninApi {

    /** A SigninToken for temporary credentials, from {@code endpoint} (reached through the endpoints' proxy and CA bundle). */
    String signinToken(String endpoint, RoleCredentials credentials, ServiceEndpoints endpoints);
}
