package dev.ssocred.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.OptionSpec;

/** Renders the {@link HelpPages} when ssocred is built (HelpPagesBuild, from pom.xml). */
public final class HelpPagesWriter {
    private HelpPagesWriter() {
    }

    /** Build time: the root's page and every subcommand's (aliases too) that has --help, plain and coloured. */
    public static void write(CommandLine root, Path classes) throws IOException {
        Path dir = classes.resolve("dev/ssocred/cli/help");
        Files.createDirectories(dir);
        write(root, HelpPages.ROOT, classes);
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            if (hasHelpOption(sub.getValue())) {
                write(sub.getValue(), sub.getKey(), classes);
            }
        }
    }

    private static boolean hasHelpOption(CommandLine cmd) {
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (o.usageHelp()) {
                return true;
            }
        }
        return false;
    }

    private static void write(CommandLine cmd, String page, Path classes) throws IOException {
        for (boolean colors : new boolean[] {false, true}) {
            Files.writeString(classes.resolve("dev/ssocred/cli").resolve(HelpPages.resource(page, colors)), render(cmd, colors),
                    StandardCharsets.UTF_8);
        }
    }

    /** What picocli prints for {@code cmd --help}, as {@link Cli} configures it. */
    static String render(CommandLine cmd, boolean colors) {
        StringWriter text = new StringWriter();
        cmd.usage(new PrintWriter(text, true), CommandLine.Help.defaultColorScheme(colors ? Ansi.ON : Ansi.OFF));
        return text.toString();
    }
}
