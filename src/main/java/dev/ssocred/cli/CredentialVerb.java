package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.CredentialSource;
import dev.ssocred.config.SsoProfile;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.output.CredentialFormat;
import java.util.Optional;

/**
 * What {@code process} and {@code env} do, shared by their picocli commands and the {@link FastPath} front door:
 * resolve the profile, get credentials, print them. No picocli here, so the front door can run it.
 */
final class CredentialVerb {
    private CredentialVerb() {
    }

    /** {@code region}: --region, which replaces the profile's region in the shell formats. */
    static void print(Context ctx, String profileName, CredentialFormat format, Optional<String> region) {
        CredentialSource source = ctx.sources().resolve(profileName);
        // Built only when --debug asks, and without a lambda (Context.debug(String)).
        if (ctx.debug()) {
            ctx.debug(describe(ctx, source));
        }
        // credential_process is run by an SDK that cannot answer a prompt: an MFA code is asked for only elsewhere.
        RoleCredentials creds = ctx.credentials(format != CredentialFormat.PROCESS).credentials(source,
                loginCommand(profileName));
        if (ctx.debug()) {
            ctx.debug("credentials " + creds.accessKeyId() + " expire at "
                    + (creds.expiration() == null ? "never (long-term keys)" : creds.expiration()));
        }
        // credential_process output carries no region; the shell formats export it when the profile sets one.
        Optional<String> exported = Optional.empty();
        if (format != CredentialFormat.PROCESS) {
            exported = region.isPresent() ? region : source.region();
        }
        try {
            ctx.out().print(format.render(creds, exported));
        } catch (IllegalArgumentException e) {
            // The credentials the service sent hold a character this format cannot carry: say which, and what can.
            throw new SsocredException(ExitCode.USAGE, e.getMessage(), format == CredentialFormat.CMD
                    ? "use --format powershell or --format json" : "use --format json");
        }
    }

    /** For --debug: the chain from the profile asked for to its end, names and files only. */
    static String describe(Context ctx, CredentialSource source) {
        if (source instanceof CredentialSource.SsoRole r) {
            SsoProfile p = r.sso();
            return "profile " + p.name() + ": " + p.session().label() + ", account " + p.accountId() + ", role "
                    + p.roleName() + "; token file " + ctx.display(ctx.tokenCache().tokenPath(p.session()));
        }
        if (source instanceof CredentialSource.AssumedRole a) {
            return "profile " + a.profile() + ": assumes " + a.roleArn() + " (STS region " + a.stsRegion()
                    + ", cache key " + dev.ssocred.creds.AssumeRoleKey.of(a) + ") with the credentials of "
                    + describe(ctx, a.source());
        }
        return "profile " + source.profile() + ": long-term keys from " + ((CredentialSource.StaticKeys) source).where();
    }

    static String loginCommand(String profile) {
        return "ssocred login --profile " + shellWord(profile);
    }

    /**
     * A name as it must be typed in a shell; double quotes since hints are shown inside single quotes. A loop, not a
     * regex: every login makes this hint before its prompt, and compiling a pattern costs it ~2 ms.
     */
    static String shellWord(String s) {
        return plainWord(s) ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("$", "\\$").replace("`", "\\`") + "\"";
    }

    /** Only characters no shell treats specially: [A-Za-z0-9_.@+,:/=-], at least one. */
    private static boolean plainWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "_.@+,:/=-".indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
