package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.accounts.AccountLister;
import dev.ssocred.accounts.AccountRole;
import dev.ssocred.accounts.PopulateBlock;
import dev.ssocred.accounts.ProfileNames;
import dev.ssocred.io.FileLock;
import dev.ssocred.io.SecretFiles;
import dev.ssocred.io.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssocred populate --sso-session corp}: a native {@code [profile …]} for every account and role, in a block
 * of ~/.aws/config that ssocred owns. Native profiles need no helper at run time: the AWS CLI and every SDK use them.
 */
@Command(name = "populate", mixinStandardHelpOptions = true,
        header = "Write a profile for every account and role.",
        description = {"Write a [profile ...] for every account and role of an sso-session into",
                "~/.aws/config, inside a marked block that ssocred owns; everything outside",
                "the block stays byte for byte."})
final class PopulateCommand implements Callable<Integer> {
    private final Context ctx;

    @Option(names = "--sso-session", paramLabel = "NAME", required = true, description = "The [sso-session] to list.")
    String ssoSession;

    @Option(names = "--name-format", paramLabel = "FMT", description = "Profile names, from {account_name}, "
            + "{account_id}, {role_name}, {session} (default: " + ProfileNames.DEFAULT_FORMAT + "), lower-cased, "
            + "other characters as '-'.")
    String nameFormat = ProfileNames.DEFAULT_FORMAT;

    @Option(names = "--region", paramLabel = "REGION", description = "Set region in every generated profile.")
    String region;

    @Option(names = "--prune", description = "Remove profiles of the block whose assignment is gone.")
    boolean prune;

    @Option(names = "--dry-run", description = "Print the change as a diff on stdout and write nothing.")
    boolean dryRun;

    PopulateCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        SessionChoice chosen = SessionChoice.resolve(ctx, null, ssoSession);
        String token = ctx.usableToken(chosen.session(), chosen.endpoints(), chosen.fix()).accessToken();
        List<AccountRole> roles = new AccountLister(ctx.portal(chosen.session().region(), chosen.endpoints()),
                ctx.sleeper(), ctx::warn).list(token);
        Path file = ctx.paths().configFile();
        String display = ctx.display(file);
        Path lockFile = FileLock.besideFile(file);
        try (FileLock lock = FileLock.acquire(lockFile, ctx.lockTimeout(), ctx.clock(),
                FileLock.describeSelf("ssocred populate of " + display), holder -> { })) {
            String text = TextFiles.readUtf8(file, display).orElse("");
            PopulateBlock.Plan plan = PopulateBlock.apply(text, display, ssoSession, roles, nameFormat,
                    Optional.ofNullable(region), prune);
            plan.skipped().forEach(s -> ctx.warn("skipped profile " + s));
            if (dryRun) {
                ctx.out().print(Diff.unified(display, text, plan.text()));
                ctx.out().flush();
            } else if (plan.changed()) {
                SecretFiles.replaceKeepingMode(file, plan.text().getBytes(StandardCharsets.UTF_8), display);
            }
            ctx.err().println((dryRun ? "Would write " : "Wrote ") + roles.size() + " account role(s) of sso-session "
                    + ssoSession + " to " + display + ": " + plan.added().size() + " new, " + plan.removed().size()
                    + " removed, " + plan.skipped().size() + " skipped.");
            return 0;
        } catch (FileLock.TimeoutException e) {
            throw new SsocredException(ExitCode.TIMEOUT, "timed out waiting for " + e.holder() + " to finish writing "
                    + display, "retry; the lock frees itself when that process exits");
        } catch (IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot write " + display + ": " + e.getMessage(),
                    "check the permissions of " + display + " and its directory");
        }
    }
}
