package dev.ssocred.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The SDK's URL-connection client over {@link Connections}, opened by us rather than by the SDK: its own proxy
 * support put the proxy's credentials in a header that the JDK does not send with the CONNECT that tunnels to an
 * https endpoint, so an authenticating corporate proxy answered 407.
 */
final class ProxiedConnections {
    private ProxiedConnections() {
    }

    static SdkHttpClient client(EnvironmentProxy proxy, TrustManager[] trust, Duration connectTimeout,
                                Duration readTimeout) {
        return over(Connections.through(proxy, trust, connectTimeout, readTimeout));
    }

    /** Plain-http connections without a proxy (a local endpoint): the JDK's URL client, no TLS set up. */
    static SdkHttpClient direct(Duration connectTimeout, Duration readTimeout) {
        return over(Connections.direct(null, connectTimeout, readTimeout));
    }

    private static SdkHttpClient over(Connections connections) {
        return UrlConnectionHttpClient.create(uri -> {
            try {
                return connections.open(uri);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
