package dev.ssocred.sso;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser's way back to us in the authorization-code flow: an HTTP listener on 127.0.0.1 only (never all
 * interfaces, as the AWS CLI binds), opened before the browser so that an already signed-in browser cannot
 * outrun it. Any path is accepted, as the AWS CLI does; a request without {@code code}/{@code error} (a favicon) is
 * ignored. A {@code state} that is not ours is refused and the wait goes on. The browser is shown a short page.
 * <p>
 * A few lines of HTTP/1.1 over a {@link ServerSocket}, not the JDK's {@code HttpServer}: that one took ~18 ms to
 * start (its logger lookup, its selector, its string concatenations bootstrapped at run time), on the way to a
 * login's prompt (docs/performance.md). Each connection has a thread of its own, so that a browser's idle
 * pre-connection cannot hold up the one that brings the answer; a request is read up to {@value #MAX_HEAD} bytes
 * for at most {@value #READ_MILLIS} ms, at most {@value #MAX_CONNECTIONS} at a time, and every answer closes its
 * connection.
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

    static final int MAX_HEAD = 8192;
    static final int READ_MILLIS = 10_000;
    static final int MAX_CONNECTIONS = 16;

    private final ServerSocket server;
    private final String state;
    private final BlockingQueue<Result> results = new ArrayBlockingQueue<>(1);
    private final AtomicInteger forged = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final Thread acceptor;

    private LoopbackCallback(ServerSocket server, String state) {
        this.server = server;
        this.state = state;
        this.acceptor = daemon(new Acceptor(this), "ssocred-loopback");
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). A port in use is a usage error naming the port. */
    public static LoopbackCallback listen(int port, String state) {
        ServerSocket server;
        try {
            server = new ServerSocket(port, 8, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (BindException e) {
            throw new SsocredException(ExitCode.USAGE, "port " + port + " on 127.0.0.1 is in use, so the browser "
                    + "cannot be received there", "choose another with --callback-port N, or stop what listens on " + port);
        } catch (IOException e) {
            throw new SsocredException(ExitCode.USAGE, "cannot listen on 127.0.0.1:" + port + " for the browser's "
                    + "answer (" + e.getMessage() + ")", "use --use-device-code, which needs no listener");
        }
        LoopbackCallback callback = new LoopbackCallback(server, state);
        callback.acceptor.start();
        return callback;
    }

    /** A daemon thread for {@code work}, not started: a login that ends must not wait for a browser's connection. */
    private static Thread daemon(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        return t;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String redirectUri() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    /** How many callbacks came with a state that was not ours. */
    public int forged() {
        return forged.get();
    }

    /** The browser's answer, or empty when {@code limit} passes first. */
    public Optional<Result> await(Duration limit) throws InterruptedException {
        return Optional.ofNullable(results.poll(limit.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Takes connections until the listener is closed, each to a thread of its own. */
    private record Acceptor(LoopbackCallback callback) implements Runnable {
        @Override
        public void run() {
            while (true) {
                Socket socket;
                try {
                    socket = callback.server.accept();
                } catch (IOException e) {
                    return; // closed: the login is over
                }
                if (callback.open.incrementAndGet() > MAX_CONNECTIONS) {
                    callback.open.decrementAndGet();
                    closeQuietly(socket);
                    continue;
                }
                daemon(new Connection(callback, socket), "ssocred-loopback-connection").start();
            }
        }
    }

    /** One connection: one request, one answer, closed. */
    private record Connection(LoopbackCallback callback, Socket socket) implements Runnable {
        @Override
        public void run() {
            try (socket) {
                socket.setSoTimeout(READ_MILLIS);
                // Buffered: the head is read a byte at a time, up to its blank line.
                String target = requestTarget(new java.io.BufferedInputStream(socket.getInputStream(), 1024));
                OutputStream out = socket.getOutputStream();
                Map<String, String> query = null;
                if (target != null) {
                    try {
                        query = query(rawQuery(target));
                    } catch (IllegalArgumentException e) {
                        // a broken %-escape (any local program or page can send one): a bad request like the rest
                    }
                }
                if (query == null) {
                    page(out, 400, "Bad request.");
                } else {
                    callback.handle(query, out);
                }
            } catch (IOException e) {
                // the browser went away or sent nothing in time: nothing to answer
            } finally {
                callback.open.decrementAndGet();
            }
        }
    }

    private void handle(Map<String, String> q, OutputStream out) throws IOException {
        if (!q.containsKey("code") && !q.containsKey("error")) {
            page(out, 404, "Nothing here.");
            return;
        }
        if (!state.equals(q.get("state"))) {
            forged.incrementAndGet();
            page(out, 400, "This sign-in answer was not for the ssocred login that is waiting (its state does not "
                    + "match), so it was ignored. You can close this tab.");
            return;
        }
        if (q.containsKey("error")) {
            page(out, 200, "Sign-in was not completed (" + escape(q.get("error")) + "). You can close this tab and "
                    + "return to the terminal.");
            results.offer(new Result(null, q.get("error")));
        } else {
            page(out, 200, "Signed in to AWS IAM Identity Center. You can close this tab and return to the terminal.");
            results.offer(new Result(q.get("code"), null));
        }
    }

    /**
     * The request target of an HTTP/1.x request line ({@code GET /oauth/callback?code=... HTTP/1.1}), having read
     * the head up to its blank line; null for anything else, or a head over {@value #MAX_HEAD} bytes.
     */
    static String requestTarget(InputStream in) throws IOException { // package-private for its test
        byte[] head = new byte[MAX_HEAD];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0 || n == MAX_HEAD) {
                return null;
            }
            head[n++] = (byte) b;
            // The blank line that ends the head: CRLF CRLF, or LF LF from a client that ends lines with LF alone.
            if (b == '\n' && (n >= 2 && head[n - 2] == '\n' || n >= 4 && head[n - 2] == '\r' && head[n - 3] == '\n')) {
                break;
            }
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        String[] parts = text.substring(0, text.indexOf('\n')).strip().split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        return parts[1];
    }

    /** The raw query of a request target (origin form, or absolute form from a proxy-minded client), or null. */
    static String rawQuery(String target) { // package-private for its test
        int q = target.indexOf('?');
        if (q < 0) {
            return null;
        }
        int hash = target.indexOf('#', q);
        return target.substring(q + 1, hash < 0 ? target.length() : hash);
    }

    private static void page(OutputStream out, int status, String text) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>ssocred</title></head><body><p>" + text
                + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        String reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/html; charset=utf-8\r\n"
                + "Cache-Control: no-store\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
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

    /**
     * Stops listening. Returns once the port is free: a socket closed while a thread is blocked in its accept is
     * closed for good only when that thread leaves, so the acceptor is waited for (a login with the same
     * --callback-port right after this one would otherwise find the port still taken).
     */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // the port is released either way
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
