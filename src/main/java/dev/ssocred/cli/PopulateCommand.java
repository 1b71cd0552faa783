package dev.ssocred.cli;

import dev.ssocred.accounts.AccountLister;
import dev.ssocred.accounts.AccountRole;
import dev.ssocred.accounts.PopulateBlock;
import dev.ssocred.accounts.ProfileNames;
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
        String display = ctx.display(ctx.paths().configFile());
        PopulateBlock.Plan[] plan = new PopulateBlock.Plan[1];
        ConfigEdit.apply(ctx, "ssocred populate", text -> {
            plan[0] = PopulateBlock.apply(text, display, ssoSession, roles, nameFormat, Optional.ofNullable(region), prune);
            plan[0].skipped().forEach(s -> ctx.warn("skipped profile " + s));
            if (!dryRun) {
                return plan[0].text();
            }
            ctx.out().print(Diff.unified(display, text, plan[0].text()));
            ctx.out().flush();
            return text;
        });
        ctx.err().println((dryRun ? "Would write " : "Wrote ") + roles.size() + " account role(s) of sso-session "
                + ssoSession + " to " + display + ": " + plan[0].added().size() + " new, " + plan[0].removed().size()
                + " removed, " + plan[0].skipped().size() + " skipped.");
        return 0;
    }
}
