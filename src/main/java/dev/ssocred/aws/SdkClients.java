package dev.ssocred.aws;

import dev.ssocred.ServiceException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * How every SDK client is built: explicit region, anonymous credentials (these APIs are unsigned), the JDK's URL
 * client, our own endpoint resolution, and an empty profile file so the SDK never reads ~/.aws on its own (we
 * already did, with the AWS CLI's rules).
 */
public record SdkClients(Duration connectTimeout, Duration callTimeout, boolean retries) {
    static {
        // Whatever profile file a client is given, the SDK's builder also loads ~/.aws/config and ~/.aws/credentials
        // for every client it builds (SdkDefaultClientBuilder.mergeGlobalDefaults makes the default supplier, which
        // reads both at once). Its parser refuses lines the AWS CLI reads ("output: json" failed every miss with an
        // internal error), and it costs a miss ~15 ms. These properties outrank AWS_CONFIG_FILE for the SDK only;
        // /dev/null is not a regular file, so the SDK takes both as absent, and only root can replace it.
        System.setProperty("aws.configFile", "/dev/null");
        System.setProperty("aws.sharedCredentialsFile", "/dev/null");
    }

    private static final ProfileFile EMPTY = ProfileFile.builder().content("").type(ProfileFile.Type.CONFIGURATION).build();

    public static SdkClients defaults() {
        // The same timeouts as the calls made without the SDK.
        return new SdkClients(RestJson.Settings.DEFAULTS.connectTimeout(), RestJson.Settings.DEFAULTS.callTimeout(),
                true);
    }

    /**
     * A client for {@code serviceId} ({@code sso}, {@code sso_oidc}, {@code sts}) in {@code region}: the configured
     * endpoint or {@code defaultEndpoint}, the CA bundle and the proxy the environment names for that endpoint.
     */
    <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
            dev.ssocred.config.ServiceEndpoints endpoints, String serviceId, String defaultEndpoint) {
        Optional<String> endpoint = endpoints.endpoint(serviceId);
        URI target = URI.create(endpoint.orElse(defaultEndpoint));
        return configure(builder, region, endpoint, endpoints.caBundle(),
                EnvironmentProxy.forUrl(target, endpoints.env()));
    }

    <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
                                                                                Optional<String> endpoint) {
        return configure(builder, region, endpoint, Optional.empty(), Optional.empty());
    }

    /** As above, trusting the CA certificates in {@code caBundle} instead of the JVM's when one is configured. */
    <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
            Optional<String> endpoint, Optional<java.nio.file.Path> caBundle, Optional<EnvironmentProxy> proxy) {
        software.amazon.awssdk.http.SdkHttpClient http = http(endpoint, caBundle, proxy);
        builder.region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .overrideConfiguration(o -> {
                    o.defaultProfileFileSupplier(() -> EMPTY).defaultProfileName("default").apiCallTimeout(callTimeout);
                    if (!retries) {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                });
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * An HTTP client for a plain HTTPS call outside the SDK's clients (the console's federation endpoint), with the
     * same CA bundle and proxy rules as every other call.
     */
    public software.amazon.awssdk.http.SdkHttpClient http(URI target, dev.ssocred.config.ServiceEndpoints endpoints) {
        return http(Optional.of(target.toString()), endpoints.caBundle(), EnvironmentProxy.forUrl(target, endpoints.env()));
    }

    private software.amazon.awssdk.http.SdkHttpClient http(Optional<String> endpoint, Optional<java.nio.file.Path> caBundle,
                                                            Optional<EnvironmentProxy> proxy) {
        // A plain-http endpoint (a local emulator) needs no trust store; building one from a big bundle costs time.
        boolean tls = endpoint.map(e -> !e.regionMatches(true, 0, "http:", 0, 5)).orElse(true);
        javax.net.ssl.TrustManager[] trust = caBundle.isPresent() && tls ? CaBundle.trustManagers(caBundle.get()) : null;
        if (proxy.isPresent()) {
            return ProxiedConnections.client(proxy.get(), trust, connectTimeout, callTimeout);
        }
        if (!tls) {
            // The SDK's builder makes an SSLContext from the JDK's cacerts whatever the scheme: ~70 ms of a miss.
            return ProxiedConnections.direct(connectTimeout, callTimeout);
        }
        // Never the SDK's own proxy lookup: it reads HTTP_PROXY for https endpoints too, and no NO_PROXY suffixes.
        UrlConnectionHttpClient.Builder b = UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout)
                .socketTimeout(callTimeout).proxyConfiguration(ProxyConfiguration.builder()
                        .useSystemPropertyValues(false).useEnvironmentVariablesValues(false).build());
        if (trust != null) {
            b.tlsTrustManagersProvider(() -> trust);
        }
        return b.build();
    }

    /** Classifies anything the SDK threw that the service-specific mapping did not claim. */
    static ServiceException generic(SdkException e, String operation, String endpoint) {
        if (e instanceof AwsServiceException ase) {
            int status = ase.statusCode();
            ServiceException.Kind kind = status == 429 ? ServiceException.Kind.THROTTLED
                    : status >= 500 ? ServiceException.Kind.SERVER_ERROR : ServiceException.Kind.OTHER;
            return new ServiceException(kind, operation, endpoint, describe(ase), e);
        }
        if (e instanceof SdkClientException) {
            if (causedByIo(e)) {
                return new ServiceException(ServiceException.Kind.NETWORK, operation, endpoint,
                        ServiceException.firstLine(e.getMessage()), e);
            }
            // A parser's message may quote the body it choked on, and a token answer's body is a secret. No cause
            // either: --debug prints the cause chain.
            return new ServiceException(ServiceException.Kind.OTHER, operation, endpoint,
                    RestJson.NOT_DEFINED, null);
        }
        return new ServiceException(ServiceException.Kind.OTHER, operation, endpoint,
                ServiceException.firstLine(e.getMessage()), e);
    }

    /** Timeouts and I/O failures are the network's; a JSON parser's IOException is an unreadable answer. */
    private static boolean causedByIo(Throwable t) {
        if (t instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException
                || t instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException) {
            return true;
        }
        boolean io = false;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getClass().getName().contains(".jackson.")) {
                return false;
            }
            io |= c instanceof java.io.IOException || c instanceof java.io.UncheckedIOException;
        }
        return io;
    }

    /** "ErrorCode (HTTP 400): message" without the request details the SDK appends. */
    static String describe(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String msg = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        StringBuilder sb = new StringBuilder();
        sb.append(code != null ? code : "error").append(" (HTTP ").append(e.statusCode()).append(")");
        if (msg != null && !msg.isBlank()) {
            sb.append(": ").append(ServiceException.firstLine(msg));
        }
        return sb.toString();
    }
}
