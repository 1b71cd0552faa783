package dev.ssocred.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Run in a child JVM (so HOME and the endpoint variables are its own): resolves a profile with the AWS SDK for
 * Java's ProfileCredentialsProvider (credential_process, or SSO from ~/.aws/sso/cache) and calls STS.
 * Usage: JavaSdkProbe PROFILE STS_ENDPOINT; prints the account id.
 */
public final class JavaSdkProbe {
    private JavaSdkProbe() {
    }

    public static void main(String[] args) {
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(args[1]))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(ProfileCredentialsProvider.create(args[0])).build()) {
            System.out.println(sts.getCallerIdentity().account());
        }
    }
}
