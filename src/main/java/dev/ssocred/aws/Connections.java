package dev.ssocred.aws;

import dev.ssocred.config.ServiceEndpoints;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK connections every call goes out on, with the proxy the environment names for the endpoint and the CA
 * bundle the configuration names. No AWS SDK class here: {@link HttpPortalApi} opens these in the JVM that answers a
 * cache miss without the SDK, and {@link ProxiedConnections} hands the same connections to the SDK's clients.
 *
 * <p>Through a proxy, the JDK does not send a Proxy-Authorization header set on the request with the CONNECT that
 * tunnels to an https endpoint, so an authenticating corporate proxy would answer 407. The credentials go through a
 * per-connection {@link Authenticator} instead, which the JDK uses for the tunnel too (Basic is enabled for tunnels
 * below, as curl and Python do), and are also sent up front on plain-http requests, which cannot be replayed after a
 * 407.
 */
final class Connections {
    static {
        // The JDK disables Basic for CONNECT by default; an explicit setting by the user is kept.
        if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
            System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
        }
    }

    private final Proxy proxy;
    private final SSLSocketFactory tls;
    private final Authenticator auth;
    private final String basic;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    private Connections(Proxy proxy, SSLSocketFactory tls, Authenticator auth, String basic, Duration connectTimeout,
                        Duration readTimeout) {
        this.proxy = proxy;
        this.tls = tls;
        this.auth = auth;
        this.basic = basic;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * Connections to {@code target}: through the proxy the environment names for it, trusting the configured CA
     * bundle if any (only for https: a plain-http endpoint needs no trust store, and building one costs time).
     */
    static Connections to(URI target, ServiceEndpoints endpoints, Duration connectTimeout, Duration readTimeout) {
        boolean tls = !"http".equalsIgnoreCase(target.getScheme());
        Optional<java.nio.file.Path> bundle = endpoints.caBundle();
        TrustManager[] trust = tls && bundle.isPresent() ? CaBundle.trustManagers(bundle.get()) : null;
        Optional<EnvironmentProxy> proxy = EnvironmentProxy.forUrl(target, endpoints.env());
        return proxy.isPresent() ? through(proxy.get(), trust, connectTimeout, readTimeout)
                : direct(trust, connectTimeout, readTimeout);
    }

    /** Straight to the endpoint, never through a proxy the JVM might pick up on its own. */
    static Connections direct(TrustManager[] trust, Duration connectTimeout, Duration readTimeout) {
        return new Connections(Proxy.NO_PROXY, trust == null ? null : socketFactory(trust), null, null, connectTimeout,
                readTimeout);
    }

    static Connections through(EnvironmentProxy proxy, TrustManager[] trust, Duration connectTimeout,
                               Duration readTimeout) {
        Proxy jdkProxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port()));
        Authenticator auth = proxy.username() == null ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication(proxy.username(), proxy.password().toCharArray()) : null;
            }
        };
        String basic = proxy.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (proxy.username() + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8));
        return new Connections(jdkProxy, trust == null ? null : socketFactory(trust), auth, basic, connectTimeout,
                readTimeout);
    }

    HttpURLConnection open(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(proxy);
        c.setConnectTimeout((int) connectTimeout.toMillis());
        c.setReadTimeout((int) readTimeout.toMillis());
        if (auth != null) {
            c.setAuthenticator(auth);
        }
        if (c instanceof HttpsURLConnection https) {
            if (tls != null) {
                https.setSSLSocketFactory(tls);
            }
        } else if (basic != null) {
            c.setRequestProperty("Proxy-Authorization", basic);
        }
        return c;
    }

    private static SSLSocketFactory socketFactory(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
