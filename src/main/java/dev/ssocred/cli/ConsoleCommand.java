package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.CredentialSource;
import dev.ssocred.console.SigninUrls;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.serve.OneShotRedirect;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ssocred console [PROFILE]}: the AWS console signed in as the profile's role, through the federation
 * endpoint's getSigninToken and login URL. The browser is handed a one-time loopback link, never the sign-in URL
 * itself (see {@link OneShotRedirect}); {@code --print} puts the URL on stdout instead.
 */
@Command(name = "console", mixinStandardHelpOptions = true, header = "Open the AWS console as a profile's role.",
        description = {"Trade the profile's temporary credentials for a console sign-in link (federation",
                "getSigninToken) and open it in the browser, or print it with --print. The link works once",
                "and for 15 minutes; the console session lasts as long as the role's credentials."})
final class ConsoleCommand implements Callable<Integer> {
    /** How long the browser has to fetch the one-time link: starting a browser can take a while. */
    static final Duration BROWSER_WAIT = Duration.ofSeconds(120);

    private final Context ctx;

    @Mixin
    ProfileArgument profileArgument;

    @Option(names = "--print", description = "Print the sign-in URL on stdout instead of opening a browser.")
    boolean print;

    @Option(names = "--destination", paramLabel = "URL", description = "Console page to land on (default: the "
            + "console home in the profile's region).")
    String destination;

    ConsoleCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        String name = profileArgument.resolve(ctx);
        if (destination != null && !destination.matches("(?i)https?://[^\\s\\p{Cntrl}]+")) {
            throw new SsocredException(ExitCode.USAGE, "--destination must be an http(s) URL", "e.g. --destination "
                    + "https://console.aws.amazon.com/s3/home");
        }
        CredentialSource source = ctx.sources().resolve(name);
        if (source instanceof CredentialSource.StaticKeys k) {
            throw SsocredException.config("the console needs temporary credentials, and profile '" + name + "' has "
                    + "long-term keys (" + k.where() + ")", "use a profile that assumes a role with them "
                    + "(role_arn and source_profile = " + name + ")");
        }
        RoleCredentials creds = ctx.credentials(source);
        String region = source.apiRegion();
        var endpoints = source.endpoints();
        String endpoint = SigninUrls.federationEndpoint(region, endpoints.endpoint("signin"));
        String token;
        try {
            token = ctx.signin().signinToken(endpoint, creds, endpoints);
        } catch (ServiceException e) {
            throw new SsocredException(e.kind() == ServiceException.Kind.ACCESS_DENIED ? ExitCode.CONFIG : ExitCode.AWS,
                    "the federation endpoint refused a console sign-in token for profile '" + name + "' ("
                            + e.describe() + ")", e.kind() == ServiceException.Kind.ACCESS_DENIED
                    ? "check the role's credentials with 'ssocred whoami " + CredentialVerb.shellWord(name) + "'"
                    : "retry in a moment", e);
        }
        String url = SigninUrls.loginUrl(endpoint, token, destination != null ? destination
                : SigninUrls.defaultDestination(region));
        if (print) {
            ctx.out().println(url);
            ctx.out().flush();
            ctx.err().println("The link signs in to the console once within 15 minutes; treat it like a password.");
            return 0;
        }
        return open(name, url);
    }

    private int open(String name, String url) throws Exception {
        try (OneShotRedirect link = OneShotRedirect.start(url)) {
            ctx.err().println("Opening the AWS console as profile '" + name + "' in your browser.");
            ctx.err().flush();
            if (!ctx.browser().open(link.url())) {
                throw new SsocredException(ExitCode.USAGE, "no browser could be started here",
                        "run 'ssocred console " + CredentialVerb.shellWord(name) + " --print' and open the URL yourself");
            }
            if (!link.awaitUse(BROWSER_WAIT)) {
                throw new SsocredException(ExitCode.TIMEOUT, "the browser did not open the sign-in link within "
                        + BROWSER_WAIT.toSeconds() + " s", "run 'ssocred console " + CredentialVerb.shellWord(name)
                        + " --print' and open the URL yourself");
            }
            Thread.sleep(200); // a second request right behind the browser's would be someone else's
            if (link.extraRequests() > 0) {
                ctx.warn("the sign-in link was requested more than once; if that was not you, another user of this "
                        + "machine may have read it from the browser's command line");
            }
        }
        return 0;
    }
}
