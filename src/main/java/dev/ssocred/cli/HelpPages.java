package dev.ssocred.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Usage help rendered by picocli when ssocred is built, printed by the front door without picocli. Building picocli's
 * model of every command by reflection, from classes that are read and verified on each start, cost {@code --help}
 * ~120 ms of its ~165. HelpPagesTest holds every page to what picocli prints for the same request, in colour and
 * without; anything else (other arguments, a picocli width setting) still goes to picocli. No picocli class here:
 * {@link HelpPagesWriter} renders the pages.
 */
public final class HelpPages {
    static final String ROOT = "ssocred";

    private HelpPages() {
    }

    /**
     * The page that {@code args} ask for and nothing else ({@code --help}, {@code -h}, {@code help},
     * {@code help VERB}, {@code VERB --help}, {@code VERB -h}), else null.
     */
    static String requested(String[] args) {
        if (args.length == 1 && (isHelpOption(args[0]) || args[0].equals("help"))) {
            return ROOT;
        }
        if (args.length == 2 && args[0].equals("help") && isName(args[1])) {
            return args[1];
        }
        if (args.length == 2 && isHelpOption(args[1]) && isName(args[0])) {
            return args[0];
        }
        return null;
    }

    private static boolean isHelpOption(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** A verb as it may name a resource: lower-case letters and dashes, not starting with a dash. */
    private static boolean isName(String s) {
        if (s.isEmpty() || s.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 'a' || c > 'z') && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * The rendered page, or null when there is none (an unknown verb, a verb without --help) or picocli would
     * render it differently (a width set with picocli.usage.width): then picocli answers.
     */
    static String text(String page, boolean colors) {
        if (System.getProperty("picocli.usage.width") != null) {
            return null;
        }
        try (InputStream in = HelpPages.class.getResourceAsStream(resource(page, colors))) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    static String resource(String page, boolean colors) {
        return "help/" + page + (colors ? ".ansi" : "") + ".txt";
    }
}
