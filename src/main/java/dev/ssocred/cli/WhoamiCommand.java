package dev.ssocred.cli;

import dev.ssocred.config.CredentialSource;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.creds.StsApi;
import dev.ssocred.io.PyJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ssocred whoami [PROFILE]}: STS GetCallerIdentity with the profile's credentials. */
@Command(name = "whoami", mixinStandardHelpOptions = true, header = "Show the account and ARN a profile's credentials are.",
        description = {"Call STS GetCallerIdentity with the profile's role credentials (fetched or refreshed",
                "as for process) and print the account, the ARN and the user id."})
final class WhoamiCommand implements Callable<Integer> {
    private final Context ctx;

    @Mixin
    ProfileArgument profileArgument;

    @Option(names = "--output", paramLabel = "text|json", description = "text (default) or json, as aws sts "
            + "get-caller-identity prints it.")
    String output = "text";

    WhoamiCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        boolean json = Output.parse(output);
        String name = profileArgument.resolve(ctx);
        CredentialSource source = ctx.sources().resolve(name);
        RoleCredentials creds = ctx.credentials(source);
        StsApi.CallerIdentity id = ctx.sts().callerIdentity(creds, source.apiRegion(), source.endpoints());
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("UserId", id.userId());
            o.put("Account", id.account());
            o.put("Arn", id.arn());
            ctx.out().print(PyJson.INDENT2.dumps(o) + "\n");
        } else {
            ctx.out().print("Account  " + Sanitize.line(id.account()) + "\nArn      " + Sanitize.line(id.arn()) + "\nUserId   "
                    + Sanitize.line(id.userId()) + "\n");
        }
        ctx.out().flush();
        return 0;
    }
}
