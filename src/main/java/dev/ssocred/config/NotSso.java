package dev.ssocred.config;

import dev.ssocred.SsocredException;
import java.util.List;
import java.util.Optional;

/**
 * Says what a profile without IAM Identity Center settings is instead, and the command that would work: a
 * {@code credential_process = ssocred process --profile dev} profile is signed in through {@code dev}; a profile
 * with static keys needs no login; one with {@code role_arn} is signed in through its source profile.
 */
final class NotSso {
    private NotSso() {
    }

    static SsocredException explain(Profile p, AwsConfig config) {
        Optional<String> process = p.get("credential_process");
        if (process.isPresent()) {
            Optional<String> target = ssocredProfile(process.get());
            if (target.isPresent()) {
                return SsocredException.config("profile '" + p.name() + "' gets its credentials from credential_process ("
                        + process.get() + "), which signs in through profile '" + target.get() + "'",
                        "run 'ssocred login --profile " + target.get() + "'");
            }
            return SsocredException.config("profile '" + p.name() + "' gets its credentials from credential_process ("
                    + process.get() + "), not from IAM Identity Center", "sign in with the tool that credential_process "
                    + "runs" + ssoProfiles(config));
        }
        if (p.has("web_identity_token_file")) {
            return SsocredException.config("profile '" + p.name() + "' uses web identity (web_identity_token_file), "
                    + "which ssocred does not read", "use an IAM Identity Center profile" + ssoProfiles(config));
        }
        if (p.has("role_arn")) {
            // Reached by the commands that act on an Identity Center session itself (logout, list): the role is
            // assumed on top of its source_profile, which is the profile to name there.
            Optional<String> source = p.get("source_profile");
            return SsocredException.config("profile '" + p.name() + "' assumes role_arn"
                    + source.map(s -> " with the credentials of source_profile '" + s + "'").orElse("")
                    + "; this command needs the Identity Center profile itself",
                    source.map(s -> "name the source: --profile " + s)
                            .orElse("use an IAM Identity Center profile" + ssoProfiles(config)));
        }
        if (p.has("aws_access_key_id")) {
            return SsocredException.config("profile '" + p.name() + "' uses long-term access keys ("
                    + p.settings().get("aws_access_key_id").location() + "), not IAM Identity Center; it needs no login",
                    "use it directly (aws --profile " + p.name() + " ...)" + ssoProfiles(config));
        }
        return SsocredException.config("profile '" + p.name() + "' is not set up for IAM Identity Center (" + p.where()
                + " has no sso_session or sso_start_url)", "add sso_session, sso_account_id and sso_role_name to "
                + p.where());
    }

    /** The profile named by a {@code credential_process} line that runs ssocred, if it is one. */
    static Optional<String> ssocredProfile(String commandLine) {
        List<String> words = Shlex.split(commandLine).orElse(List.of());
        List<String> positional = new java.util.ArrayList<>();
        boolean ssocred = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!ssocred) {
                ssocred = w.equals("ssocred") || w.endsWith("/ssocred");
            } else if ((w.equals("--profile") || w.equals("-p")) && i + 1 < words.size()) {
                return Optional.of(words.get(i + 1));
            } else if (w.startsWith("--profile=")) {
                return Optional.of(w.substring("--profile=".length()));
            } else if (!w.startsWith("-")) {
                positional.add(w); // the verb, then the profile: ssocred process NAME
            }
        }
        return positional.size() >= 2 ? Optional.of(positional.get(1)) : Optional.empty();
    }

    private static String ssoProfiles(AwsConfig config) {
        List<String> sso = config.profileNames().stream()
                .filter(n -> config.profile(n).map(pr -> pr.has("sso_session") || pr.has("sso_start_url")).orElse(false))
                .toList();
        return sso.isEmpty() ? "" : "; IAM Identity Center profiles: " + ProfileResolver.shortList(sso);
    }
}
