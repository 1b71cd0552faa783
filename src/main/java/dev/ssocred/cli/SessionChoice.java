package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.CredentialSource;
import dev.ssocred.config.ProfileResolver;
import dev.ssocred.config.SsoProfile;
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
        String signsIn = signsInThrough(ctx, name);
        return new SessionChoice(resolver.forLogin(signsIn), resolver.endpoints(resolver.profile(signsIn)),
                CredentialVerb.loginCommand(name));
    }

    /**
     * The profile whose session a login for {@code name} renews: itself, or for a role assumed through a
     * source_profile chain, the Identity Center profile at its end, so that {@code ssocred login --profile prod-admin}
     * works for the profile people actually use.
     */
    private static String signsInThrough(Context ctx, String name) {
        Optional<dev.ssocred.config.Profile> profile = ctx.resolver().findProfile(name);
        boolean chained = profile.isPresent() && profile.get().has("role_arn")
                && !profile.get().has("web_identity_token_file");
        if (!chained) {
            return name;
        }
        CredentialSource source = ctx.sources().resolve(name);
        return source.ssoRoot().map(SsoProfile::name).orElseThrow(() -> SsocredException.config("profile '" + name
                + "' assumes its role with long-term keys, not through IAM Identity Center; it needs no login",
                "use it directly: ssocred env " + CredentialVerb.shellWord(name)));
    }
}
