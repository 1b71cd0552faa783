package dev.ssocred.creds;

import dev.ssocred.config.CredentialSource;

/**
 * Credentials for any {@link CredentialSource}, so that process, env, write, exec, serve, whoami and console never
 * ask which kind of profile they were given. A chained role is one source wrapping another.
 */
public final class CredentialChain {
    private final CredentialsService sso;
    private final AssumeRoleService roles;

    public CredentialChain(CredentialsService sso, AssumeRoleService roles) {
        this.sso = sso;
        this.roles = roles;
    }

    /** {@code fix} is the login command that renews the Identity Center session at the end of the chain. */
    public RoleCredentials credentials(CredentialSource source, String fix) {
        if (source instanceof CredentialSource.SsoRole r) {
            return sso.credentials(r.sso(), fix);
        }
        if (source instanceof CredentialSource.StaticKeys k) {
            return RoleCredentials.of(k);
        }
        CredentialSource.AssumedRole role = (CredentialSource.AssumedRole) source;
        return roles.credentials(role, inner -> credentials(inner, fix));
    }
}
