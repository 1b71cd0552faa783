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
        byte[] own = fromOwnJar("dev/ssocred/cli/" + resource(page, colors));
        if (own != null) {
            return new String(own, StandardCharsets.UTF_8);
        }
        try (InputStream in = HelpPages.class.getResourceAsStream(resource(page, colors))) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The entry read straight from the jar this class came from, or null when it did not come from one (tests run from
     * a directory). A class loader looks for a resource in the runtime's modules before the class path, and on JDK 25
     * that search reads annotations by reflection, which brings in method handles and the class-file API: a JDK 25 AOT
     * cache that learned {@code --help} loaded 36 classes more at every start, cache hits included
     * (docs/performance.md). Where the class loader has the jar open already, {@code ZipFile} shares its directory.
     */
    private static byte[] fromOwnJar(String name) {
        try {
            java.security.CodeSource source = HelpPages.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            java.io.File jar = new java.io.File(source.getLocation().toURI());
            if (!jar.isFile()) {
                return null;
            }
            // Left open: the JVM is about to exit, and the class loader may want the jar after us (a class the archive
            // lacks), which would otherwise read its 4,000-entry directory again.
            java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar);
            java.util.zip.ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    static String resource(String page, boolean colors) {
        return "help/" + page + (colors ? ".ansi" : "") + ".txt";
    }
}
