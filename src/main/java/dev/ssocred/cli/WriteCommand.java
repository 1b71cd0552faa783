package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.CredentialSource;
import dev.ssocred.creds.CredentialsFileWriter;
import dev.ssocred.creds.RoleCredentials;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssocred write dev}: temporary credentials into ~/.aws/credentials [dev] for tools that read only that file. */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = {"Write role credentials into the shared credentials file (~/.aws/credentials).",
                "Only the named section changes; every other byte of the file is kept."})
final class WriteCommand implements Callable<Integer> {
    private final Context ctx;

    @Parameters(arity = "0..*", paramLabel = "PROFILE",
            description = "Profiles to write (default: $AWS_PROFILE, $AWS_DEFAULT_PROFILE, then 'default').")
    List<String> profiles = new ArrayList<>();

    @Option(names = {Verbs.PROFILE_SHORT, Verbs.PROFILE}, paramLabel = "NAME", description = "Same as a PROFILE argument.")
    List<String> profileOptions = new ArrayList<>();

    @Option(names = "--as", paramLabel = "NAME", description = "Section to write (default: the profile's name).")
    String as;

    @Option(names = "--force", description = "Replace a section that holds long-term keys.")
    boolean force;

    WriteCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>(profiles);
        names.addAll(profileOptions);
        if (names.isEmpty()) {
            names.add(new ProfileOption().resolve(ctx, null));
        }
        if (as != null && names.size() > 1) {
            throw new SsocredException(ExitCode.USAGE, "--as names one section, but " + names.size()
                    + " profiles were given", "write one profile at a time with --as");
        }
        var file = ctx.paths().credentialsFile();
        var writer = new CredentialsFileWriter(file, ctx.display(file), ctx::warn, ctx.clock(), ctx.lockTimeout());
        for (String name : names) {
            CredentialSource source = ctx.sources().resolve(name);
            if (source instanceof CredentialSource.StaticKeys k) {
                // Copying long-term keys to another section only spreads a secret; tools can read the profile itself.
                throw new SsocredException(ExitCode.USAGE, "profile '" + name + "' already has long-term keys ("
                        + k.where() + "); ssocred writes only temporary credentials", "use the profile as it is: "
                        + "aws --profile " + CredentialVerb.shellWord(name) + " ...");
            }
            RoleCredentials creds = ctx.credentials(source);
            String section = as != null ? as : name;
            writer.write(section, creds, force);
            ctx.err().println("Wrote credentials for profile '" + name + "' to [" + section + "] in "
                    + ctx.display(file) + "; they expire at " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
                    .format(creds.expiration().atZone(ctx.clock().getZone())) + ".");
        }
        return 0;
    }
}
