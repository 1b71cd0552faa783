package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssocred.testing.CliHarness;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Cli adds only the verb a command line names (SsocredCommand.onlyVerb); nothing a user sees may change. */
class OnlyVerbTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "status|status", "-p dev status|status", "--profile dev whoami|whoami", "--profile=dev whoami|whoami",
        "-pdev whoami|whoami", "--debug login --no-browser|login", "credential-process|process", "exec dev -- ls|exec",
        "demo|demo", "help login|-", "completion bash|-", "man|-", "statsu|-", "--bogus status|-", "-V status|-",
        "-p|-", "--debug|-"})
    void findsTheVerbOrAsksForThemAll(String line, String verb) {
        assertEquals(verb, SsocredCommand.onlyVerb(line.split(" "), Set.of("demo")));
    }

    @Test
    void everyVerbIsNamedAsItsCommandIsAndListedInOrder() {
        Context ctx = new Context(new dev.ssocred.config.Environment(Map.of("HOME", home.toString())),
                java.time.Clock.systemUTC(), new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), false, () -> null, () -> null, url -> false,
                d -> { });
        CommandLine whole = Cli.commandLine(ctx, Map.of());
        for (String name : SsocredCommand.VERBS.keySet()) {
            assertEquals(name, whole.getSubcommands().get(name).getCommandSpec().name());
        }
        assertEquals(SsocredCommand.VERBS.get(Verbs.PROCESS),
                whole.getSubcommands().get(Verbs.PROCESS_ALIAS).getCommandSpec().userObject().getClass());
        CommandLine one = Cli.commandLine(ctx, Map.of(), Verbs.PROCESS);
        assertEquals(Set.of(Verbs.PROCESS, Verbs.PROCESS_ALIAS), one.getSubcommands().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"login --bogus", "status --output=xml", "status extra", "list --output", "exec", "exec dev",
        "write", "populate --bogus", "doctor --bogus", "whoami a b", "serve --port x", "console --bogus",
        "logout --bogus", "env --format tcsh", "process a b", "-p dev status --bogus", "--debug login --nosuch",
        "credential-process --bogus", "status", "--debug status --help", "--debug credential-process -h", "login -x",
        "statu", "-p", "--profile dev", "status --debug --output json"})
    void aLineWithOneVerbReadsAsItDoesWithAllOfThem(String line) {
        CliHarness cli = new CliHarness(home).devAndOther();
        CliHarness.Result lazy = cli.run(line.split(" "));
        CliHarness.Result whole = cli.runWholeModel(line.split(" "));
        assertEquals(whole.toString(), lazy.toString(), line);
    }
}
