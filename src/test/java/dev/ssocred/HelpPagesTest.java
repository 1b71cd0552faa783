package dev.ssocred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.cli.Cli;
import dev.ssocred.cli.Context;
import dev.ssocred.cli.FastPath;
import dev.ssocred.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The help pages rendered at build time (cli.HelpPages) against picocli, request by request: every way of asking
 * for help about every command, in colour and without, prints exactly what picocli prints, and the front door
 * answers each one that has a page.
 */
class HelpPagesTest {
    @TempDir
    Path home;

    private Environment env(String colour) {
        return new Environment(Map.of("HOME", home.toString(), colour, "1"));
    }

    private record Answer(int code, String out) {
    }

    private Answer picocli(Environment env, String... args) {
        StringWriter out = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter quiet = new PrintWriter(new StringWriter());
        Context ctx = Main.context(env, o, quiet, url -> false, false);
        int code = Cli.execute(ctx, Main.extraVerbs(env, o, quiet), args);
        return new Answer(code, out.toString());
    }

    private Optional<Answer> frontDoor(Environment env, String... args) {
        StringWriter out = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        Optional<Integer> code = FastPath.tryAnswer(args, env, Clock.systemUTC(), o, () -> {
            throw new AssertionError("help built a Context");
        });
        o.flush();
        return code.map(c -> new Answer(c, out.toString()));
    }

    private List<String[]> requests(Environment env) {
        List<String[]> all = new ArrayList<>(List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"help"}));
        StringWriter sink = new StringWriter();
        PrintWriter quiet = new PrintWriter(sink);
        CommandLine root = Cli.commandLine(Main.context(env, quiet, quiet, url -> false, false),
                Main.extraVerbs(env, quiet, quiet));
        for (String verb : root.getSubcommands().keySet()) {
            all.add(new String[] {verb, "--help"});
            all.add(new String[] {verb, "-h"});
            all.add(new String[] {"help", verb});
        }
        return all;
    }

    @Test
    void everyHelpRequestPrintsWhatPicocliPrintsInColourAndWithout() {
        int answered = 0;
        for (String colour : List.of("NO_COLOR", "CLICOLOR_FORCE")) {
            Environment env = env(colour);
            for (String[] args : requests(env)) {
                String request = String.join(" ", args) + " (" + colour + ")";
                Answer expected = picocli(env, args);
                Optional<Answer> fast = frontDoor(env, args);
                if (fast.isPresent()) {
                    answered++;
                    assertEquals(expected, fast.get(), request);
                } else {
                    // Only a command without --help has no page: man, which "help man" still describes via picocli.
                    assertTrue(args[args.length - 1].equals("man") || args[0].equals("man"), request + " had no page");
                }
                if (expected.code() == 0) {
                    assertEquals(colour.equals("CLICOLOR_FORCE"), expected.out().contains("\u001b["), request + " colour");
                }
            }
        }
        assertTrue(answered >= 2 * 3 * 19, "pages answered: " + answered);
    }

    @Test
    void anythingElseGoesToPicocli() {
        Environment env = env("NO_COLOR");
        for (String[] args : List.of(new String[] {"help", "nosuch"}, new String[] {"--debug", "--help"},
                new String[] {"login", "--help", "x"}, new String[] {"help", "Login"}, new String[] {"help", "../cli/Cli"},
                new String[] {"-x", "--help"}, new String[] {"help", "-h", "x"})) {
            assertFalse(frontDoor(env, args).isPresent(), String.join(" ", args));
        }
        // An unknown verb is picocli's to report: a usage error on stderr, nothing on stdout.
        Answer unknown = picocli(env, "help", "nosuch");
        assertEquals(new Answer(2, ""), unknown);
    }

    @Test
    void aWidthSetForPicocliLeavesTheRenderingToIt() {
        Environment env = env("NO_COLOR");
        System.setProperty("picocli.usage.width", "120");
        try {
            assertFalse(frontDoor(env, "--help").isPresent());
            assertFalse(frontDoor(env, "login", "--help").isPresent());
        } finally {
            System.clearProperty("picocli.usage.width");
        }
        assertTrue(frontDoor(env, "--help").isPresent());
    }
}
