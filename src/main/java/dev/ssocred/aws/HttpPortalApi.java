package dev.ssocred.aws;

import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.io.Json;
import dev.ssocred.sso.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * GetRoleCredentials written out over a JDK connection; the portal's other operations go to the SDK's client.
 *
 * <p>Why not the SDK for this one call: it is the call of every cache miss, including the 32 callers of a burst, and
 * the SDK's first client costs a JVM ~30 ms of builders, endpoint rules and interceptors and ~25 ms of request
 * pipeline, plus (so that a cache hit need not map the SDK's 2,500 classes) a second JVM to run in, ~50 ms more. The
 * call itself is one unsigned GET with the token in a header (the sso model, restJson1); docs/architecture.md, "One
 * call without the SDK", has the figures. {@code PortalApiDifferentialTest} holds this class to the SDK client's
 * answers, errors included, on the same wire; anything this class does not know how to reach (FIPS or dual-stack
 * endpoints, a region of an unknown shape) is left to the SDK.
 *
 * <p>As the SDK client did: the configured endpoint or the partition's, the environment's proxy and CA bundle
 * ({@link Connections}), 5 s to connect and 30 s to answer, and its legacy retry policy (4 attempts; transient
 * failures after 0-100, 0-200, 0-400 ms, throttling after 250-500, 500-1000, 1000-2000 ms).
 */
public final class HttpPortalApi implements PortalApi {
    static final String OPERATION = "GetRoleCredentials";
    private static final int MAX_ATTEMPTS = 4;
    private static final int MAX_BODY = 64 * 1024;
    /** The error codes the SDK retries as throttling, whatever the status. */
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
            "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
            "EC2ThrottledException");

    private final URI endpoint;
    private final Connections connections;
    private final Duration readTimeout;
    private final boolean retries;
    private final Sleeper sleeper;
    private final Supplier<PortalApi> sdk;
    private PortalApi sdkApi;

    private HttpPortalApi(URI endpoint, Connections connections, Duration readTimeout, boolean retries, Sleeper sleeper,
                          Supplier<PortalApi> sdk) {
        this.endpoint = endpoint;
        this.connections = connections;
        this.readTimeout = readTimeout;
        this.retries = retries;
        this.sleeper = sleeper;
        this.sdk = sdk;
    }

    /** Main's: {@code sdk} makes the SDK's client, for the other operations and the endpoints we leave to it. */
    public static PortalApi.Factory factory(Supplier<PortalApi.Factory> sdk) {
        return factory(sdk, Duration.ofSeconds(5), Duration.ofSeconds(30), true, Sleeper.SYSTEM);
    }

    static PortalApi.Factory factory(Supplier<PortalApi.Factory> sdk, Duration connectTimeout, Duration readTimeout,
                                     boolean retries, Sleeper sleeper) {
        return new PortalApi.Factory() {
            @Override
            public PortalApi create(String region, ServiceEndpoints endpoints) {
                Supplier<PortalApi> sdkApi = new Supplier<>() {
                    @Override
                    public PortalApi get() {
                        return sdk.get().create(region, endpoints);
                    }
                };
                URI target = target(region, endpoints);
                if (target == null) {
                    return sdkApi.get();
                }
                return new HttpPortalApi(target, Connections.to(target, endpoints, connectTimeout, readTimeout),
                        readTimeout, retries, sleeper, sdkApi);
            }
        };
    }

    /**
     * The configured endpoint, else {@code https://portal.sso.REGION.SUFFIX}; null when the SDK's rules must choose
     * (it reads AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT itself, and knows every partition).
     */
    static URI target(String region, ServiceEndpoints endpoints) {
        java.util.Optional<String> configured = endpoints.endpoint("sso");
        if (configured.isPresent()) {
            try {
                URI uri = URI.create(configured.get());
                return uri.getScheme() != null && uri.getHost() != null && uri.getRawQuery() == null ? uri : null;
            } catch (IllegalArgumentException e) {
                return null; // the SDK's builder says what is wrong with it
            }
        }
        if (endpoints.env().get("AWS_USE_FIPS_ENDPOINT").isPresent()
                || endpoints.env().get("AWS_USE_DUALSTACK_ENDPOINT").isPresent()) {
            return null;
        }
        String suffix = Partitions.dnsSuffix(region);
        return suffix == null ? null : URI.create("https://portal.sso." + region + "." + suffix);
    }

    @Override
    public RoleCredentials getRoleCredentials(String accessToken, String accountId, String roleName) {
        String base = endpoint.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri = URI.create(base + "/federation/credentials?role_name=" + encode(roleName) + "&account_id="
                + encode(accountId));
        // The SDK client's 30 s were for the whole call, retries included: a hung endpoint must not hold a
        // credential_process caller for four read timeouts.
        long deadline = System.nanoTime() + readTimeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return parse(call(uri, accessToken), accountId);
            } catch (Retry r) {
                if (!retries || attempt == MAX_ATTEMPTS || System.nanoTime() - deadline > 0) {
                    throw r.failure;
                }
                pause(r.throttled, attempt);
            }
        }
    }

    /** A failure the SDK would try again. */
    private static final class Retry extends RuntimeException {
        final ServiceException failure;
        final boolean throttled;

        Retry(ServiceException failure, boolean throttled) {
            super(null, null, false, false);
            this.failure = failure;
            this.throttled = throttled;
        }
    }

    /** The answer's body on 200, else the error it means (a {@link Retry} when worth another attempt). */
    private String call(URI uri, String accessToken) {
        HttpURLConnection c = null;
        try {
            c = connections.open(uri);
            c.setRequestMethod("GET");
            c.setRequestProperty("x-amz-sso_bearer_token", accessToken);
            c.setRequestProperty("Accept", "application/json");
            c.setRequestProperty("User-Agent", "ssocred");
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String body = "";
            if (in != null) {
                try (in) {
                    body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
                }
            }
            if (status / 100 == 2) {
                return body;
            }
            throw error(status, c.getHeaderField("x-amzn-ErrorType"), body);
        } catch (IOException e) {
            // The JDK's messages name the host and port at most; never the query (ours carries no secret anyway).
            throw new Retry(new ServiceException(Kind.NETWORK, OPERATION, endpoint.toString(),
                    ServiceException.firstLine("Unable to execute HTTP request: " + e.getMessage()), e), false);
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    /** restJson1's error: the type from x-amzn-ErrorType or the body's __type or code, the message from the body. */
    private RuntimeException error(int status, String typeHeader, String body) {
        Map<String, Object> json = null;
        try {
            json = Json.parseObject(body);
        } catch (IOException | RuntimeException e) {
            // not JSON (a proxy's page): the status is what is left to go by
        }
        String code = typeHeader;
        if ((code == null || code.isEmpty()) && json != null) {
            code = json.get("__type") instanceof String s ? s : json.get("code") instanceof String s ? s : null;
            if (code != null && code.indexOf('#') >= 0) {
                code = code.substring(code.indexOf('#') + 1);
            }
        }
        if (code != null && code.indexOf(':') >= 0) {
            code = code.substring(0, code.indexOf(':'));
        }
        if (code != null && code.isEmpty()) {
            code = null;
        }
        String message = null;
        if (json != null) {
            for (String key : new String[] {"message", "Message", "errorMessage"}) {
                if (json.get(key) instanceof String s) {
                    message = s;
                    break;
                }
            }
        }
        StringBuilder text = new StringBuilder(code != null ? code : "error").append(" (HTTP ").append(status).append(")");
        if (message != null && !message.isBlank()) {
            text.append(": ").append(ServiceException.firstLine(message));
        }
        ServiceException e = new ServiceException(kind(status, code), OPERATION, endpoint.toString(), text.toString(),
                null);
        boolean throttled = status == 429 || (code != null && THROTTLING.contains(code));
        boolean transientStatus = status == 500 || status == 502 || status == 503 || status == 504;
        return throttled || transientStatus ? new Retry(e, throttled) : e;
    }

    /**
     * The portal's errors as kinds, as {@link SdkPortalApi} has them. ForbiddenException (403, "No access") is what
     * the service sends for a role without an assignment, although the model does not list it.
     */
    private static Kind kind(int status, String code) {
        if (code != null) {
            switch (code) {
                case "UnauthorizedException":
                    return Kind.UNAUTHORIZED;
                case "TooManyRequestsException":
                    return Kind.THROTTLED;
                case "ResourceNotFoundException":
                    return Kind.NOT_FOUND;
                case "InvalidRequestException":
                    return Kind.INVALID_REQUEST;
                case "ForbiddenException":
                    return Kind.ACCESS_DENIED;
                default:
                    break;
            }
        }
        return status == 403 ? Kind.ACCESS_DENIED : status == 429 ? Kind.THROTTLED
                : status >= 500 ? Kind.SERVER_ERROR : Kind.OTHER;
    }

    private RoleCredentials parse(String body, String accountId) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(body);
        } catch (IOException | RuntimeException e) {
            // No cause and no quote of the body: it may be a half-read answer holding a secret.
            throw new ServiceException(Kind.OTHER, OPERATION, endpoint.toString(), "the answer is not what the API defines",
                    null);
        }
        Object rc = json.get("roleCredentials");
        if (rc != null && !(rc instanceof Map)) {
            throw new ServiceException(Kind.OTHER, OPERATION, endpoint.toString(), "the answer is not what the API defines",
                    null);
        }
        Map<?, ?> c = rc == null ? Map.of() : (Map<?, ?>) rc;
        Object id = c.get("accessKeyId");
        Object secret = c.get("secretAccessKey");
        Object session = c.get("sessionToken");
        Object expiration = c.get("expiration");
        if (!optionalString(id) || !optionalString(secret) || !optionalString(session)
                || (expiration != null && !(expiration instanceof Long))) {
            throw new ServiceException(Kind.OTHER, OPERATION, endpoint.toString(), "the answer is not what the API defines",
                    null);
        }
        if (id == null || secret == null || expiration == null) {
            throw new ServiceException(Kind.OTHER, OPERATION, endpoint.toString(),
                    "the answer had no complete roleCredentials", null);
        }
        return new RoleCredentials((String) id, (String) secret, (String) session,
                Instant.ofEpochMilli((Long) expiration), accountId);
    }

    private static boolean optionalString(Object o) {
        return o == null || o instanceof String;
    }

    /** The SDK's legacy backoff: full jitter from 100 ms, equal jitter from 500 ms when throttled; at most 20 s. */
    private void pause(boolean throttled, int attempt) {
        long ceiling = Math.min(20_000, (throttled ? 500L : 100L) << (attempt - 1));
        long wait = throttled ? ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1)
                : ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            sleeper.sleep(Duration.ofMillis(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private PortalApi sdk() {
        if (sdkApi == null) {
            sdkApi = sdk.get();
        }
        return sdkApi;
    }

    @Override
    public Page<Account> listAccounts(String accessToken, String nextToken) {
        return sdk().listAccounts(accessToken, nextToken);
    }

    @Override
    public Page<String> listAccountRoles(String accessToken, String accountId, String nextToken) {
        return sdk().listAccountRoles(accessToken, accountId, nextToken);
    }

    @Override
    public void logout(String accessToken) {
        sdk().logout(accessToken);
    }
}
