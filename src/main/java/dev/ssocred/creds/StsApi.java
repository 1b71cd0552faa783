package dev.ssocred.creds;

import dev.ssocred.config.ServiceEndpoints;

/** Port to STS, signed with role credentials. Failures are {@link dev.ssocred.ServiceException}s. */
public interface StsApi {

    /** GetCallerIdentity: who these credentials are. */
    CallerIdentity callerIdentity(RoleCredentials credentials, String region, ServiceEndpoints endpoints);

    /** GetCallerIdentity's answer, as {@code aws sts get-caller-identity} prints it. */
    record CallerIdentity(String userId, String account, String arn) {
    }
}
