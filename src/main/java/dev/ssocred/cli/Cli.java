package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the picocli command line around a {@link Context} and turns every failure into one line plus a hint. */
public final class Cli {
    private Cli() {
    }

    public static int execute(Context ctx, String... args) {
        return execute(ctx, java.util.Map.of(), args);
    }

    /** {@code extra} adds verbs that live outside cli/ (the demo), keyed by name. */
    public static int execute(Context ctx, java.util.Map<String, Object> extra, String... args) {
        CommandLine cmd = commandLine(ctx, extra, SsocredCommand.onlyVerb(args, extra.keySet()));
        try {
            return cmd.execute(args);
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /** The whole command line, configured; also what {@link HelpPages} renders when ssocred is built. */
    public static CommandLine commandLine(Context ctx, java.util.Map<String, Object> extra) {
        return commandLine(ctx, extra, null);
    }

    /** The command line with every verb, or with {@code only} (a primary name) alone. */
    static CommandLine commandLine(Context ctx, java.util.Map<String, Object> extra, String only) {
        CommandLine cmd = new CommandLine(new SsocredCommand(ctx), new Factory(ctx));
        cmd.getCommandSpec().usageMessage().footer(SsocredCommand.exitCodeFooter());
        addVerbs(cmd, SsocredCommand.VERBS, only);
        addVerbs(cmd, extra, only);
        // Our rule for colour, not picocli's guess from System.console() (which asks about the JVM's stdout, the
        // caller's stderr under the launcher): HelpPages prints the same pages without picocli.
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(Platform.colors(ctx.env())
                ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cmd.setOut(ctx.out());
        cmd.setErr(ctx.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // exec: after PROFILE everything belongs to the command, its options and "--" included.
        CommandLine exec = cmd.getSubcommands().get("exec");
        if (exec != null) {
            exec.setStopAtPositional(true);
        }
        // -p/--profile before the verb names the verb's profile; a verb that takes none would ignore it silently.
        cmd.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult leaf = parseResult;
            while (leaf.subcommand() != null) {
                leaf = leaf.subcommand();
            }
            if (leaf != parseResult && ctx.globalProfile() != null && leaf.commandSpec().findOption(Verbs.PROFILE) == null
                    && !leaf.isUsageHelpRequested() && !leaf.isVersionHelpRequested()) {
                throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), "'" + leaf.commandSpec()
                        .name() + "' takes no profile, so -p/--profile " + ctx.globalProfile() + " has nothing to name");
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> ErrorReporter.report(ctx, ex));
        cmd.setParameterExceptionHandler((ex, unused) -> {
            PrintWriter err = ctx.err();
            err.println("ssocred: " + Sanitize.line(ex.getMessage()));
            // picocli's own "Did you mean" (UnmatchedArgumentException.printSuggestions) as part of our hint line.
            java.util.List<String> close = ex instanceof CommandLine.UnmatchedArgumentException u
                    ? u.getSuggestions() : java.util.List.of();
            String guess = close.isEmpty() ? "" : "did you mean " + String.join(" or ", close.stream()
                    .limit(3).map(s -> "'" + s + "'").toList()) + "? ";
            err.println("hint: " + Sanitize.line(guess) + "run '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage");
            err.flush();
            return ExitCode.USAGE.code();
        });
        return cmd;
    }

    /** The verbs of {@code verbs} (classes or instances) by name, or {@code only} alone when it is not null. */
    private static void addVerbs(CommandLine cmd, java.util.Map<String, ?> verbs, String only) {
        for (java.util.Map.Entry<String, ?> verb : verbs.entrySet()) {
            if (only == null || only.equals(verb.getKey())) {
                cmd.addSubcommand(verb.getKey(), verb.getValue());
            }
        }
    }

    /** Gives every command class that takes a {@link Context} its instance. */
    private record Factory(Context ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Context.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
