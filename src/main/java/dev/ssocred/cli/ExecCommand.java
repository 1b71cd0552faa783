package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.CredentialSource;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.output.CredentialFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ssocred exec [PROFILE] -- CMD [ARGS...]}: runs a command with the profile's credentials and region in its
 * environment, passing its exit code (and a signal, as 128+N) through.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, header = "Run a command with a profile's credentials.",
        description = {"Run CMD with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,",
                "AWS_CREDENTIAL_EXPIRATION and the profile's region in its environment, and no AWS_PROFILE that",
                "could point it elsewhere. Its exit code is ssocred's. Inside another 'ssocred exec' of a",
                "different profile it refuses, unless SSOCRED_PROFILE is unset first."})
final class ExecCommand implements Callable<Integer> {
    /** Set in the child: which profile its credentials are, so a nested exec can tell. */
    static final String MARKER = "SSOCRED_PROFILE";

    private final Context ctx;

    @Mixin
    ProfileOption profileOption;

    @picocli.CommandLine.Option(names = "--serve", description = "Give the command a local credentials endpoint "
            + "(AWS_CONTAINER_CREDENTIALS_FULL_URI) instead of fixed keys, so a job that runs for hours keeps getting "
            + "fresh credentials.")
    boolean serve;

    @picocli.CommandLine.Option(names = Verbs.REGION, paramLabel = "REGION",
            description = "Give the command this region instead of the profile's.")
    String regionOverride;

    @Parameters(paramLabel = "[PROFILE] -- CMD [ARGS...]", arity = "1..*",
            description = "An optional profile, then -- and the command to run.")
    List<String> words = new ArrayList<>();

    ExecCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        int dash = words.indexOf("--");
        List<String> before = dash < 0 ? List.of() : words.subList(0, dash);
        List<String> command = dash < 0 ? words : words.subList(dash + 1, words.size());
        if (before.size() > 1 || command.isEmpty()) {
            throw new SsocredException(ExitCode.USAGE, "expected [PROFILE] -- CMD [ARGS...]",
                    "e.g. ssocred exec dev -- aws s3 ls");
        }
        String name = profileOption.resolve(ctx, before.isEmpty() ? null : before.get(0));
        ctx.env().get(MARKER).filter(outer -> !outer.equals(name)).ifPresent(outer -> {
            throw new SsocredException(ExitCode.USAGE, "already inside 'ssocred exec' of profile '" + outer
                    + "'; running '" + name + "' in it would mix two accounts' credentials",
                    "exit that shell first, or unset " + MARKER + " if you mean it");
        });
        CredentialSource profile = ctx.sources().resolve(name);
        RoleCredentials creds = ctx.credentials(profile); // may ask for an MFA code, before the command runs
        java.util.function.Supplier<RoleCredentials> source = ServeCommand.credentials(ctx, profile);
        java.util.Optional<String> region = java.util.Optional.ofNullable(regionOverride).or(profile::region);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(ctx.env().vars());
        // What would send an SDK in the child to another profile or to other keys.
        for (String stale : List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
            env.remove(stale);
        }
        dev.ssocred.serve.CredentialsEndpoint endpoint = null;
        if (serve) {
            endpoint = dev.ssocred.serve.CredentialsEndpoint.start(0, source, line -> ctx.debug(() -> "serve: " + line));
            env.putAll(endpoint.variables());
            region.ifPresent(r -> {
                env.put("AWS_REGION", r);
                env.put("AWS_DEFAULT_REGION", r);
            });
        } else {
            CredentialFormat.variables(creds, region).forEach((k, v) -> env.put(k, (String) v));
        }
        env.put(MARKER, name);
        // The launcher leaves fd 1 the caller's stdout for exec, so the child shares the very same open file.
        pb.inheritIO();
        ctx.out().flush();
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            if (endpoint != null) {
                endpoint.close();
            }
            throw new SsocredException(ExitCode.USAGE, "cannot run " + command.get(0) + ": " + e.getMessage(),
                    "check the command and PATH");
        }
        // Ctrl-C reaches the child through the terminal; a TERM to us is passed on before we exit.
        Thread forward = new Thread(child::destroy);
        Runtime.getRuntime().addShutdownHook(forward);
        int code = child.waitFor();
        if (endpoint != null) {
            endpoint.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(forward);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        return code;
    }
}
