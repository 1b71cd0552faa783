package dev.ssocred.cli;

import dev.ssocred.config.Environment;
import dev.ssocred.sso.Browser;

/** Facts about the terminal and desktop that Main wires in. */
public final class Platform {
    private Platform() {
    }

    /** The launcher tests {@code [ -t 2 ]} and says so; without it, a console means an interactive terminal. */
    public static boolean stderrIsTerminal() {
        String said = System.getProperty("ssocred.stderr.tty");
        if (said != null) {
            return Boolean.parseBoolean(said);
        }
        return System.console() != null;
    }

    public static Browser browser(Environment env) {
        return new SystemBrowser(env);
    }
}
