package dev.ssocred.config;

import dev.ssocred.SsocredException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Resolves a profile to its {@link CredentialSource} in botocore's order: {@code role_arn} first (assume-role is
 * ahead of SSO in the provider chain), then IAM Identity Center, then static keys. A source profile is read as
 * botocore's {@code _resolve_credentials_from_profile} reads it: static keys win over its own {@code role_arn}, which
 * is what lets a profile name itself as its source.
 */
public final class SourceResolver {
    private final ProfileResolver profiles;
    private final Environment env;
    private final Consumer<String> warnings;

    public SourceResolver(ProfileResolver profiles, Environment env, Consumer<String> warnings) {
        this.profiles = profiles;
        this.env = env;
        this.warnings = warnings;
    }

    public CredentialSource resolve(String name) {
        Profile top = profiles.profile(name);
        List<String> visited = new ArrayList<>(List.of(name));
        return resolve(top, visited, top);
    }

    private CredentialSource resolve(Profile p, List<String> visited, Profile top) {
        boolean role = p.has("role_arn") && !p.has("web_identity_token_file");
        if (role && (p == top || !hasStaticKeys(p))) {
            return assumed(p, visited, top);
        }
        if (!p.has("sso_account_id") && !p.has("sso_role_name") && hasStaticKeys(p)) {
            return staticKeys(p);
        }
        // The profile in hand, not its name: building a profile merges both files, and this is the cache-hit path.
        return new CredentialSource.SsoRole(profiles.forCredentials(p));
    }

    static boolean hasStaticKeys(Profile p) {
        return p.has("aws_access_key_id") || p.has("aws_secret_access_key");
    }

    private CredentialSource staticKeys(Profile p) {
        for (String key : List.of("aws_access_key_id", "aws_secret_access_key")) {
            if (!p.has(key)) {
                throw SsocredException.config("profile '" + p.name() + "' has "
                        + (key.equals("aws_access_key_id") ? "aws_secret_access_key" : "aws_access_key_id")
                        + " but no " + key, "add " + key + " to " + p.where());
            }
        }
        String where = p.settings().get("aws_access_key_id").location();
        return new CredentialSource.StaticKeys(p.name(), p.get("aws_access_key_id").get(),
                p.get("aws_secret_access_key").get(), p.get("aws_session_token"), p.get("region"), where,
                profiles.endpoints(p));
    }

    private CredentialSource assumed(Profile p, List<String> visited, Profile top) {
        Optional<String> sourceName = p.get("source_profile");
        Optional<String> credentialSource = p.get("credential_source");
        if (sourceName.isPresent() && credentialSource.isPresent()) {
            throw SsocredException.config("profile '" + p.name() + "' has both source_profile and credential_source",
                    "keep one of them in " + p.where());
        }
        if (credentialSource.isPresent()) {
            throw SsocredException.config("profile '" + p.name() + "' takes its source credentials from credential_source = "
                    + credentialSource.get() + " (" + p.settings().get("credential_source").location()
                    + "), which ssocred does not read", "use source_profile = NAME of an IAM Identity Center profile "
                    + "(or one with keys) in " + p.where());
        }
        if (sourceName.isEmpty()) {
            throw SsocredException.config("profile '" + p.name() + "' has role_arn but no source_profile to assume it with",
                    "add source_profile = NAME of an IAM Identity Center profile to " + p.where());
        }
        String src = sourceName.get();
        Optional<Profile> found = profiles.findProfile(src); // no lambdas on the cache-hit path (see AwsConfig)
        if (found.isEmpty()) {
            throw SsocredException.config("source_profile '" + src + "' of profile '" + p.name() + "' ("
                    + p.settings().get("source_profile").location() + ") does not exist", profiles.didYouMean(src)
                    + "add [profile " + src + "] or change source_profile");
        }
        Profile source = found.get();
        if (visited.contains(src) && (!src.equals(p.name()) || !hasStaticKeys(source))) {
            List<String> chain = new ArrayList<>(visited);
            chain.add(src);
            throw SsocredException.config("the source_profile chain loops: " + String.join(" -> ", chain),
                    "change source_profile in " + p.where() + " to a profile that ends the chain (one with "
                            + "sso_session or keys)");
        }
        visited.add(src);
        CredentialSource inner = resolve(source, visited, top);
        return new CredentialSource.AssumedRole(p.name(), p.get("role_arn").get(), p.get("role_session_name"),
                p.get("external_id"), p.get("mfa_serial"), duration(p), inner, top.get("region"), stsRegion(top),
                profiles.endpoints(top));
    }

    /** The region of the STS call: AWS_REGION, AWS_DEFAULT_REGION, the top profile's region, else aws-global. */
    private String stsRegion(Profile top) {
        for (Optional<String> r : List.of(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), top.get("region"))) {
            if (r.isPresent()) {
                return r.get();
            }
        }
        return "aws-global";
    }

    /** botocore passes DurationSeconds only when it is an integer and silently drops anything else; we say so. */
    private Optional<Integer> duration(Profile p) {
        Optional<String> raw = p.get("duration_seconds");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(raw.get().strip()));
        } catch (NumberFormatException e) {
            warnings.accept(p.settings().get("duration_seconds").location() + ": duration_seconds = " + raw.get()
                    + " is not a whole number of seconds; ignored, as the AWS CLI ignores it");
            return Optional.empty();
        }
    }
}
