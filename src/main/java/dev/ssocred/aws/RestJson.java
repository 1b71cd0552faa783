package dev.ssocred.aws;

import dev.ssocred.ServiceException;
import dev.ssocred.ServiceException.Kind;
import dev.ssocred.io.Json;
import dev.ssocred.sso.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One restJson1 call over a JDK connection, as the SDK's clients made it, for the calls written out without the SDK
 * ({@link HttpPortalApi}, {@link HttpOidcApi}; docs/architecture.md "Calls without the SDK"):
 * <ul>
 * <li>the error's type from {@code x-amzn-ErrorType}, else the body's {@code __type} or {@code code}, cut at the
 * colon (and after a namespace's {@code #}); its message from the body's {@code message}, {@code Message} or
 * {@code errorMessage};</li>
 * <li>the SDK's legacy retry policy, which the clients had: 4 attempts; 500/502/503/504 and I/O failures after 0-100,
 * 0-200, 0-400 ms (full jitter); 429 and throttling codes after 250-500, 500-1000, 1000-2000 ms (equal jitter); all
 * within the 30 s the SDK gave the whole call, so that a hung endpoint does not hold a caller for four timeouts.</li>
 * </ul>
 * Answers are read whole up to 64 KiB and never quoted in a message: a token answer's body is a secret.
 */
final class RestJson {
    private static final int MAX_ATTEMPTS = 4;
    private static final int MAX_BODY = 64 * 1024;
    /** The error codes the SDK retries as throttling, whatever the status. */
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
            "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
            "EC2ThrottledException");

    /**
     * How calls are made: the SDK clients' timeouts (5 s to connect, 30 s for the whole call, retries included), its
     * retries, and the sleeper between attempts. {@link SdkClients#defaults()} takes the same timeouts from here.
     */
    record Settings(Duration connectTimeout, Duration callTimeout, boolean retries, Sleeper sleeper) {
        static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(30), true,
                Sleeper.SYSTEM);
    }

    private final URI endpoint;
    private final Connections connections;
    private final Settings settings;

    RestJson(URI endpoint, Connections connections, Settings settings) {
        this.endpoint = endpoint;
        this.connections = connections;
        this.settings = settings;
    }

    /**
     * Calls to {@code serviceId} ({@code sso}, {@code sso_oidc}) at its configured endpoint or
     * {@code https://HOST.REGION.SUFFIX}, through the proxy and CA bundle the environment and profile name for it; null
     * when the SDK's rules must pick the endpoint ({@link Partitions#endpoint}).
     */
    static RestJson to(String serviceId, String host, String region, dev.ssocred.config.ServiceEndpoints endpoints,
                       Settings settings) {
        URI target = Partitions.endpoint(serviceId, host, region, endpoints);
        return target == null ? null : new RestJson(target, Connections.to(target, endpoints, settings.connectTimeout(),
                settings.callTimeout()), settings);
    }

    /** {@code make}'s value, made on first use and kept: the SDK's client behind one of ours. */
    static <T> java.util.function.Supplier<T> onFirstUse(java.util.function.Supplier<T> make) {
        return new java.util.function.Supplier<T>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }

    /**
     * What an error answer said. {@code error} and {@code errorDescription} are the OAuth members sso-oidc puts in
     * its error bodies, null when absent; nothing else of the body is kept.
     */
    record Failure(int status, String code, String message, String error, String errorDescription) {
        /** "Code (HTTP 400): message", as {@link SdkClients#describe} has the SDK's exceptions. */
        String describe() {
            StringBuilder text = new StringBuilder(code != null ? code : "error").append(" (HTTP ").append(status)
                    .append(")");
            if (message != null && !message.isBlank()) {
                text.append(": ").append(ServiceException.firstLine(message));
            }
            return text.toString();
        }
    }

    /** Turns an error answer into the API's exception. */
    interface Errors {
        ServiceException exception(Failure failure);
    }

    String endpoint() {
        return endpoint.toString();
    }

    /** The endpoint (with any path it has) and {@code path}, which starts with a slash. */
    URI resolve(String pathAndQuery) {
        String base = endpoint.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + pathAndQuery);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /**
     * The body of a 2xx answer to {@code method uri} with {@code headers} and, for a POST, the JSON {@code body}.
     * Errors come as {@code errors} makes them, after the retries.
     */
    String call(String operation, String method, URI uri, Map<String, String> headers, String body, Errors errors) {
        long deadline = System.nanoTime() + settings.callTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            ServiceException failure;
            boolean throttled;
            try {
                Answer answer = once(method, uri, headers, body);
                if (answer.status / 100 == 2) {
                    return answer.body;
                }
                Failure f = failure(answer);
                failure = errors.exception(f);
                throttled = f.status == 429 || (f.code != null && THROTTLING.contains(f.code));
                boolean again = throttled || f.status == 500 || f.status == 502 || f.status == 503 || f.status == 504;
                if (!again) {
                    throw failure;
                }
            } catch (IOException e) {
                // The JDK's messages name the host and port at most, never a header or a body.
                failure = new ServiceException(Kind.NETWORK, operation, endpoint(),
                        ServiceException.firstLine("Unable to execute HTTP request: " + e.getMessage()), e);
                throttled = false;
            }
            if (!settings.retries() || attempt == MAX_ATTEMPTS || System.nanoTime() - deadline > 0) {
                throw failure;
            }
            pause(throttled, attempt);
        }
    }

    /** An answer as it came: the status, the error type header, the body (up to 64 KiB). */
    private record Answer(int status, String typeHeader, String body) {
        /** Not the body: a token answer's is a secret. */
        @Override
        public String toString() {
            return "Answer[status=" + status + ", typeHeader=" + typeHeader + ", body=***]";
        }
    }

    private Answer once(String method, URI uri, Map<String, String> headers, String body) throws IOException {
        HttpURLConnection c = connections.open(uri);
        try {
            c.setRequestMethod(method);
            // Never after a redirect: the JDK would send our headers, the bearer token among them, to wherever the
            // answer points. A 3xx is an error, as for the SDK's client.
            c.setInstanceFollowRedirects(false);
            c.setRequestProperty("Accept", "application/json");
            c.setRequestProperty("User-Agent", "ssocred");
            for (Map.Entry<String, String> h : headers.entrySet()) {
                c.setRequestProperty(h.getKey(), h.getValue());
            }
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                c.setRequestProperty("Content-Type", "application/json");
                // Streamed, as the SDK's URL-connection client sends it (and so, like it, without the body of a 401).
                c.setFixedLengthStreamingMode(bytes.length);
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String text = "";
            if (in != null) {
                try (in) {
                    text = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
                }
            }
            return new Answer(status, c.getHeaderField("x-amzn-ErrorType"), text);
        } finally {
            c.disconnect();
        }
    }

    private static Failure failure(Answer answer) {
        Map<String, Object> json = null;
        try {
            json = Json.parseObject(answer.body);
        } catch (IOException | RuntimeException e) {
            // not JSON (a proxy's page): the status is what is left to go by
        }
        String code = answer.typeHeader;
        if ((code == null || code.isEmpty()) && json != null) {
            code = string(json, "__type") != null ? string(json, "__type") : string(json, "code");
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
        for (String key : new String[] {"message", "Message", "errorMessage"}) {
            if (message == null) {
                message = string(json, key);
            }
        }
        return new Failure(answer.status, code, message, string(json, "error"), string(json, "error_description"));
    }

    /** A string member of {@code json} (which may be null), else null. */
    private static String string(Map<String, Object> json, String name) {
        return json != null && json.get(name) instanceof String s ? s : null;
    }

    /** What the SDK made of a status it has no modeled error for. */
    static Kind kindOfStatus(int status) {
        return status == 429 ? Kind.THROTTLED : status >= 500 ? Kind.SERVER_ERROR : Kind.OTHER;
    }

    /** What {@link #malformed} says of an answer the SDK's unmarshaller would refuse. */
    static final String NOT_DEFINED = "the answer is not what the API defines";

    /** An answer that is not what the API defines: no cause and no quote of the body, which may hold a secret. */
    ServiceException malformed(String operation, String what) {
        return new ServiceException(Kind.OTHER, operation, endpoint(), what, null);
    }

    /** The answer's JSON object, or {@link #malformed}. */
    Map<String, Object> object(String operation, String text) {
        try {
            return Json.parseObject(text);
        } catch (IOException | RuntimeException e) {
            throw malformed(operation, NOT_DEFINED);
        }
    }

    /** {@code json}'s members, read as the SDK's unmarshaller reads them, for {@code operation}'s answer. */
    Members members(String operation, Map<?, ?> json) {
        return new Members(operation, json);
    }

    /** An answer's members; one the SDK would refuse makes the whole answer {@link #malformed}. */
    final class Members {
        private final String operation;
        private final Map<?, ?> json;

        private Members(String operation, Map<?, ?> json) {
            this.operation = operation;
            this.json = json;
        }

        /** A string member ({@link RestJson#text}). */
        String text(String name) {
            try {
                return RestJson.text(json.get(name));
            } catch (Unreadable e) {
                throw malformed(operation, NOT_DEFINED);
            }
        }

        /** A member of the model's {@code Long} type ({@link RestJson#integer}). */
        Long integer(String name) {
            try {
                return RestJson.integer(json.get(name));
            } catch (Unreadable e) {
                throw malformed(operation, NOT_DEFINED);
            }
        }

        /** A member of the model's {@code Integer} type: out of its range, the SDK refuses it too. */
        Integer int32(String name) {
            Long n = integer(name);
            if (n != null && n != n.intValue()) {
                throw malformed(operation, NOT_DEFINED);
            }
            return n == null ? null : n.intValue();
        }
    }

    /** Thrown by {@link #text} and {@link #integer} for a value the SDK's unmarshaller would refuse too. */
    static final class Unreadable extends Exception {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    /**
     * A string member as the SDK's unmarshaller reads it (measured, {@code PortalApiWireMockTest}): a JSON string; a
     * number or a boolean as its text; an object as absent; an array refused.
     */
    static String text(Object value) throws Unreadable {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof java.util.List) {
            throw new Unreadable();
        }
        return null;
    }

    /** An integer member as the SDK's unmarshaller reads it: a JSON integer, or a string holding one. */
    static Long integer(Object value) throws Unreadable {
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new Unreadable();
            }
        }
        throw new Unreadable();
    }

    private void pause(boolean throttled, int attempt) {
        long ceiling = Math.min(20_000, (throttled ? 500L : 100L) << (attempt - 1));
        long wait = throttled ? ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1)
                : ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            settings.sleeper().sleep(Duration.ofMillis(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
