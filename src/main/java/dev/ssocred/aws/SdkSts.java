package dev.ssocred.aws;

import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.creds.StsApi;
import java.util.Optional;
import dev.ssocred.ServiceException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS signed with given credentials: AssumeRole for role chaining, GetCallerIdentity for {@code whoami} and the demo. */
public final class SdkSts implements StsApi {
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

    @Override
    public AssumedRole assumeRole(RoleCredentials source, StsApi.AssumeRoleRequest req, String region,
                                  dev.ssocred.config.ServiceEndpoints endpoints) {
        String fallback = region.equals("aws-global") ? "https://sts.amazonaws.com" : "https://sts." + region + ".amazonaws.com";
        var builder = clients.configure(StsClient.builder(), region, endpoints, "sts", fallback)
                .credentialsProvider(StaticCredentialsProvider.create(source.sessionToken() == null
                        ? AwsBasicCredentials.create(source.accessKeyId(), source.secretAccessKey())
                        : AwsSessionCredentials.create(source.accessKeyId(), source.secretAccessKey(), source.sessionToken())));
        var r = software.amazon.awssdk.services.sts.model.AssumeRoleRequest.builder().roleArn(req.roleArn()).roleSessionName(req.roleSessionName());
        req.externalId().ifPresent(r::externalId);
        req.serialNumber().ifPresent(r::serialNumber);
        req.tokenCode().ifPresent(r::tokenCode);
        req.durationSeconds().ifPresent(r::durationSeconds);
        String endpoint = endpoints.endpoint("sts").orElse(fallback);
        try (StsClient sts = builder.build()) {
            var answer = sts.assumeRole(r.build());
            var c = answer.credentials();
            if (c == null || c.accessKeyId() == null || c.secretAccessKey() == null || c.expiration() == null
                    || answer.assumedRoleUser() == null) {
                throw new ServiceException(ServiceException.Kind.OTHER, "AssumeRole", endpoint,
                        "the answer has no credentials", null);
            }
            String arn = answer.assumedRoleUser().arn();
            RoleCredentials creds = new RoleCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                    c.expiration(), dev.ssocred.creds.RoleCredentialsCache.accountOf(arn));
            return new AssumedRole(creds, arn, answer.assumedRoleUser().assumedRoleId());
        } catch (StsException e) {
            String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
            ServiceException.Kind kind = switch (code) {
                case "AccessDenied" -> ServiceException.Kind.ACCESS_DENIED;
                case "ExpiredToken", "ExpiredTokenException" -> ServiceException.Kind.EXPIRED_TOKEN;
                case "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException" ->
                        ServiceException.Kind.UNAUTHORIZED;
                case "ValidationError" -> ServiceException.Kind.INVALID_REQUEST;
                default -> null;
            };
            if (kind == null) {
                throw SdkClients.generic(e, "AssumeRole", endpoint);
            }
            throw new ServiceException(kind, "AssumeRole", endpoint, SdkClients.describe(e), e);
        } catch (SdkException e) {
            throw SdkClients.generic(e, "AssumeRole", endpoint);
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
