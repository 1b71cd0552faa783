package dev.ssocred.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP forward proxy, run as its own process by the proxy tests: CONNECT tunnels for https, absolute-form
 * requests for http, optional Basic proxy authentication, and its own host table, so that an endpoint whose name
 * resolves nowhere (sso.example.test) is reachable through it and only through it. Logs one line per request on
 * stdout ("CONNECT sso.example.test:443 auth=ok") for the tests to read.
 *
 * <p>{@code java -cp target/test-classes dev.ssocred.testing.ForwardProxy [--auth user:pass] [--map host=port]...}
 * prints {@code PORT n} first. Listens on 127.0.0.1 only; exits when stdin closes.
 */
public final class ForwardProxy {
    private final Map<String, Integer> hosts = new LinkedHashMap<>();

    private final String expectedAuth;
    private final PrintStream log;

    ForwardProxy(String auth, PrintStream log) {
        this.expectedAuth = auth == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8));
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        String auth = null;
        ForwardProxy proxy = null;
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--auth")) {
                auth = args[++i];
            } else if (args[i].equals("--map")) {
                String[] hp = args[++i].split("=");
                map.put(hp[0].toLowerCase(Locale.ROOT), Integer.parseInt(hp[1]));
            }
        }
        proxy = new ForwardProxy(auth, System.out);
        proxy.hosts.putAll(map);
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        System.out.println("PORT " + server.getLocalPort());
        System.out.flush();
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // until the test closes our stdin
                }
            } catch (IOException e) {
                // gone
            }
            System.exit(0);
        });
        stdin.setDaemon(true);
        stdin.start();
        while (true) {
            Socket client = server.accept();
            ForwardProxy p = proxy;
            Thread t = new Thread(() -> p.serve(client));
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            String method = requestLine[0];
            String target = requestLine[1];
            String authHeader = header(head, "proxy-authorization");
            boolean authOk = expectedAuth == null || expectedAuth.equals(authHeader);
            String hostPort = method.equals("CONNECT") ? target : hostPort(URI.create(target));
            synchronized (log) {
                log.println(method + " " + hostPort + " auth=" + (expectedAuth == null ? "none" : authOk ? "ok" : "missing"));
                log.flush();
            }
            OutputStream out = client.getOutputStream();
            if (!authOk) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            Integer port = route(hostPort);
            if (port == null) {
                out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                if (method.equals("CONNECT")) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } else {
                    URI uri = URI.create(target);
                    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                    String rest = head.substring(head.indexOf("\r\n") + 2).replaceAll("(?im)^proxy-[^\r\n]*\r\n", "");
                    upstream.getOutputStream().write((method + " " + path + " " + requestLine[2] + "\r\n" + rest)
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
                Thread up = new Thread(() -> pipe(in, upstream));
                up.setDaemon(true);
                up.start();
                pipe(upstream.getInputStream(), client.getOutputStream());
            }
        } catch (Exception e) {
            // a broken connection ends that request only
        }
    }

    /** Only names in the table reach anything: the proxy is the one place where they resolve. */
    private Integer route(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return hosts.get((colon < 0 ? hostPort : hostPort.substring(0, colon)).toLowerCase(Locale.ROOT));
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 80 : uri.getPort());
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException e) {
            // closed
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            buf.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }
}
