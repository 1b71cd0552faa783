package dev.ssocred.demo;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssocred warmup}: the launcher builds a class-data archive (AppCDS on JDK 17-24, an AOT cache on JDK 25+)
 * by running {@code warmup --train} under the JVM's dump option ({@link Training}; Main dispatches it before
 * picocli, so picocli stays out of the archive).
 */
@Command(name = "warmup", mixinStandardHelpOptions = true,
        description = {"Build the class-data archive that makes ssocred start faster (the launcher does it on first use).",
                "Stored in ~/.cache/ssocred (or $XDG_CACHE_HOME/ssocred); SSOCRED_CDS=off disables it."})
public final class WarmupCommand implements Callable<Integer> {
    private final PrintWriter err;
    private final DemoCommand.Contexts contexts;
    private final java.util.Map<String, String> env;

    @Option(names = {"--train", "--train-hits", "--train-login", "--prepare"}, hidden = true, description = "Run the training workload (used by the launcher).")
    boolean train;

    public WarmupCommand(PrintWriter err, DemoCommand.Contexts contexts, java.util.Map<String, String> env) {
        this.err = err;
        this.contexts = contexts;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        // The launcher runs training before picocli is loaded (Main); reaching this means java -jar was used.
        err.println("ssocred: the archive is written by the ssocred launcher; run 'ssocred warmup' through it "
                + "(target/ssocred), not with java -jar");
        err.flush();
        return 0;
    }
}
