package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.ProfileResolver;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code -p/--profile NAME}, shared by the verbs that act on a profile. The name may also come positionally
 * ({@code ssocred env dev}) or before the verb ({@code ssocred -p dev env}); then AWS_PROFILE, AWS_DEFAULT_PROFILE,
 * default.
 */
final class ProfileOption {
    @Option(names = {Verbs.PROFILE_SHORT, Verbs.PROFILE}, paramLabel = "NAME",
            description = "Profile in ~/.aws/config (default: $AWS_PROFILE, $AWS_DEFAULT_PROFILE, then 'default').")
    String profile;

    String resolve(Context ctx, String positional) {
        return ProfileResolver.selectName(Optional.ofNullable(given(ctx, profile, positional)), ctx.env());
    }

    /** The one name given on the command line (flag, argument or the root's -p), or null; two different ones are an error. */
    static String given(Context ctx, String flag, String positional) {
        String name = null;
        for (String candidate : new String[] {flag, positional, ctx.globalProfile()}) {
            if (candidate == null) {
                continue;
            }
            if (name != null && !name.equals(candidate)) {
                throw new SsocredException(ExitCode.USAGE, "two different profiles given: " + name + " and " + candidate,
                        "name the profile once");
            }
            name = candidate;
        }
        return name;
    }
}
