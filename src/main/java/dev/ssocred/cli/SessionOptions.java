package dev.ssocred.cli;

import picocli.CommandLine.Option;

/** {@code --profile NAME | --sso-session NAME}: which Identity Center session a command acts on. */
final class SessionOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile whose session to use (default: $AWS_PROFILE, $AWS_DEFAULT_PROFILE, then 'default').")
    String profile;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "This [sso-session] directly.")
    String ssoSession;

    SessionChoice resolve(Context ctx) {
        return SessionChoice.resolve(ctx, profile, ssoSession);
    }

    boolean given() {
        return profile != null || ssoSession != null;
    }
}
