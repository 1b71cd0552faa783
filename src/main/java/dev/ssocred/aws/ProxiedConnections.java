package dev.ssocred.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Connections through an HTTP proxy, opened by us rather than by the SDK's URL-connection client: that client puts
 * the proxy's credentials in a header that the JDK does not send with the CONNECT that tunnels to an https
 * endpoint, so an authenticating corporate proxy answered 407. Here the credentials go through a per-connection
 * {@link Authenticator}, which the JDK uses for the tunnel too (Basic is enabled for tunnels below, as curl and
 * Python do), and are also sent up front on plain-http requests, which cannot be replayed after a 407.
 */
final class ProxiedConnections {
    static {
        // The JDK disables Basic for CONNECT by default; an explicit setting by the user is kept.
        if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
            System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
        }
    }

    private ProxiedConnections() {
    }

    static SdkHttpClient client(EnvironmentProxy proxy, TrustManager[] trust, Duration connectTimeout,
                                Duration readTimeout) {
        Proxy jdkProxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port()));
        SSLSocketFactory tls = trust == null ? null : socketFactory(trust);
        Authenticator auth = proxy.username() == null ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication(proxy.username(), proxy.password().toCharArray()) : null;
            }
        };
        String basic = proxy.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (proxy.username() + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8));
        return UrlConnectionHttpClient.create(uri -> open(uri, jdkProxy, tls, auth, basic, connectTimeout, readTimeout));
    }

    /** Plain-http connections without a proxy (a local endpoint): the JDK's URL client, no TLS set up. */
    static SdkHttpClient direct(Duration connectTimeout, Duration readTimeout) {
        return UrlConnectionHttpClient.create(uri -> open(uri, Proxy.NO_PROXY, null, null, null, connectTimeout,
                readTimeout));
    }

    private static HttpURLConnection open(URI uri, Proxy proxy, SSLSocketFactory tls, Authenticator auth, String basic,
                                          Duration connectTimeout, Duration readTimeout) {
        try {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
