package dev.ssocred.cli;

import dev.ssocred.sso.LoginListener;
import dev.ssocred.sso.OidcApi;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * Shows the device code on stderr and, on a terminal that understands cursor control, a live countdown to its
 * expiry that fits the terminal's width. Elsewhere (a pipe, a log, {@code TERM=dumb}) it says once until when it
 * waits. Everything a server sent is shown through {@link Sanitize}.
 */
final class TerminalLoginListener implements LoginListener {
    private final PrintWriter err;
    private final boolean live;
    private final boolean browserWanted;
    private final IntSupplier columns;
    private final java.util.function.Function<Instant, String> timeOfDay;
    private int width = -1;
    private volatile boolean drew;
    private boolean browserFlow;

    /**
     * {@code live}: stderr is a terminal with cursor control; {@code columns} is asked once, when first needed;
     * {@code timeOfDay} renders an instant as the local HH:mm:ss.
     */
    TerminalLoginListener(PrintWriter err, boolean live, boolean browserWanted, IntSupplier columns,
                          java.util.function.Function<Instant, String> timeOfDay) {
        this.err = err;
        this.live = live;
        this.browserWanted = browserWanted;
        this.columns = columns;
        this.timeOfDay = timeOfDay;
    }

    @Override
    public void prompt(OidcApi.DeviceAuthorization auth, boolean browserOpened, Instant expiresAt) {
        if (browserOpened) {
            err.println("A browser window is opening to sign you in. If it does not, open this URL on any device:");
        } else if (browserWanted) {
            err.println("No browser could be opened. Open this URL on any device:");
        } else {
            err.println("Open this URL on any device:");
        }
        err.println();
        err.println("  " + Sanitize.line(auth.verificationUri()));
        err.println();
        err.println("and confirm that it shows this code:");
        err.println();
        err.println("  " + Sanitize.line(auth.userCode()));
        err.println();
        if (auth.verificationUriComplete() != null) {
            err.println("(or open " + Sanitize.line(auth.verificationUriComplete()) + ", which fills in the code)");
        }
        if (!live) {
            err.println("Waiting for approval until " + timeOfDay.apply(expiresAt) + "...");
        }
        err.flush();
    }

    @Override
    public void promptBrowser(String authorizeUrl, boolean browserOpened, Instant until) {
        browserFlow = true;
        if (browserOpened) {
            err.println("A browser window is opening to sign you in. If it does not, open this URL in a browser on this "
                    + "machine:");
        } else {
            err.println("Open this URL in a browser on this machine, or on another one through an SSH tunnel to the "
                    + "port in it (ssh -L PORT:127.0.0.1:PORT):");
        }
        err.println();
        err.println("  " + Sanitize.line(authorizeUrl));
        err.println();
        err.println("If you cannot open it here, run this command again with --use-device-code.");
        if (!live) {
            err.println("Waiting for the browser until " + timeOfDay.apply(until) + "...");
        }
        err.flush();
    }

    @Override
    public void waiting(Duration remaining) {
        if (!live) {
            return;
        }
        if (width < 0) {
            width = columns.getAsInt();
        }
        err.print("\r" + (browserFlow ? browserCountdown(remaining, width) : countdown(remaining, width)));
        err.flush();
        drew = true;
    }

    /** The longest countdown text that fits in {@code width - 1} columns (the last column would wrap). */
    static String countdown(Duration remaining, int width) {
        long s = Math.max(0, remaining.toSeconds());
        String clock = s / 60 + ":" + (s % 60 < 10 ? "0" : "") + s % 60;
        for (String text : new String[] {"Waiting for approval; the code expires in " + clock + " ",
                "Waiting for approval: " + clock + " ", clock + " "}) {
            if (text.length() <= width - 1) {
                return text;
            }
        }
        return "";
    }

    static String browserCountdown(Duration remaining, int width) {
        long s = Math.max(0, remaining.toSeconds());
        String clock = s / 60 + ":" + (s % 60 < 10 ? "0" : "") + s % 60;
        for (String text : new String[] {"Waiting for the browser; " + clock + " left ", clock + " "}) {
            if (text.length() <= width - 1) {
                return text;
            }
        }
        return "";
    }

    @Override
    public void done() {
        if (drew) {
            err.print("\r\033[K");
            err.flush();
            drew = false;
        }
    }

    /** Ctrl-C while waiting: end the countdown line so the shell prompt starts on a clean one. */
    void cancelled(String fix) {
        done();
        err.println("ssocred: sign-in cancelled");
        err.println("hint: run '" + fix + "' to start again");
        err.flush();
    }
}
