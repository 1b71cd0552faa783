package dev.ssocred.cli;

import dev.ssocred.sso.LoginListener;
import dev.ssocred.sso.OidcApi;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** Shows the device code on stderr and, on a terminal only, a live countdown to its expiry. */
final class TerminalLoginListener implements LoginListener {
    private final PrintWriter err;
    private final boolean live;
    private final boolean browserWanted;
    private boolean drew;

    TerminalLoginListener(PrintWriter err, boolean terminal, boolean browserWanted) {
        this.err = err;
        this.live = terminal;
        this.browserWanted = browserWanted;
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
        err.println("  " + auth.verificationUri());
        err.println();
        err.println("and confirm that it shows this code:");
        err.println();
        err.println("  " + auth.userCode());
        err.println();
        if (auth.verificationUriComplete() != null) {
            err.println("(or open " + auth.verificationUriComplete() + ", which fills in the code)");
        }
        err.flush();
    }

    @Override
    public void waiting(Duration remaining) {
        if (!live) {
            return;
        }
        long s = Math.max(0, remaining.toSeconds());
        err.print("\rWaiting for approval; the code expires in " + s / 60 + ":" + String.format("%02d", s % 60) + " ");
        err.flush();
        drew = true;
    }

    @Override
    public void done() {
        if (drew) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
