package dev.ssocred.cli;

import java.util.Optional;

/**
 * A {@code login} command line the front door runs without picocli: building picocli's model by reflection and
 * reading its Java 5 classes from the jar is ~40 ms of the ~140 ms a login takes to show its prompt
 * (docs/performance.md). Only the forms people type are taken: the option names of {@link LoginCommand} and
 * {@link SessionOptions}, each at most once, {@code NAME=VALUE} too, one positional profile, and before the verb
 * {@code --debug} and the global {@code -p/--profile}. Anything else (help, a repeated option, two different
 * profiles, a port that is not a plain number, {@code --}) is left to picocli, which owns every usage message, so
 * an error reads the same whichever way the line went.
 */
record LoginLine(boolean debug, String profile, String ssoSession, boolean noBrowser, boolean useDeviceCode,
                 Integer callbackPort) {
    static final String VERB = "login";
    private static final String DEBUG = "--debug";

    /** The login this line asks for, or empty when it is for picocli. */
    static Optional<LoginLine> parse(String[] args) {
        Parsed p = new Parsed();
        int i = 0;
        for (; i < args.length && !args[i].equals(VERB); i++) { // before the verb: --debug and the global profile
            String a = args[i];
            if (a.equals(DEBUG) && !p.debug) {
                p.debug = true;
            } else if (!p.profile(args, i, true)) {
                return Optional.empty();
            } else if (!a.contains("=")) {
                i++;
            }
        }
        if (i == args.length) {
            return Optional.empty();
        }
        boolean positional = false;
        for (i++; i < args.length; i++) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            boolean joined = !name.equals(a);
            if (a.equals(DEBUG) && !p.debug) {
                p.debug = true;
            } else if (a.equals(LoginCommand.OPTION_NO_BROWSER) && !p.noBrowser) {
                p.noBrowser = true;
            } else if (a.equals(LoginCommand.OPTION_DEVICE_CODE) && !p.deviceCode) {
                p.deviceCode = true;
            } else if (name.equals(Verbs.PROFILE) || name.equals(Verbs.PROFILE_SHORT)) {
                if (!p.profile(args, i, false)) {
                    return Optional.empty();
                }
                i += joined ? 0 : 1;
            } else if (name.equals(SessionOptions.OPTION_SSO_SESSION) && p.ssoSession == null) {
                p.ssoSession = value(args, i);
                if (p.ssoSession == null) {
                    return Optional.empty();
                }
                i += joined ? 0 : 1;
            } else if (name.equals(LoginCommand.OPTION_CALLBACK_PORT) && p.port == null) {
                String port = value(args, i);
                // Plain digits only: a sign, a word or a number too large is picocli's to read or refuse.
                if (port == null || port.isEmpty() || port.length() > 9 || !digits(port)) {
                    return Optional.empty();
                }
                p.port = Integer.parseInt(port);
                i += joined ? 0 : 1;
            } else if (!a.startsWith("-") && !positional) {
                positional = true;
                if (!p.name(a)) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new LoginLine(p.debug, p.profileName, p.ssoSession, p.noBrowser, p.deviceCode, p.port));
    }

    /** Runs the login in {@code ctx}, reporting a failure as every command does. */
    int run(Context ctx) {
        ctx.setDebug(debug);
        try {
            return LoginCommand.run(ctx, profile, ssoSession, noBrowser, useDeviceCode, callbackPort);
        } catch (RuntimeException e) {
            return ErrorReporter.report(ctx, e);
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /** The value of the option at {@code i}: after its {@code =}, else the next argument; null when there is none. */
    private static String value(String[] args, int i) {
        int eq = args[i].indexOf('=');
        if (eq >= 0) {
            return args[i].substring(eq + 1);
        }
        // A next argument that looks like an option is picocli's to judge ("Missing required parameter").
        return i + 1 < args.length && !args[i + 1].startsWith("-") ? args[i + 1] : null;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** What the line has said so far. */
    private static final class Parsed {
        boolean debug;
        boolean noBrowser;
        boolean deviceCode;
        String ssoSession;
        Integer port;
        String profileName;
        boolean globalGiven;
        boolean flagGiven;

        /** Takes a -p/--profile at {@code i} (before the verb when {@code global}); false when picocli must judge. */
        boolean profile(String[] args, int i, boolean global) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!name.equals(Verbs.PROFILE) && !name.equals(Verbs.PROFILE_SHORT) || (global ? globalGiven : flagGiven)) {
                return false;
            }
            String value = value(args, i);
            if (value == null) {
                return false;
            }
            if (global) {
                globalGiven = true;
            } else {
                flagGiven = true;
            }
            return name(value);
        }

        /** One profile, however often it is named; two different ones are for the command's own error. */
        boolean name(String value) {
            if (profileName != null && !profileName.equals(value)) {
                return false;
            }
            profileName = value;
            return true;
        }
    }
}
