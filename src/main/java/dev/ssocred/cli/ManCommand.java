package dev.ssocred.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssocred man}: the man page in troff on stdout; the build installs it as ssocred.1 ({@code ssocred man | man -l -}). */
@Command(name = "man", hidden = true, description = "Print the ssocred(1) man page (troff) on stdout.")
final class ManCommand implements Callable<Integer> {
    private final Context ctx;

    @Spec
    CommandSpec spec;

    ManCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String[] version = new VersionProvider().getVersion();
        ctx.out().print(ManPage.render(spec.root().commandLine(), version[0].replaceAll("^ssocred (\\S+).*$", "$1")));
        ctx.out().flush();
        return 0;
    }
}
