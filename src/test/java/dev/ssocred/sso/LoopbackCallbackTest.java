package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The loopback listener as browsers and other local programs meet it, over real sockets. */
class LoopbackCallbackTest {
    private static String exchange(LoopbackCallback cb, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), cb.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\nConnection: keep-alive\r\n\r\n";
    }

    @Test
    void theAnswerIsTakenAndEveryRequestGetsAPageAndAClosedConnection() throws Exception {
        try (LoopbackCallback cb = LoopbackCallback.listen(0, "st")) {
            String favicon = exchange(cb, get("/favicon.ico"));
            assertTrue(favicon.startsWith("HTTP/1.1 404 Not Found\r\n"), favicon);
            String forged = exchange(cb, get("/oauth/callback?code=evil&state=other"));
            assertTrue(forged.startsWith("HTTP/1.1 400 Bad Request\r\n") && forged.contains("was not for the ssocred "
                    + "login"), forged);
            assertEquals(1, cb.forged());
            assertEquals(Optional.empty(), cb.await(Duration.ofMillis(50)), "the wait goes on");
            String ok = exchange(cb, get("/oauth/callback?code=the%2Bcode&state=st"));
            assertTrue(ok.startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: "
                    + "no-store\r\nContent-Length: "), ok);
            assertTrue(ok.contains("\r\nConnection: close\r\n\r\n<!doctype html>") && ok.contains("Signed in"), ok);
            String body = ok.substring(ok.indexOf("\r\n\r\n") + 4);
            assertTrue(ok.contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"), ok);
            assertEquals("the+code", cb.await(Duration.ofSeconds(5)).orElseThrow().code());
        }
    }

    @Test
    void anErrorFromTheServerIsPassedOnAndShownHarmlessly() throws Exception {
        try (LoopbackCallback cb = LoopbackCallback.listen(0, "st")) {
            String page = exchange(cb, get("/oauth/callback?error=%3Cscript%3E&state=st"));
            assertTrue(page.contains("(?script?)"), page);
            assertEquals("<script>", cb.await(Duration.ofSeconds(5)).orElseThrow().error());
        }
    }

    @Test
    void anIdleConnectionDoesNotHoldUpTheAnswer() throws Exception {
        try (LoopbackCallback cb = LoopbackCallback.listen(0, "st");
             Socket idle = new Socket(InetAddress.getLoopbackAddress(), cb.port())) { // a browser's pre-connection
            List<Socket> more = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                more.add(new Socket(InetAddress.getLoopbackAddress(), cb.port()));
            }
            String ok = exchange(cb, get("/oauth/callback?code=c&state=st"));
            assertTrue(ok.startsWith("HTTP/1.1 200 OK"), ok);
            assertEquals("c", cb.await(Duration.ofSeconds(5)).orElseThrow().code());
            for (Socket s : more) {
                s.close();
            }
        }
    }

    @Test
    void garbageAndOversizedRequestsAreRefusedAndTheWaitGoesOn() throws Exception {
        try (LoopbackCallback cb = LoopbackCallback.listen(0, "st")) {
            assertTrue(exchange(cb, "hello\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request"));
            assertTrue(exchange(cb, "GET /oauth/callback?code=c&state=st SPDY/3\r\n\r\n").startsWith("HTTP/1.1 400"));
            String huge = "GET /oauth/callback?code=c&state=st HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n";
            try {
                assertTrue(exchange(cb, huge).startsWith("HTTP/1.1 400"));
            } catch (java.net.SocketException reset) {
                // closed with the rest of the head unread: the kernel may reset the connection before the page is read
            }
            assertEquals(Optional.empty(), cb.await(Duration.ofMillis(50)));
            assertEquals(0, cb.forged());
        }
    }

    @Test
    void aQueryWithABrokenEscapeIsRefusedAndTheWaitGoesOn() throws Exception {
        // Any program on this machine, or a page in the browser, can send one: it must get an answer, not kill the
        // connection's thread with an exception printed on the terminal.
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        try (LoopbackCallback cb = LoopbackCallback.listen(0, "st")) {
            String page = exchange(cb, get("/oauth/callback?code=%zz&state=st"));
            assertTrue(page.startsWith("HTTP/1.1 400 Bad Request"), page);
            assertEquals(Optional.empty(), cb.await(Duration.ofMillis(50)), "the wait goes on");
            assertTrue(exchange(cb, get("/oauth/callback?code=c&state=st")).startsWith("HTTP/1.1 200 OK"));
            assertEquals("c", cb.await(Duration.ofSeconds(5)).orElseThrow().code());
        } finally {
            System.setErr(before);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void closingReleasesThePortBeforeItReturnsEveryTime() throws Exception {
        // Bound again at once (a connect would prove less: a socket may be given the freed port and reach itself).
        // A socket closed while its acceptor is blocked is closed for good only when that thread leaves: many
        // rounds, since the race is short.
        for (int round = 0; round < 300; round++) {
            LoopbackCallback cb = LoopbackCallback.listen(0, "st");
            int port = cb.port();
            cb.close();
            try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, again.getLocalPort());
            }
        }
    }

    @Test
    void theRequestLineIsReadUpToItsBlankLine() throws Exception {
        assertEquals("/a?b=c", LoopbackCallback.requestTarget(in("GET /a?b=c HTTP/1.1\r\nHost: x\r\n\r\n")));
        assertEquals("/a", LoopbackCallback.requestTarget(in("GET /a HTTP/1.0\n\n")));
        assertEquals("http://127.0.0.1:9/a?q", LoopbackCallback.requestTarget(in("GET http://127.0.0.1:9/a?q HTTP/1.1\r\n\r\n")));
        assertNull(LoopbackCallback.requestTarget(in("GET /a HTTP/1.1\r\nHost: x\r\n")), "no blank line: cut short");
        assertNull(LoopbackCallback.requestTarget(in("GET  /a HTTP/1.1\r\n\r\n")));
        assertNull(LoopbackCallback.requestTarget(in("\r\n\r\n")));
        assertEquals("c=d", LoopbackCallback.rawQuery("/a?c=d#frag"));
        assertEquals("c=d", LoopbackCallback.rawQuery("http://127.0.0.1:9/a?c=d"));
        assertNull(LoopbackCallback.rawQuery("/a"));
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
