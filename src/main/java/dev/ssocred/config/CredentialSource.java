package dev.ssocred.config;

import java.util.Optional;

/**
 * Where a profile's credentials come from, resolved the way botocore's provider chain resolves it: an IAM Identity
 * Center role, a role assumed with another source's credentials ({@code role_arn} + {@code source_profile}), or
 * long-term keys. The commands ask for credentials of a source and never which kind it is.
 */
public sealed interface CredentialSource {

    /** The profile this source was resolved for. */
    String profile();

    /** The profile's {@code region}, exported next to the keys. */
    Optional<String> region();

    /** The endpoint overrides for calls made with these credentials (STS, the sign-in endpoint). */
    ServiceEndpoints endpoints();

    /**
     * The region of calls made with these credentials (whoami's STS, the console's partition): the profile's, else
     * its Identity Center session's, else us-east-1.
     */
    default String apiRegion() {
        if (region().isPresent()) {
            return region().get();
        }
        Optional<SsoProfile> root = ssoRoot();
        return root.isPresent() ? root.get().session().region() : "us-east-1";
    }

    /** {@code sso_account_id}/{@code sso_role_name} through an sso-session or a legacy start URL. */
    record SsoRole(SsoProfile sso) implements CredentialSource {
        @Override
        public String profile() {
            return sso.name();
        }

        @Override
        public Optional<String> region() {
            return sso.region();
        }

        @Override
        public ServiceEndpoints endpoints() {
            return sso.endpoints();
        }
    }

    /** {@code aws_access_key_id} and {@code aws_secret_access_key} in the credentials or config file. */
    record StaticKeys(String profile, String accessKeyId, String secretAccessKey, Optional<String> sessionToken,
                      Optional<String> region, String where, ServiceEndpoints endpoints) implements CredentialSource {
        public StaticKeys {
            dev.ssocred.io.Secrets.hold(secretAccessKey, sessionToken.orElse(null));
        }

        @Override
        public String toString() {
            return "StaticKeys[" + profile + ", " + accessKeyId + ", secrets=***]";
        }
    }

    /**
     * {@code role_arn}, assumed with the credentials of {@code source} (its {@code source_profile}). The optional
     * settings are exactly the AssumeRole arguments botocore derives from the profile, which is also what its cache key
     * is made of. Every STS call of a chain goes to {@code stsRegion} and {@code endpoints} of the profile that was
     * asked for, as botocore's client creator does; {@code aws-global} when no region is configured.
     */
    record AssumedRole(String profile, String roleArn, Optional<String> roleSessionName, Optional<String> externalId,
                       Optional<String> mfaSerial, Optional<Integer> durationSeconds, CredentialSource source,
                       Optional<String> region, String stsRegion, ServiceEndpoints endpoints) implements CredentialSource {
    }

    /** The Identity Center role at the end of the chain, if there is one: the session a login signs in to. */
    default Optional<SsoProfile> ssoRoot() {
        if (this instanceof SsoRole s) {
            return Optional.of(s.sso());
        }
        return this instanceof AssumedRole a ? a.source().ssoRoot() : Optional.empty();
    }
}
