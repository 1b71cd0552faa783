package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssocred completion bash|zsh|fish}: a completion script on stdout, to source or to install. */
@Command(name = "completion", mixinStandardHelpOptions = true, header = "Print a shell completion script.",
        description = {"Completes commands, options, and profile and sso-session names (read from your",
                "config when you press Tab). Install: bash: ssocred completion bash > ~/.local/share/bash-completion/completions/ssocred;",
                "zsh: source <(ssocred completion zsh) in ~/.zshrc; fish: ssocred completion fish > ~/.config/fish/completions/ssocred.fish"})
final class CompletionCommand implements Callable<Integer> {
    private final Context ctx;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    CompletionCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var root = spec.root().commandLine();
        String script = switch (shell) {
            case "bash" -> Completion.bash(root);
            case "zsh" -> Completion.zsh(root);
            case "fish" -> Completion.fish(root);
            default -> throw new SsocredException(ExitCode.USAGE, "no completion for shell '" + shell + "'",
                    "use ssocred completion bash, zsh or fish");
        };
        ctx.out().print(script);
        ctx.out().flush();
        return 0;
    }
}
