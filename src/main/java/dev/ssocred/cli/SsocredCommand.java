package dev.ssocred.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The root: global options, version, and the verbs. */
@Command(name = "ssocred", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Credentials from AWS IAM Identity Center, sharing the AWS CLI's caches.",
        subcommands = {LoginCommand.class, ProcessCommand.class, EnvCommand.class, WriteCommand.class,
                LogoutCommand.class, StatusCommand.class, ListCommand.class, PopulateCommand.class, DoctorCommand.class,
                ExecCommand.class, WhoamiCommand.class, ServeCommand.class, ConsoleCommand.class,
                CompletionCommand.class, ManCommand.class, picocli.CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n")
public final class SsocredCommand implements java.util.concurrent.Callable<Integer> {
    private final Context ctx;

    @Spec
    CommandSpec spec;

    public SsocredCommand(Context ctx) {
        this.ctx = ctx;
    }

    /** The --help footer, from {@link dev.ssocred.ExitCode} so the list cannot drift from the codes. */
    static String[] exitCodeFooter() {
        return java.util.Arrays.stream(dev.ssocred.ExitCode.values())
                .map(c -> "  " + c.code() + "  " + c.meaning()).toArray(String[]::new);
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print diagnostics and stack traces on stderr (never secrets).")
    void setDebug(boolean debug) {
        ctx.setDebug(debug);
    }

    @Option(names = {Verbs.PROFILE_SHORT, Verbs.PROFILE}, paramLabel = "NAME",
            description = "Profile for the command that follows (as its own --profile).")
    void setProfile(String name) {
        ctx.setGlobalProfile(name);
    }

    /** No verb: usage on stderr (nothing was asked for on stdout) and the usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return dev.ssocred.ExitCode.USAGE.code();
    }
}
