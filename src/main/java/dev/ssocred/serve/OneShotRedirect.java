package dev.ssocred.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands a secret URL to the browser without putting it on a command line: a browser is started with arguments any
 * local user can read in {@code /proc/PID/cmdline}, and the console sign-in URL carries a SigninToken that is a
 * credential for 15 minutes. The browser gets {@code http://127.0.0.1:PORT/<random>} instead, answered once with a
 * 302 to the real URL; every later request (someone who read the command line and came second) gets 410 and is
 * counted, so ssocred can say the link was opened twice.
 */
public final class OneShotRedirect implements AutoCloseable {
    private final HttpServer server;
    private final String path;
    private final String target;
    private final CountDownLatch used = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();

    private OneShotRedirect(HttpServer server, String path, String target) {
        this.server = server;
        this.path = path;
        this.target = target;
    }

    public static OneShotRedirect start(String target) throws IOException {
        NoDelay.forJdkHttpServer();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 8);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String path = "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        OneShotRedirect r = new OneShotRedirect(server, path, target);
        server.createContext("/", r::handle);
        server.start();
        return r;
    }

    /** The loopback URL to give the browser. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!path.equals(ex.getRequestURI().getPath())) {
                send(ex, 404, "Not found.");
                return;
            }
            if (requests.getAndIncrement() > 0) {
                send(ex, 410, "This sign-in link has been used already. Run ssocred console again for a new one.");
                return;
            }
            ex.getResponseHeaders().add("Location", target);
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            ex.getResponseHeaders().add("Referrer-Policy", "no-referrer");
            send(ex, 302, "Opening the AWS console.");
            used.countDown();
        }
    }

    private static void send(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** True once the browser has been redirected; false if {@code timeout} passed first. */
    public boolean awaitUse(Duration timeout) throws InterruptedException {
        return used.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Requests for the link after the first: nonzero means someone else asked for it too. */
    public int extraRequests() {
        return Math.max(0, requests.get() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
