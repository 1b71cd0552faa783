package dev.ssocred.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code [PROFILE]} or {@code -p/--profile NAME}: the profile a verb acts on, as {@code ssocred env dev} takes it. */
final class ProfileArgument {
    @Mixin
    ProfileOption option;

    @Parameters(arity = "0..1", paramLabel = "PROFILE", description = "Same as --profile.")
    String positional;

    String resolve(Context ctx) {
        return option.resolve(ctx, positional);
    }
}
