package dev.ssocred.cli;

import dev.ssocred.output.CredentialFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code credential_process = ssocred process --profile dev}: JSON on stdout, never a prompt or a browser. */
@Command(name = Verbs.PROCESS, aliases = Verbs.PROCESS_ALIAS, mixinStandardHelpOptions = true,
        description = {"Print role credentials in the credential_process JSON format.",
                "Refreshes the token silently when it can; never prompts. Exit code 3 means: run ssocred login."})
final class ProcessCommand implements Callable<Integer> {
    private final Context ctx;

    @Mixin
    ProfileArgument profileArgument;

    ProcessCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CredentialVerb.print(ctx, profileArgument.resolve(ctx), CredentialFormat.PROCESS, java.util.Optional.empty());
        return 0;
    }
}
