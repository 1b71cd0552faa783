package dev.ssocred.cli;

import dev.ssocred.config.ProfileResolver;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --profile NAME}, shared by the credential verbs; falls back to AWS_PROFILE, AWS_DEFAULT_PROFILE, default. */
final class ProfileOption {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile in ~/.aws/config (default: $AWS_PROFILE, $AWS_DEFAULT_PROFILE, then 'default').")
    String profile;

    String resolve(Context ctx, String positional) {
        if (profile != null && positional != null && !profile.equals(positional)) {
            throw new dev.ssocred.SsocredException(dev.ssocred.ExitCode.USAGE, "two different profiles given: --profile "
                    + profile + " and " + positional, "name the profile once");
        }
        return ProfileResolver.selectName(Optional.ofNullable(profile != null ? profile : positional), ctx.env());
    }

    static String loginCommand(String profile) {
        return "ssocred login --profile " + shellWord(profile);
    }

    /** A name as it must be typed in a shell; double quotes since hints are shown inside single quotes. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_.@+,:/=-]+") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("$", "\\$").replace("`", "\\`") + "\"";
    }
}
