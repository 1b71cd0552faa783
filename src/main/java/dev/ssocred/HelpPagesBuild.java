package dev.ssocred;

import dev.ssocred.cli.Cli;
import dev.ssocred.cli.HelpPagesWriter;
import dev.ssocred.config.Environment;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run by the build (pom.xml, process-classes): renders every help page into the classes directory named by the
 * first argument, from the same command line, extra verbs included, that {@link Main} runs.
 */
public final class HelpPagesBuild {
    private HelpPagesBuild() {
    }

    public static void main(String[] args) throws Exception {
        // No colour variables: the pages are rendered both ways explicitly.
        Environment env = new Environment(Map.of("HOME", System.getProperty("java.io.tmpdir")));
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        HelpPagesWriter.write(Cli.commandLine(Main.context(env, quiet, quiet, url -> false, false),
                Main.extraVerbs(env, quiet, quiet)), Path.of(args[0]));
    }
}
