package dev.ssocred.aws;

import dev.ssocred.SsocredException;
import dev.ssocred.config.Environment;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The proxy for one endpoint, chosen from the environment as botocore chooses it (through Python's urllib):
 * {@code https_proxy}/{@code HTTPS_PROXY} for https endpoints, {@code http_proxy}/{@code HTTP_PROXY} for http ones, the
 * lower-case name winning over the upper-case one (an empty lower-case value turns the proxy off); {@code no_proxy}
 * entries match the host exactly or as a domain suffix ({@code .corp.example} and {@code corp.example} alike),
 * IP addresses as written, {@code *} everything. A proxy URL may carry {@code user:password@}; without a scheme it
 * is http.
 */
public record EnvironmentProxy(String host, int port, String username, String password) {

    public EnvironmentProxy {
        dev.ssocred.io.Secrets.hold(password);
    }

    public static Optional<EnvironmentProxy> forUrl(URI target, Environment env) {
        Map<String, String> proxies = proxies(env);
        String scheme = target.getScheme() == null ? "https" : target.getScheme().toLowerCase(Locale.ROOT);
        String url = proxies.get(scheme);
        if (url == null || bypass(target, proxies.get("no"))) {
            return Optional.empty();
        }
        return Optional.of(parse(url, scheme.toUpperCase(Locale.ROOT) + "_PROXY"));
    }

    /** urllib's getproxies_environment: any case first, then lower-case names override (and empty ones remove). */
    static Map<String, String> proxies(Environment env) {
        Map<String, String> out = new TreeMap<>();
        // Loops, not forEach's lambdas: every call that reaches the network comes here.
        for (Map.Entry<String, String> e : env.vars().entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!value.isEmpty() && lower.endsWith("_proxy")) {
                out.put(lower.substring(0, lower.length() - 6), value);
            }
        }
        for (Map.Entry<String, String> e : env.vars().entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name.endsWith("_proxy")) {
                String key = name.toLowerCase(Locale.ROOT).substring(0, name.length() - 6);
                if (value.isEmpty()) {
                    out.remove(key);
                } else {
                    out.put(key, value);
                }
            }
        }
        return out;
    }

    /** urllib's proxy_bypass_environment. */
    static boolean bypass(URI target, String noProxy) {
        if (noProxy == null) {
            return false;
        }
        if (noProxy.strip().equals("*")) {
            return true;
        }
        String hostOnly = host(target).toLowerCase(Locale.ROOT);
        String hostPort = target.getPort() < 0 ? hostOnly : hostOnly + ":" + target.getPort();
        for (String entry : noProxy.split(",")) {
            String name = entry.strip();
            while (name.startsWith(".")) {
                name = name.substring(1);
            }
            name = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (hostOnly.equals(name) || hostPort.equals(name) || hostOnly.endsWith("." + name)
                    || hostPort.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    private static String host(URI uri) {
        String h = uri.getHost() == null ? "" : uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    static EnvironmentProxy parse(String value, String variable) {
        String url = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw bad(variable, "is not a URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw bad(variable, "uses " + uri.getScheme() + "://; only http:// proxies are supported (the connection "
                    + "to an https endpoint is still encrypted end to end through the proxy)");
        }
        if (uri.getHost() == null) {
            throw bad(variable, "has no host");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        return new EnvironmentProxy(host(uri), uri.getPort() < 0 ? 80 : uri.getPort(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static SsocredException bad(String variable, String what) {
        // The value is not repeated: it may hold a password.
        return SsocredException.config("the proxy in " + variable + " " + what,
                "set " + variable + " to http://[user:password@]host:port, or unset it");
    }

    /** The password never shows. */
    @Override
    public String toString() {
        return "EnvironmentProxy[" + host + ":" + port + (username == null ? "" : ", user " + username + ", password ***")
                + "]";
    }
}
