package dev.ssocred.console;

import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.io.PyJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS federation endpoint's URLs (IAM User Guide, "Enable custom identity broker access to the AWS console"):
 * {@code getSigninToken} trades temporary credentials for a SigninToken, {@code login} trades that for a console
 * session. Each partition has its own sign-in and console hosts.
 */
public final class SigninUrls {
    private SigninUrls() {
    }

    /** Sign-in and console hosts of the partition a region belongs to. */
    record Partition(String signin, String console) {
    }

    static Partition partition(String region) {
        if (region.startsWith("us-gov-")) {
            return new Partition("https://signin.amazonaws-us-gov.com", "https://console.amazonaws-us-gov.com");
        }
        if (region.startsWith("cn-")) {
            return new Partition("https://signin.amazonaws.cn", "https://console.amazonaws.cn");
        }
        return new Partition("https://signin.aws.amazon.com", "https://console.aws.amazon.com");
    }

    /**
     * The federation endpoint: {@code override} ({@code AWS_ENDPOINT_URL_SIGNIN}, a {@code signin} services entry) with
     * {@code /federation} added when it names a host only, else the partition's.
     */
    public static String federationEndpoint(String region, Optional<String> override) {
        String base = override.orElse(partition(region).signin()).replaceAll("/+$", "");
        return java.net.URI.create(base).getPath().isEmpty() ? base + "/federation" : base;
    }

    /** The console home of the region's partition, opened in that region. */
    public static String defaultDestination(String region) {
        return partition(region).console() + "/console/home?region=" + encode(region);
    }

    /** {@code getSigninToken}: the credentials as the Session JSON the endpoint reads. Holds secrets: never log it. */
    public static String signinTokenUrl(String endpoint, RoleCredentials c) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("sessionId", c.accessKeyId());
        session.put("sessionKey", c.secretAccessKey());
        session.put("sessionToken", c.sessionToken());
        return endpoint + "?Action=getSigninToken&Session=" + encode(PyJson.COMPACT.dumps(session));
    }

    /** {@code login}: the URL that opens the console; it carries the SigninToken (valid 15 minutes). */
    public static String loginUrl(String endpoint, String signinToken, String destination) {
        return endpoint + "?Action=login&Destination=" + encode(destination) + "&SigninToken=" + encode(signinToken);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
