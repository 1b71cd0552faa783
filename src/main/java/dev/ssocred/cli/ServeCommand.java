package dev.ssocred.cli;

import dev.ssocred.config.CredentialSource;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.serve.CredentialsEndpoint;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ssocred serve [PROFILE]}: a local credentials endpoint for the SDKs. Prints the two variables to set, in
 * shell syntax, and answers until stopped; every answer comes from the same caches, locks and refresh as
 * {@code process}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, header = "Serve a profile's credentials to SDKs on 127.0.0.1.",
        description = {"Run a credentials endpoint on 127.0.0.1 in the container-credentials format and print",
                "the two variables that point SDKs at it: eval \"$(ssocred serve dev &)\" or copy them.",
                "Each request needs this run's random token; credentials are refreshed as for process."})
final class ServeCommand implements Callable<Integer> {
    private final Context ctx;

    @Mixin
    ProfileArgument profileArgument;

    @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    ServeCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        String name = profileArgument.resolve(ctx);
        CredentialSource source = ctx.sources().resolve(name);
        // A login or an MFA code that is needed is asked for now, in this thread, with its exit code.
        ctx.credentials(source);
        try (CredentialsEndpoint endpoint = CredentialsEndpoint.start(port, credentials(ctx, source), log(ctx.err()))) {
            endpoint.variables().forEach((k, v) -> ctx.out().println("export " + k + "='" + v + "'"));
            ctx.out().flush();
            ctx.err().println("ssocred serve: credentials of profile '" + name + "' on " + endpoint.uri()
                    + "; Ctrl-C to stop");
            new CountDownLatch(1).await();
        }
        return 0;
    }

    /**
     * The endpoint's log on stderr. Its lines can quote a service's error message, which is untrusted text: control
     * characters and any secret this process holds are taken out, as for every other message (Sanitize).
     */
    static java.util.function.Consumer<String> log(java.io.PrintWriter err) {
        return line -> err.println("ssocred serve: " + Sanitize.line(line));
    }

    /**
     * The profile's credentials for the endpoint's requests, one at a time (the Context is not shared between threads
     * otherwise). They never ask for an MFA code: a request thread reading the terminal would stop a server started
     * in the background (SIGTTIN) or talk over the command that exec runs. When the role's credentials expire and
     * need a new code, the request fails, and the error says how to type it once.
     */
    static Supplier<RoleCredentials> credentials(Context ctx, CredentialSource source) {
        return () -> {
            synchronized (ctx) {
                return ctx.credentials("the credentials endpoint cannot ask for it while it answers a request")
                        .credentials(source, CredentialVerb.loginCommand(source.profile()));
            }
        };
    }
}
