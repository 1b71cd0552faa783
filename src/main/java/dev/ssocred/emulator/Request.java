package dev.ssocred.emulator;

import com.sun.net.httpserver.HttpExchange;
import dev.ssocred.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request, body read. */
record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers, byte[] body) {
    static Request read(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                form(ex.getRequestURI().getRawQuery()), headers, body);
    }

    /** Method and path only: headers carry bearer tokens and bodies client secrets. */
    @Override
    public String toString() {
        return "Request[" + method + " " + path + "]";
    }

    String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    Map<String, Object> json() {
        try {
            return body.length == 0 ? Map.of() : Json.parseObject(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not JSON");
        }
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
