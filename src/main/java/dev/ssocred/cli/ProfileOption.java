package dev.ssocred.cli;

import dev.ssocred.config.ProfileResolver;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --profile NAME}, shared by the credential verbs; falls back to AWS_PROFILE, AWS_DEFAULT_PROFILE, default. */
final class ProfileOption {
    @Option(names = Verbs.PROFILE, paramLabel = "NAME",
            description = "Profile in ~/.aws/config (default: $AWS_PROFILE, $AWS_DEFAULT_PROFILE, then 'default').")
    String profile;

    String resolve(Context ctx, String positional) {
        if (CredentialVerb.conflict(profile, positional)) {
            throw new dev.ssocred.SsocredException(dev.ssocred.ExitCode.USAGE, "two different profiles given: --profile "
                    + profile + " and " + positional, "name the profile once");
        }
        return ProfileResolver.selectName(Optional.ofNullable(profile != null ? profile : positional), ctx.env());
    }


}
