package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.ProfileResolver;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoSession;
import java.util.Optional;

/**
 * The Identity Center session a command acts on, from {@code --profile P} (its session, or its legacy start URL)
 * or {@code --sso-session S}, with the endpoints to use and the login command that renews it.
 */
record SessionChoice(SsoSession session, ServiceEndpoints endpoints, String fix) {

    static SessionChoice resolve(Context ctx, String profile, String ssoSession) {
        if (profile != null && ssoSession != null) {
            throw new SsocredException(ExitCode.USAGE, "--profile and --sso-session both given", "use one of them");
        }
        ProfileResolver resolver = ctx.resolver();
        if (ssoSession != null) {
            return new SessionChoice(resolver.forSessionName(ssoSession), resolver.endpointsFor(Optional.empty()),
                    "ssocred login --sso-session " + CredentialVerb.shellWord(ssoSession));
        }
        String name = ProfileResolver.selectName(Optional.ofNullable(profile), ctx.env());
        return new SessionChoice(resolver.forLogin(name), resolver.endpoints(resolver.profile(name)),
                CredentialVerb.loginCommand(name));
    }
}
