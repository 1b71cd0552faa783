package dev.ssocred.cli;

import picocli.CommandLine.Option;

/** {@code --profile NAME | --sso-session NAME}: which Identity Center session a command acts on. */
final class SessionOptions {
    @Option(names = {Verbs.PROFILE_SHORT, Verbs.PROFILE}, paramLabel = "NAME",
            description = "Profile whose session to use (default: $AWS_PROFILE, $AWS_DEFAULT_PROFILE, then 'default').")
    String profile;

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "PROFILE", description = "Same as --profile.")
    String positional;

    static final String OPTION_SSO_SESSION = "--sso-session";

    @Option(names = OPTION_SSO_SESSION, paramLabel = "NAME", description = "This [sso-session] directly.")
    String ssoSession;

    SessionChoice resolve(Context ctx) {
        return SessionChoice.resolve(ctx, profileName(ctx), ssoSession);
    }

    /** The profile named on the command line (flag, argument, or the root's -p), or null. */
    String profileName(Context ctx) {
        return ProfileOption.given(ctx, profile, positional);
    }

    boolean given(Context ctx) {
        return profileName(ctx) != null || ssoSession != null;
    }
}
