package dev.ssocred.cli;

import dev.ssocred.accounts.AccountLister;
import dev.ssocred.accounts.AccountRole;
import dev.ssocred.io.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssocred list}: every account and role a session can use, all pages, sorted. */
@Command(name = "list", mixinStandardHelpOptions = true,
        header = "List every account and role a session can use.",
        description = {"List every account and role the session can use, sorted by account name",
                "and role. Throttled calls back off and retry, so large organisations",
                "list completely."})
final class ListCommand implements Callable<Integer> {
    private final Context ctx;

    @picocli.CommandLine.Mixin
    SessionOptions session;

    @Option(names = "--output", paramLabel = "text|json", description = "text (default): aligned columns; json: "
            + "a list of {accountId, accountName, roleName}.")
    String output = "text";

    ListCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        boolean json = Output.parse(output);
        SessionChoice chosen = session.resolve(ctx);
        String token = ctx.usableToken(chosen.session(), chosen.endpoints(), chosen.fix()).accessToken();
        List<AccountRole> roles = new AccountLister(ctx.portal(chosen.session().region(), chosen.endpoints()),
                ctx.sleeper(), ctx::warn).list(token);
        if (json) {
            List<Object> out = new ArrayList<>();
            for (AccountRole r : roles) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("accountId", r.accountId());
                o.put("accountName", r.accountName());
                o.put("roleName", r.roleName());
                out.add(o);
            }
            ctx.out().print(PyJson.INDENT2.dumps(out) + "\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ACCOUNT", "ACCOUNT ID", "ROLE"});
            roles.forEach(r -> rows.add(new String[] {Sanitize.line(r.accountName()), r.accountId(), r.roleName()}));
            ctx.out().print(Output.table(rows));
        }
        ctx.out().flush();
        return 0;
    }
}
