package dev.ssocred.aws;

import dev.ssocred.config.ServiceEndpoints;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The time an Identity Center endpoint says it is (its {@code Date} header), for {@code ssocred doctor}: a clock
 * far off makes tokens look expired or valid when they are not. Best effort: empty when the endpoint cannot be
 * reached. Goes through the same proxy choice as every other call.
 */
public final class ServiceDate {
    private ServiceDate() {
    }

    public static Optional<Instant> of(String region, ServiceEndpoints endpoints) {
        URI uri = URI.create(endpoints.endpoint("sso_oidc").orElse("https://oidc." + region + ".amazonaws.com"));
        try {
            Optional<EnvironmentProxy> proxy = EnvironmentProxy.forUrl(uri, endpoints.env());
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(proxy.map(p -> new Proxy(Proxy.Type.HTTP,
                    java.net.InetSocketAddress.createUnresolved(p.host(), p.port()))).orElse(Proxy.NO_PROXY));
            c.setRequestMethod("HEAD");
            c.setConnectTimeout(3000);
            c.setReadTimeout(3000);
            if (c instanceof javax.net.ssl.HttpsURLConnection https && endpoints.caBundle().isPresent()) {
                javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
                ctx.init(null, CaBundle.trustManagers(endpoints.caBundle().get()), null);
                https.setSSLSocketFactory(ctx.getSocketFactory());
            }
            c.getResponseCode();
            String date = c.getHeaderField("Date");
            c.disconnect();
            return date == null ? Optional.empty()
                    : Optional.of(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
