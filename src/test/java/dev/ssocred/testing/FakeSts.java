package dev.ssocred.testing;

import dev.ssocred.ServiceException;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.creds.StsApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fake STS: records each AssumeRole with the credentials that signed it; fails with {@code failWith} when set. */
public final class FakeSts implements StsApi {
    public record Call(String signedWith, AssumeRoleRequest request, String region) {
    }

    public final List<Call> calls = new ArrayList<>();
    public Instant expiration = Instant.parse("2030-01-01T00:00:00Z");
    public ServiceException.Kind failWith;

    @Override
    public CallerIdentity callerIdentity(RoleCredentials credentials, String region, ServiceEndpoints endpoints) {
        return new CallerIdentity("AIDAFAKE", credentials.accountId(), "arn:aws:sts::" + credentials.accountId() + ":fake");
    }

    @Override
    public AssumedRole assumeRole(RoleCredentials source, AssumeRoleRequest request, String region,
                                  ServiceEndpoints endpoints) {
        calls.add(new Call(source.accessKeyId(), request, region));
        if (failWith != null) {
            throw new ServiceException(failWith, "AssumeRole", "http://fake-sts", failWith.name() + " (HTTP 403): no", null);
        }
        String account = request.roleArn().split(":")[4];
        String role = request.roleArn().replaceAll("^.*:role/", "");
        String arn = "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + request.roleSessionName();
        return new AssumedRole(new RoleCredentials("ASIAROLE" + calls.size(), "role-secret-" + calls.size(),
                "role-token-" + calls.size(), expiration, account), arn, "AROAFAKE:" + request.roleSessionName());
    }
}
