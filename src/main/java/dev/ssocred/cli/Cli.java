package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        CommandLine cmd = new CommandLine(new SsocredCommand(ctx), new Factory(ctx));
        extra.forEach(cmd::addSubcommand);
        cmd.setOut(ctx.out());
        cmd.setErr(ctx.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ctx, ex));
        cmd.setParameterExceptionHandler((ex, unused) -> {
            PrintWriter err = ctx.err();
            err.println("ssocred: " + ex.getMessage());
            err.println("hint: run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage");
            err.flush();
            return ExitCode.USAGE.code();
        });
        try {
            return cmd.execute(args);
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /** The single place failures are printed: {@code ssocred: what} and {@code hint: how}; a trace only with --debug. */
    static int report(Context ctx, Exception ex) {
        PrintWriter err = ctx.err();
        SsocredException known = known(ex);
        if (known != null) {
            err.println("ssocred: " + known.getMessage());
            if (known.hint() != null) {
                err.println("hint: " + known.hint());
            }
        } else if (ex instanceof ServiceException se) {
            err.println("ssocred: " + se.describe());
            err.println("hint: retry in a moment; add --debug for details");
        } else {
            err.println("ssocred: internal error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            err.println("hint: run again with --debug and report the output (it contains no secrets)");
        }
        if (ctx.debug()) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
        if (known != null) {
            return known.exitCode().code();
        }
        return ex instanceof ServiceException ? ExitCode.AWS.code() : ExitCode.INTERNAL.code();
    }

    private static SsocredException known(Throwable ex) {
        return ex instanceof SsocredException s ? s : null;
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
