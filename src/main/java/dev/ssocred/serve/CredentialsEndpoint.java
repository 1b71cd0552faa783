package dev.ssocred.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.io.PyJson;
import dev.ssocred.io.Timestamps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A credentials endpoint in the container-credentials format the SDKs read through
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}: a loopback HTTP call
 * instead of starting a process, and a job that runs for hours keeps getting fresh credentials. Listens on 127.0.0.1
 * only; every request must carry the random token of this run (compared in constant time).
 */
public final class CredentialsEndpoint implements AutoCloseable {
    public static final String PATH = "/credentials";

    private final HttpServer server;
    private final byte[] token;
    private final String tokenText;
    private final Supplier<RoleCredentials> credentials;
    private final Consumer<String> log;

    private CredentialsEndpoint(HttpServer server, String token, Supplier<RoleCredentials> credentials,
                                Consumer<String> log) {
        this.server = server;
        this.tokenText = token;
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.credentials = credentials;
        this.log = log;
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port) with a new random token. */
    public static CredentialsEndpoint start(int port, Supplier<RoleCredentials> credentials, Consumer<String> log)
            throws IOException {
        NoDelay.forJdkHttpServer();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                port), 64);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        dev.ssocred.io.Secrets.hold(token);
        CredentialsEndpoint endpoint = new CredentialsEndpoint(server, token, credentials, log);
        server.createContext("/", endpoint::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "serve");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return endpoint;
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public String token() {
        return tokenText;
    }

    /** The two variables an SDK needs, in that order. */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri());
        vars.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", tokenText);
        return vars;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String given = ex.getRequestHeaders().getFirst("Authorization");
            boolean authorized = given != null
                    && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.US_ASCII));
            if (!PATH.equals(ex.getRequestURI().getPath())) {
                answer(ex, 404, error("NotFound", "only " + PATH + " is served"));
            } else if (!authorized) {
                answer(ex, 401, error("AccessDenied", "missing or wrong Authorization token"));
            } else {
                try {
                    RoleCredentials c = credentials.get();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("AccessKeyId", c.accessKeyId());
                    body.put("SecretAccessKey", c.secretAccessKey());
                    body.put("Token", c.sessionToken());
                    if (c.expiration() != null) {
                        body.put("Expiration", Timestamps.format(c.expiration()));
                    }
                    if (c.accountId() != null) {
                        body.put("AccountId", c.accountId());
                    }
                    answer(ex, 200, body);
                } catch (RuntimeException e) {
                    // A login is needed, or the service failed: the SDK sees an error and the message says why, and
                    // so does the person who started the endpoint, with the fix.
                    answer(ex, 500, error("CredentialsUnavailable", String.valueOf(e.getMessage())));
                    String hint = e instanceof dev.ssocred.SsocredException s ? s.hint() : null;
                    log.accept("no credentials: " + e.getMessage() + (hint == null ? "" : "; " + hint));
                }
            }
        }
    }

    private void answer(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = PyJson.DEFAULT.dumps(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        log.accept(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + status);
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Code", code);
        body.put("Message", message);
        return body;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
