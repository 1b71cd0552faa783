package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoSession;
import dev.ssocred.sso.AuthCodeLogin;
import dev.ssocred.sso.SsoToken;
import java.time.Duration;
import java.util.Optional;

/**
 * Which way {@code ssocred login} signs in, as the AWS CLI chooses since 2.22: the browser with the
 * authorization code and PKCE for sso-session profiles, the device code for legacy profiles and on request. Where
 * a browser cannot come back to this machine (no display, an SSH session), the device code is used, and said why,
 * unless a fixed callback port says that a tunnel will carry the browser's answer.
 */
final class LoginFlow {
    /** ssocred's own key in an [sso-session] section: the AWS CLI ignores it. */
    static final String PORT_KEY = "ssocred_callback_port";

    /** The decision: authorization code on {@code port} (0: any), or the device code, with the reason if not asked. */
    record Choice(boolean authCode, int port, boolean portFixed, String deviceReason) {
    }

    private LoginFlow() {
    }

    static Choice choose(SsoSession session, boolean useDeviceCode, boolean noBrowser, Integer portFlag,
                         Optional<String> portSetting, Environment env) {
        if (session.isLegacy() || useDeviceCode || noBrowser) {
            return new Choice(false, 0, false, null);
        }
        Integer port = portFlag != null ? portFlag : portSetting.isPresent() ? parsePort(portSetting.get(), PORT_KEY)
                : null;
        if (port != null) {
            return new Choice(true, port, true, null);
        }
        if (!Platform.hasDisplay(env)) {
            return new Choice(false, 0, false, "no display to open a browser in (DISPLAY and WAYLAND_DISPLAY are unset)");
        }
        if (env.get("SSH_CONNECTION").isPresent() || env.get("SSH_TTY").isPresent()) {
            return new Choice(false, 0, false, "this is an SSH session, and a browser elsewhere cannot reach a random "
                    + "port here (for the browser flow give --callback-port N and ssh -L N:127.0.0.1:N)");
        }
        return new Choice(true, 0, false, null);
    }

    static int parsePort(String value, String what) {
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new SsocredException(ExitCode.USAGE, what + " must be a port number from 1 to 65535", "e.g. "
                + what + " 8400");
    }

    /** Runs the chosen flow; a browser flow whose browser cannot start (and no fixed port) falls back to the code. */
    static SsoToken run(Context ctx, Choice choice, SsoSession session, ServiceEndpoints endpoints,
                        TerminalLoginListener listener, boolean openBrowser, String fix) {
        if (choice.authCode()) {
            try {
                return ctx.authCodeLogin(session.region(), endpoints).login(session, choice.port(), openBrowser,
                        choice.portFixed() ? AuthCodeLogin.NoBrowser.WAIT : AuthCodeLogin.NoBrowser.GIVE_UP,
                        limit(ctx.env()), listener, fix);
            } catch (AuthCodeLogin.NoBrowserException e) {
                ctx.err().println("No browser could be started; signing in with a device code instead.");
            }
        } else if (choice.deviceReason() != null) {
            ctx.err().println("Signing in with a device code: " + choice.deviceReason() + ".");
        }
        return ctx.deviceLogin(session.region(), endpoints).login(session, openBrowser, listener, fix);
    }

    /** The CLI's 10 minutes; SSOCRED_LOGIN_TIMEOUT (seconds) for automation and tests. */
    static Duration limit(Environment env) {
        Optional<String> seconds = env.get("SSOCRED_LOGIN_TIMEOUT");
        if (seconds.isEmpty()) {
            return AuthCodeLogin.DEFAULT_LIMIT;
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(seconds.get().strip())));
        } catch (NumberFormatException e) {
            throw new SsocredException(ExitCode.USAGE, "SSOCRED_LOGIN_TIMEOUT must be a number of seconds",
                    "unset SSOCRED_LOGIN_TIMEOUT or set it to e.g. 600");
        }
    }
}
