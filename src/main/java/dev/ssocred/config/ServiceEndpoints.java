package dev.ssocred.config;

import java.util.Map;
import java.util.Optional;

/**
 * Endpoint overrides in the AWS CLI's order: {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, the
 * profile's {@code [services X]} section, the profile's {@code endpoint_url}. Disabled by
 * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true} or {@code ignore_configured_endpoint_urls = true}.
 * The same variables are how tests point ssocred at local fakes.
 */
public record ServiceEndpoints(Environment env, Map<String, Map<String, String>> services,
                               Optional<String> profileEndpointUrl, boolean ignoreConfigured,
                               Optional<String> profileCaBundle) {

    public static ServiceEndpoints fromEnvironment(Environment env) {
        return new ServiceEndpoints(env, Map.of(), Optional.empty(), false, Optional.empty());
    }

    /**
     * The PEM file of CA certificates to trust instead of the JVM's, as the AWS CLI takes it: {@code AWS_CA_BUNDLE},
     * then the profile's {@code ca_bundle}. Needed behind TLS-intercepting proxies.
     */
    public Optional<java.nio.file.Path> caBundle() {
        Optional<String> raw = env.get("AWS_CA_BUNDLE");
        if (raw.isEmpty()) {
            raw = profileCaBundle;
        }
        return raw.isPresent() ? Optional.of(AwsPaths.expand(raw.get(), env)) : Optional.empty();
    }

    /**
     * Whether the AWS SDK's endpoint rules pick {@code serviceId}'s endpoint: none is configured, and FIPS or
     * dual-stack endpoints are asked for ({@code AWS_USE_FIPS_ENDPOINT} or {@code AWS_USE_DUALSTACK_ENDPOINT} set to
     * anything but {@code false}; the SDK reads both itself). The calls made without the SDK leave such endpoints to
     * it, and the front door sends such a miss to the JVM that has it.
     */
    public boolean sdkPicks(String serviceId) {
        return endpoint(serviceId).isEmpty()
                && (asked(env.get("AWS_USE_FIPS_ENDPOINT")) || asked(env.get("AWS_USE_DUALSTACK_ENDPOINT")));
    }

    private static boolean asked(Optional<String> value) {
        return value.isPresent() && !value.get().strip().equalsIgnoreCase("false");
    }

    /** {@code serviceId} in config form: {@code sso}, {@code sso_oidc}, {@code sts}. */
    public Optional<String> endpoint(String serviceId) {
        if (ignoreConfigured || env.isTrue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
            return Optional.empty();
        }
        Optional<String> specific = env.get("AWS_ENDPOINT_URL_" + serviceId.toUpperCase(java.util.Locale.ROOT));
        if (specific.isPresent()) {
            return specific;
        }
        Optional<String> global = env.get("AWS_ENDPOINT_URL");
        if (global.isPresent()) {
            return global;
        }
        Map<String, String> service = services.get(serviceId);
        if (service != null && service.containsKey("endpoint_url")) {
            return Optional.of(service.get("endpoint_url"));
        }
        return profileEndpointUrl;
    }
}
