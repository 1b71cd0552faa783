package dev.ssocred.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The root: global options, version, and the verbs. */
@Command(name = "ssocred", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Credentials from AWS IAM Identity Center, sharing the AWS CLI's caches.",
        footerHeading = "%nExit codes:%n")
public final class SsocredCommand implements java.util.concurrent.Callable<Integer> {
    /**
     * The verbs by their {@code @Command} names, in the order --help lists them. Not in the annotation: {@link Cli}
     * adds only the one a command line names, since picocli builds the model of every subcommand it is given, by
     * reflection, on each start (~60 ms for all of them).
     */
    static final java.util.Map<String, Class<?>> VERBS = verbs();

    private static java.util.Map<String, Class<?>> verbs() {
        java.util.Map<String, Class<?>> v = new java.util.LinkedHashMap<>();
        v.put("login", LoginCommand.class);
        v.put(Verbs.PROCESS, ProcessCommand.class);
        v.put(Verbs.ENV, EnvCommand.class);
        v.put("write", WriteCommand.class);
        v.put("logout", LogoutCommand.class);
        v.put("status", StatusCommand.class);
        v.put("list", ListCommand.class);
        v.put("populate", PopulateCommand.class);
        v.put("doctor", DoctorCommand.class);
        v.put("exec", ExecCommand.class);
        v.put("whoami", WhoamiCommand.class);
        v.put("serve", ServeCommand.class);
        v.put("console", ConsoleCommand.class);
        v.put("completion", CompletionCommand.class);
        v.put("man", ManCommand.class);
        v.put("help", picocli.CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(v);
    }

    /** Verbs that read the whole model: help describes any verb, completion and man describe them all. */
    private static final java.util.Set<String> WHOLE_MODEL = java.util.Set.of("help", "completion", "man");

    /**
     * The one verb {@code args} run, by its primary name, when the root sees nothing but --debug and a profile
     * before it; else null, and every verb is added (an unknown verb gets picocli's suggestions, root options their
     * usage message). {@code extra} names the verbs added from outside cli/.
     */
    static String onlyVerb(String[] args, java.util.Set<String> extra) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--debug")) {
                continue;
            }
            if (a.equals(Verbs.PROFILE_SHORT) || a.equals(Verbs.PROFILE)) {
                i++;
                continue;
            }
            if (a.startsWith(Verbs.PROFILE + "=") || a.startsWith(Verbs.PROFILE_SHORT)) {
                continue; // --profile=NAME, -pNAME, -p=NAME
            }
            if (a.startsWith("-")) {
                return null;
            }
            String verb = a.equals(Verbs.PROCESS_ALIAS) ? Verbs.PROCESS : a;
            boolean known = VERBS.containsKey(verb) || extra.contains(verb);
            return known && !WHOLE_MODEL.contains(verb) ? verb : null;
        }
        return null;
    }

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
