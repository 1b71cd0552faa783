package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.output.CredentialFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval "$(ssocred env dev)"}: export lines for a shell, nothing else on stdout. */
@Command(name = Verbs.ENV, mixinStandardHelpOptions = true,
        description = {"Print role credentials as environment variables for a shell.",
                "Sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION,",
                "and AWS_REGION/AWS_DEFAULT_REGION when the profile sets a region."})
final class EnvCommand implements Callable<Integer> {
    private final Context ctx;

    @Mixin
    ProfileArgument profileArgument;

    @Option(names = Verbs.FORMAT, paramLabel = "FORMAT", defaultValue = Verbs.DEFAULT_FORMAT,
            description = "bash, zsh, fish, powershell, cmd, dotenv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = Verbs.REGION, paramLabel = "REGION", description = "Export this region instead of the profile's.")
    String region;

    EnvCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CredentialFormat f = parseFormat(format);
        CredentialVerb.print(ctx, profileArgument.resolve(ctx), f, java.util.Optional.ofNullable(region));
        return 0;
    }

    static CredentialFormat parseFormat(String s) {
        return CredentialFormat.forEnv(s).orElseThrow(() -> new SsocredException(ExitCode.USAGE,
                "unknown --format '" + s + "'", "use one of bash, zsh, fish, powershell, cmd, dotenv, json "
                        + "(for credential_process use 'ssocred process')"));
    }
}
