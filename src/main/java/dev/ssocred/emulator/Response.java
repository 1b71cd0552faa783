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

    /** A modeled error: the type in x-amzn-ErrorType and __type, the OAuth fields when given. */
    static Response error(int status, String type, String oauthError, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", type);
        if (oauthError != null) {
            body.put("error", oauthError);
            body.put("error_description", description);
        } else {
            body.put("message", description);
        }
        return new Response(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type),
                PyJson.DEFAULT.dumps(body).getBytes(StandardCharsets.UTF_8));
    }

    void send(HttpExchange ex) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (body.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
    }
}
