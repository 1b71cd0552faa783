package dev.ssocred.emulator;

import com.sun.net.httpserver.HttpExchange;
import dev.ssocred.io.PyJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer. */
record Response(int status, Map<String, String> headers, byte[] body) {
    static Response json(int status, Map<String, ?> body) {
        return new Response(status, Map.of("Content-Type", "application/json"),
                PyJson.DEFAULT.dumps(body).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error as the service sends it (restJson1): the type in {@code x-amzn-ErrorType}, followed as on the real
     * service by the internal namespace that clients strip at the colon; the body holds the OAuth fields (sso-oidc)
     * or a {@code message} (sso portal), and no {@code __type}.
     */
    static Response error(int status, String type, String oauthError, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (oauthError != null) {
            body.put("error", oauthError);
            body.put("error_description", description);
        } else {
            body.put("message", description);
        }
        return new Response(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
                type + ":http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"),
                PyJson.DEFAULT.dumps(body).getBytes(StandardCharsets.UTF_8));
    }

    void send(HttpExchange ex) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (body.length == 0 || ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
    }
}
