package dev.ssocred.sso;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The browser's way back to us in the authorization-code flow: an HTTP listener on 127.0.0.1 only (never all
 * interfaces, as the AWS CLI binds), opened before the browser so that an already signed-in browser cannot
 * outrun it. Any path is accepted, as the AWS CLI does; a request without {@code code}/{@code error} (a favicon) is
 * ignored. A {@code state} that is not ours is refused and the wait goes on. The browser is shown a short page.
 */
public final class LoopbackCallback implements AutoCloseable {
    public static final String PATH = "/oauth/callback";

    /** What the browser brought back: a code, or the error the authorization server redirected with. */
    public record Result(String code, String error) {
        public Result {
            dev.ssocred.io.Secrets.hold(code);
        }

        @Override
        public String toString() {
            return "Result[code=" + (code == null ? null : "***") + ", error=" + error + "]";
        }
    }

    private final HttpServer server;
    private final String state;
    private final BlockingQueue<Result> results = new ArrayBlockingQueue<>(1);
    private volatile int forged;

    private LoopbackCallback(HttpServer server, String state) {
        this.server = server;
        this.state = state;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). A port in use is a usage error naming the port. */
    public static LoopbackCallback listen(int port, String state) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 8);
        } catch (BindException e) {
            throw new SsocredException(ExitCode.USAGE, "port " + port + " on 127.0.0.1 is in use, so the browser "
                    + "cannot be received there", "choose another with --callback-port N, or stop what listens on " + port);
        } catch (IOException e) {
            throw new SsocredException(ExitCode.USAGE, "cannot listen on 127.0.0.1:" + port + " for the browser's "
                    + "answer (" + e.getMessage() + ")", "use --use-device-code, which needs no listener");
        }
        LoopbackCallback callback = new LoopbackCallback(server, state);
        server.createContext("/", callback::handle);
        server.setExecutor(null);
        server.start();
        return callback;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String redirectUri() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    /** How many callbacks came with a state that was not ours. */
    public int forged() {
        return forged;
    }

    /** The browser's answer, or empty when {@code limit} passes first. */
    public Optional<Result> await(Duration limit) throws InterruptedException {
        return Optional.ofNullable(results.poll(limit.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if (!q.containsKey("code") && !q.containsKey("error")) {
                page(ex, 404, "Nothing here.");
                return;
            }
            if (!state.equals(q.get("state"))) {
                forged++;
                page(ex, 400, "This sign-in answer was not for the ssocred login that is waiting (its state does not "
                        + "match), so it was ignored. You can close this tab.");
                return;
            }
            if (q.containsKey("error")) {
                page(ex, 200, "Sign-in was not completed (" + escape(q.get("error")) + "). You can close this tab and "
                        + "return to the terminal.");
                results.offer(new Result(null, q.get("error")));
            } else {
                page(ex, 200, "Signed in to AWS IAM Identity Center. You can close this tab and return to the terminal.");
                results.offer(new Result(q.get("code"), null));
            }
        }
    }

    private static void page(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>ssocred</title></head><body><p>" + text
                + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** The error code from the server, made harmless in HTML. */
    static String escape(String s) { // package-private for its test
        return s == null ? "" : s.replaceAll("[^A-Za-z0-9_ .-]", "?");
    }

    static Map<String, String> query(String raw) { // package-private for its test
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
