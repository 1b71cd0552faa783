package dev.ssocred.cli;

import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoSession;
import dev.ssocred.sso.SsoToken;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssocred login --profile dev}: sign in (browser or device code) and cache the token where the AWS CLI looks. */
@Command(name = "login", mixinStandardHelpOptions = true,
        header = "Sign in to IAM Identity Center (browser or device code).",
        description = {"Sign in to IAM Identity Center and cache the token in ~/.aws/sso/cache,",
                "where the AWS CLI and the SDKs find it too. sso-session profiles sign in",
                "in the browser (authorization code with PKCE); legacy profiles,",
                "--use-device-code and machines without a display use a device code."})
final class LoginCommand implements Callable<Integer> {
    private final Context ctx;

    @picocli.CommandLine.Mixin
    SessionOptions sessionOptions;

    static final String OPTION_NO_BROWSER = "--no-browser";
    static final String OPTION_DEVICE_CODE = "--use-device-code";
    static final String OPTION_CALLBACK_PORT = "--callback-port";

    @Option(names = OPTION_NO_BROWSER, description = "Use a device code and print the URL only; do not open a browser.")
    boolean noBrowser;

    @Option(names = OPTION_DEVICE_CODE, description = "Sign in with a device code (confirm it on any device) instead "
            + "of the browser flow.")
    boolean useDeviceCode;

    @Option(names = OPTION_CALLBACK_PORT, paramLabel = "N", description = "Receive the browser's answer on this port of "
            + "127.0.0.1 (default: ssocred_callback_port in the [sso-session], else any free port). With ssh -L "
            + "N:127.0.0.1:N a browser on your laptop finishes a login started on a remote machine.")
    Integer callbackPort;

    LoginCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return run(ctx, sessionOptions.profileName(ctx), sessionOptions.ssoSession, noBrowser, useDeviceCode,
                callbackPort);
    }

    /**
     * The login itself, for this command and for the front door ({@link LoginLine}), which parses the usual login
     * command lines without picocli: ~40 ms of a login's start-up (docs/performance.md).
     */
    static int run(Context ctx, String profile, String ssoSession, boolean noBrowser, boolean useDeviceCode,
                   Integer callbackPort) {
        if (callbackPort != null) {
            LoginFlow.parsePort(String.valueOf(callbackPort), OPTION_CALLBACK_PORT);
        }
        SessionChoice chosen = SessionChoice.resolve(ctx, profile, ssoSession);
        SsoSession session = chosen.session();
        ServiceEndpoints endpoints = chosen.endpoints();
        String fix = chosen.fix();
        // Classes, not lambdas, up to the prompt: each lambda a JVM links costs ~0.1 ms (docs/performance.md).
        if (ctx.debug()) {
            ctx.debug("signing in to " + session.label() + " in " + session.region() + "; token file "
                    + ctx.display(ctx.tokenCache().tokenPath(session)));
        }
        var listener = new TerminalLoginListener(ctx.err(), ctx.stderrIsTerminal() && Platform.cursorControl(ctx.env()),
                !noBrowser, new java.util.function.IntSupplier() {
                    @Override
                    public int getAsInt() {
                        return Platform.columns(ctx.env());
                    }
                }, new java.util.function.Function<java.time.Instant, String>() {
                    @Override
                    public String apply(java.time.Instant t) {
                        return SystemClock.timeOfDay(ctx.clock(), t);
                    }
                });
        // Ctrl-C ends the JVM with 130 through its shutdown hooks: end the countdown line and say what happened.
        Thread onInterrupt = new Thread(new Runnable() {
            @Override
            public void run() {
                listener.cancelled(fix);
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        SsoToken token;
        try {
            LoginFlow.Choice choice = LoginFlow.choose(session, useDeviceCode, noBrowser, callbackPort,
                    ctx.resolver().sessionSetting(session, LoginFlow.PORT_KEY), ctx.env());
            token = ctx.loginService().login(session, new java.util.function.Supplier<SsoToken>() {
                @Override
                public SsoToken get() {
                    return LoginFlow.run(ctx, choice, session, endpoints, listener, !noBrowser, fix);
                }
            }, new java.util.function.Consumer<String>() {
                @Override
                public void accept(String note) {
                    ctx.err().println(Sanitize.line(note));
                }
            }, fix);
        } finally {
            removeHook(onInterrupt);
        }
        String named = session.name().isPresent() ? " (sso-session " + session.name().get() + ")" : "";
        ctx.err().println("Logged in to " + session.startUrl() + named + "; the token expires at "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(token.expiresAt().atZone(
                ctx.clock().getZone())) + ".");
        if (session.isLegacy()) {
            ctx.err().println("Note: this profile keeps sso_start_url on the profile, so the token cannot be "
                    + "refreshed; an [sso-session] with sso_registration_scopes = sso:account:access can.");
        } else if (session.requestedScopes() == null) {
            ctx.err().println("Note: [sso-session " + session.name().orElse("") + "] has no sso_registration_scopes, so "
                    + "this token cannot be refreshed and you will sign in again when it expires; add "
                    + "sso_registration_scopes = sso:account:access to it and run this login once more.");
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs, which is what we want
        }
    }
}
