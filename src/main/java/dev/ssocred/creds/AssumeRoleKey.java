package dev.ssocred.creds;

import dev.ssocred.config.CredentialSource;
import dev.ssocred.io.PyJson;
import dev.ssocred.io.Sha1;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file name botocore's assume-role provider caches a role under in ~/.aws/cli/cache, so the AWS CLI and ssocred
 * find each other's entries: sha1 of {@code json.dumps(args, sort_keys=True)} (default separators, unlike the SSO
 * key) over the AssumeRole arguments the profile configures: RoleArn, and RoleSessionName, ExternalId,
 * SerialNumber and DurationSeconds (a number) where set. A generated session name is left out, as botocore
 * leaves out its {@code botocore-session-<epoch>}; the MFA code never enters the key.
 */
public final class AssumeRoleKey {
    private AssumeRoleKey() {
    }

    public static String of(CredentialSource.AssumedRole role) {
        Map<String, Object> args = new TreeMap<>();
        args.put("RoleArn", role.roleArn());
        // ifs, not ifPresent lambdas: a cached assumed role is answered on the cache-hit path (docs/performance.md).
        if (role.roleSessionName().isPresent()) {
            args.put("RoleSessionName", role.roleSessionName().get());
        }
        if (role.externalId().isPresent()) {
            args.put("ExternalId", role.externalId().get());
        }
        if (role.mfaSerial().isPresent()) {
            args.put("SerialNumber", role.mfaSerial().get());
        }
        if (role.durationSeconds().isPresent()) {
            args.put("DurationSeconds", role.durationSeconds().get());
        }
        // botocore's _make_file_safe replaces ':' and '/' (none in a hex digest) with '_'.
        return Sha1.hex(PyJson.DEFAULT.dumps(args));
    }
}
