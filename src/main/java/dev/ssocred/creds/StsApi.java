package dev.ssocred.creds;

import dev.ssocred.config.ServiceEndpoints;
import java.util.Optional;

/** Port to STS, signed with given credentials. Failures are {@link dev.ssocred.ServiceException}s. */
public interface StsApi {

    /** GetCallerIdentity: who these credentials are. */
    CallerIdentity callerIdentity(RoleCredentials credentials, String region, ServiceEndpoints endpoints);

    /** AssumeRole, signed with {@code source}. */
    AssumedRole assumeRole(RoleCredentials source, AssumeRoleRequest request, String region, ServiceEndpoints endpoints);

    /** GetCallerIdentity's answer, as {@code aws sts get-caller-identity} prints it. */
    record CallerIdentity(String userId, String account, String arn) {
    }

    /** AssumeRole's arguments; {@code tokenCode} is the MFA code typed for {@code serialNumber}. */
    record AssumeRoleRequest(String roleArn, String roleSessionName, Optional<String> externalId,
                             Optional<String> serialNumber, Optional<String> tokenCode,
                             Optional<Integer> durationSeconds) {
        @Override
        public String toString() {
            return "AssumeRoleRequest[" + roleArn + ", session=" + roleSessionName + ", externalId="
                    + externalId.map(x -> "***").orElse("none") + ", mfa=" + serialNumber.orElse("none") + "]";
        }
    }

    /** AssumeRole's answer: the credentials (with the account from the ARN) and who they are. */
    record AssumedRole(RoleCredentials credentials, String arn, String assumedRoleId) {
    }
}
