package dev.ssocred.cli;

import dev.ssocred.config.Environment;
import dev.ssocred.sso.Browser;
import java.io.File;
import java.util.concurrent.TimeUnit;

/** Facts about the terminal and desktop that Main wires in. */
public final class Platform {
    private Platform() {
    }

    /** The system clock; the local time zone is looked up when first asked for (see {@link SystemClock}). */
    public static java.time.Clock clock() {
        return new SystemClock();
    }

    /** The launcher tests {@code [ -t 2 ]} and says so; without it, a console means an interactive terminal. */
    public static boolean stderrIsTerminal() {
        return said("ssocred.stderr.tty");
    }

    /**
     * Whether help on stdout is in colour: NO_COLOR (no-color.org) or CLICOLOR=0 say no, CLICOLOR_FORCE other than 0
     * says yes, else only on a terminal that is not "dumb". The launcher tests {@code [ -t 1 ]} and says so; without
     * it, no colour.
     */
    public static boolean colors(Environment env) {
        java.util.Map<String, String> v = env.vars();
        String no = v.get("NO_COLOR");
        if (no != null && !no.isEmpty()) {
            return false;
        }
        String force = v.get("CLICOLOR_FORCE");
        if (force != null && !force.isEmpty() && !force.equals("0")) {
            return true;
        }
        if ("0".equals(v.get("CLICOLOR")) || "dumb".equals(v.get("TERM"))) {
            return false;
        }
        return Boolean.parseBoolean(System.getProperty("ssocred.stdout.tty"));
    }

    private static boolean said(String property) {
        String said = System.getProperty(property);
        if (said != null) {
            return Boolean.parseBoolean(said);
        }
        return System.console() != null;
    }

    /**
     * True when stdin is a pipe or FIFO (its file type, through Linux's /proc/self/fd/0). A terminal must not be read by a program in
     * the background (the first key typed would stop it with SIGTTIN), and /dev/null, which a script's "&" gives,
     * ends at once.
     */
    public static boolean stdinIsPipe() {
        try {
            int mode = (Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self/fd/0"), "unix:mode");
            return (mode & 0170000) == 0010000; // S_IFIFO
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Whether a browser can be shown here: always on macOS and Windows; on Linux with an X or Wayland display, a
     * $BROWSER, or WSL (whose opener starts the Windows browser).
     */
    static boolean hasDisplay(Environment env) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("mac") || os.contains("win")) {
            return true;
        }
        return env.get("DISPLAY").isPresent() || env.get("WAYLAND_DISPLAY").isPresent() || env.get("BROWSER").isPresent()
                || env.get("WSL_DISTRO_NAME").isPresent();
    }

    /** A terminal that moves the cursor: not {@code TERM=dumb} (Emacs shells, some CI consoles). */
    static boolean cursorControl(Environment env) {
        java.util.Optional<String> term = env.get("TERM");
        return !(term.isPresent() && term.get().equals("dumb"));
    }

    /** The terminal's width: {@code COLUMNS}, else what {@code stty size} says of /dev/tty, else 80. */
    static int columns(Environment env) {
        try {
            int c = Integer.parseInt(env.get("COLUMNS").orElse("").strip());
            if (c > 0) {
                return c;
            }
        } catch (NumberFormatException e) {
            // not set or not a number: ask the terminal
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains(" ")) {
                int c = Integer.parseInt(out.substring(out.indexOf(' ') + 1).strip());
                if (c > 0) {
                    return c;
                }
            }
        } catch (Exception e) {
            // no terminal or no stty: the default below
        }
        return 80;
    }

    public static Browser browser(Environment env) {
        return new SystemBrowser(env);
    }
}
