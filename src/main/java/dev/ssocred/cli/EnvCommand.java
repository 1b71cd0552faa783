package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoProfile;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.output.CredentialFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eval "$(ssocred env dev)"}: export lines for a shell, nothing else on stdout. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print role credentials as environment variables for a shell.",
                "Sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION,",
                "and AWS_REGION/AWS_DEFAULT_REGION when the profile sets a region."})
final class EnvCommand implements Callable<Integer> {
    private final Context ctx;

    @Mixin
    ProfileOption profileOption;

    @Parameters(arity = "0..1", paramLabel = "PROFILE", description = "Same as --profile.")
    String positional;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "bash",
            description = "bash, zsh, fish, powershell, cmd, dotenv or json (default: ${DEFAULT-VALUE}).")
    String format;

    EnvCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CredentialFormat f = parseFormat(format);
        String name = profileOption.resolve(ctx, positional);
        SsoProfile profile = ctx.resolver().forCredentials(name);
        RoleCredentials creds = ctx.credentialsService().credentials(profile, ProfileOption.loginCommand(name));
        try {
            ctx.out().print(f.render(creds, profile.region()));
        } catch (IllegalArgumentException e) {
            throw new SsocredException(ExitCode.USAGE, e.getMessage(), "use --format powershell or --format json");
        }
        return 0;
    }

    static CredentialFormat parseFormat(String s) {
        try {
            CredentialFormat f = CredentialFormat.parse(s);
            if (f != CredentialFormat.PROCESS) {
                return f;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the usage error
        }
        throw new SsocredException(ExitCode.USAGE, "unknown --format '" + s + "'",
                "use one of bash, zsh, fish, powershell, cmd, dotenv, json (for credential_process use 'ssocred process')");
    }
}
