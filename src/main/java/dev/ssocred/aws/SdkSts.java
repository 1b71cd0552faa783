package dev.ssocred.aws;

import dev.ssocred.creds.RoleCredentials;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/** STS GetCallerIdentity signed with given credentials: proves they work (used by {@code ssocred demo}). */
public final class SdkSts {
    private SdkSts() {
    }

    /** The caller's ARN as STS reports it. */
    public static String callerArn(SdkClients clients, RoleCredentials c, String region, Optional<String> endpoint) {
        var builder = clients.configure(StsClient.builder(), region, endpoint).credentialsProvider(
                StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
        try (StsClient sts = builder.build()) {
            return sts.getCallerIdentity().arn();
        } catch (SdkException e) {
            throw SdkClients.generic(e, "GetCallerIdentity", endpoint.orElse("https://sts." + region + ".amazonaws.com"));
        }
    }
}
