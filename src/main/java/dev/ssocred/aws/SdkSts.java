package dev.ssocred.aws;

import dev.ssocred.creds.RoleCredentials;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/** STS GetCallerIdentity signed with given credentials: {@code ssocred whoami}, and the demo's proof. */
public final class SdkSts implements dev.ssocred.creds.StsApi {
    private final SdkClients clients;

    public SdkSts(SdkClients clients) {
        this.clients = clients;
    }

    @Override
    public CallerIdentity callerIdentity(RoleCredentials c, String region, dev.ssocred.config.ServiceEndpoints endpoints) {
        String fallback = "https://sts." + region + ".amazonaws.com";
        var builder = clients.configure(StsClient.builder(), region, endpoints, "sts", fallback).credentialsProvider(
                StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                        c.sessionToken())));
        try (StsClient sts = builder.build()) {
            var r = sts.getCallerIdentity();
            return new CallerIdentity(r.userId(), r.account(), r.arn());
        } catch (SdkException e) {
            throw SdkClients.generic(e, "GetCallerIdentity", endpoints.endpoint("sts").orElse(fallback));
        }
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
