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
        Supplier<RoleCredentials> credentials = credentials(ctx, ctx.sources().resolve(name));
        credentials.get(); // a login that is needed shows now, with its exit code, not at the first request
        try (CredentialsEndpoint endpoint = CredentialsEndpoint.start(port, credentials,
                line -> ctx.err().println("ssocred serve: " + line))) {
            endpoint.variables().forEach((k, v) -> ctx.out().println("export " + k + "='" + v + "'"));
            ctx.out().flush();
            ctx.err().println("ssocred serve: credentials of profile '" + name + "' on " + endpoint.uri()
                    + "; Ctrl-C to stop");
            new CountDownLatch(1).await();
        }
        return 0;
    }

    /** The profile's credentials, one request at a time (the Context is not shared between threads otherwise). */
    static Supplier<RoleCredentials> credentials(Context ctx, CredentialSource source) {
        return () -> {
            synchronized (ctx) {
                return ctx.credentials(source);
            }
        };
    }
}
