package dev.ssocred.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The root: global options, version, and the verbs. */
@Command(name = "ssocred", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Credentials from AWS IAM Identity Center, sharing the AWS CLI's caches.",
        subcommands = {LoginCommand.class, ProcessCommand.class, EnvCommand.class, WriteCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  internal error (a bug: please report it with --debug output)",
                "  2  usage error, or a write refused without --force",
                "  3  login needed: run 'ssocred login --profile NAME'",
                "  4  configuration problem in ~/.aws/config, ~/.aws/credentials or a cache file",
                "  5  an AWS endpoint failed or could not be reached",
                "  6  timed out waiting (for another ssocred process or for the sign-in)"})
public final class SsocredCommand implements java.util.concurrent.Callable<Integer> {
    private final Context ctx;

    @Spec
    CommandSpec spec;

    public SsocredCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print diagnostics and stack traces on stderr (never secrets).")
    void setDebug(boolean debug) {
        ctx.setDebug(debug);
    }

    /** No verb: usage on stderr (nothing was asked for on stdout) and the usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return dev.ssocred.ExitCode.USAGE.code();
    }
}
