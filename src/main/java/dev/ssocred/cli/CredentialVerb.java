package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
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

    static void print(Context ctx, String profileName, CredentialFormat format) {
        SsoProfile profile = ctx.resolver().forCredentials(profileName);
        ctx.debug(() -> "profile " + profileName + ": " + profile.session().label() + ", account " + profile.accountId()
                + ", role " + profile.roleName() + "; token file " + ctx.display(ctx.tokenCache().tokenPath(profile.session())));
        RoleCredentials creds = ctx.credentialsService().credentials(profile, loginCommand(profileName));
        ctx.debug(() -> "role credentials " + creds.accessKeyId() + " expire at " + creds.expiration());
        // credential_process output carries no region; the shell formats export it when the profile sets one.
        Optional<String> region = format == CredentialFormat.PROCESS ? Optional.empty() : profile.region();
        try {
            ctx.out().print(format.render(creds, region));
        } catch (IllegalArgumentException e) {
            // The credentials the service sent hold a character this format cannot carry: say which, and what can.
            throw new SsocredException(ExitCode.USAGE, e.getMessage(), format == CredentialFormat.CMD
                    ? "use --format powershell or --format json" : "use --format json");
        }
    }

    static boolean conflict(String flag, String positional) {
        return flag != null && positional != null && !flag.equals(positional);
    }

    static String loginCommand(String profile) {
        return "ssocred login --profile " + shellWord(profile);
    }

    /** A name as it must be typed in a shell; double quotes since hints are shown inside single quotes. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_.@+,:/=-]+") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("$", "\\$").replace("`", "\\`") + "\"";
    }
}
