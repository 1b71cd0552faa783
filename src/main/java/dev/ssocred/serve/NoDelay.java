package dev.ssocred.serve;

/**
 * The JDK's {@code HttpServer} writes an answer's headers and body separately, and with Nagle's algorithm on, a
 * keep-alive client's delayed ACK holds the body back ~40 ms: every answer after a connection's first waited that
 * long (measured: median 44 ms for {@code serve}; the emulator's GetRoleCredentials after a refresh on the same
 * connection, 44 ms). With TCP_NODELAY it is well under a millisecond. The JDK reads the property once, when its
 * first server is made, so this runs before each {@code HttpServer.create}; a value the user set wins.
 */
public final class NoDelay {
    private NoDelay() {
    }

    public static void forJdkHttpServer() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
}
