package dev.ssocred.cli;

import dev.ssocred.config.Environment;
import dev.ssocred.sso.Browser;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens a URL the way Python's webbrowser module (and so the AWS CLI) does for the user: {@code $BROWSER} first
 * (a colon-separated list of commands, {@code %s} replaced by the URL), then the platform's opener. The child's
 * output is discarded so it can never reach our stdout. An opener that exits non-zero has failed (xdg-open does
 * when no desktop is there) and the next one is tried; one still running after {@link #GRACE} is taken as a
 * browser that started.
 */
final class SystemBrowser implements Browser {
    static final Duration GRACE = Duration.ofSeconds(3);
    private final Environment env;
    private final Duration grace;
    private final boolean platformOpeners;

    SystemBrowser(Environment env) {
        this(env, GRACE, true);
    }

    /** For tests: {@code platformOpeners} false tries $BROWSER only. */
    SystemBrowser(Environment env, Duration grace, boolean platformOpeners) {
        this.env = env;
        this.grace = grace;
        this.platformOpeners = platformOpeners;
    }

    @Override
    public boolean open(String url) {
        if (!isSafe(url)) {
            return false;
        }
        for (List<String> command : candidates(url)) {
            if (start(command)) {
                return true;
            }
        }
        return false;
    }

    /** Written without lambdas, streams or regex: a login's prompt waits for this (docs/performance.md). */
    List<List<String>> candidates(String url) {
        List<List<String>> out = new ArrayList<>();
        String browser = env.get("BROWSER").orElse("");
        for (String cmd : browser.split(File.pathSeparator)) {
            List<String> words = words(cmd);
            if (words.isEmpty()) {
                continue;
            }
            boolean placeholder = false;
            for (int i = 0; i < words.size(); i++) {
                placeholder |= words.get(i).contains("%s");
                words.set(i, words.get(i).replace("%s", url));
            }
            if (!placeholder) {
                words.add(url);
            }
            out.add(words);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!platformOpeners) {
            return out;
        } else if (os.contains("mac")) {
            out.add(List.of("open", url));
        } else if (os.contains("win")) {
            out.add(List.of("rundll32", "url.dll,FileProtocolHandler", url));
        } else {
            out.add(List.of("wslview", url)); // WSL: the Windows browser (xdg-open there often fails, aws-cli#10242)
            out.add(List.of("xdg-open", url));
        }
        return out;
    }

    /**
     * Only an http(s) URL without spaces or control characters goes to a command line: a URL comes from the server,
     * and one starting with '-' or holding a space could be read by the opener as an option or a second argument.
     */
    static boolean isSafe(String url) {
        if (url == null || !(url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7))) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code cmd} split at runs of the whitespace regex's \s (space, tab, newline, vertical tab, form feed, CR). */
    static List<String> words(String cmd) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= cmd.length(); i++) {
            boolean space = i == cmd.length() || " \t\n\u000B\f\r".indexOf(cmd.charAt(i)) >= 0;
            if (space && start >= 0) {
                words.add(cmd.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private boolean start(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return p.exitValue() == 0;
            }
            return true; // still running: a browser that stays in the foreground until it is closed
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
