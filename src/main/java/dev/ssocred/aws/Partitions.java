package dev.ssocred.aws;

/**
 * The DNS suffix of a region's partition, as the sso and sso-oidc endpoint rules pick it from the SDK's partitions
 * data. Only for the shapes regions have ({@code eu-west-1}, {@code us-gov-west-1}, {@code us-isob-east-1}); anything
 * else is left to the SDK's own rules. {@code PartitionsTest} holds this to the SDK's endpoint provider.
 */
final class Partitions {
    private Partitions() {
    }

    /**
     * The configured endpoint of {@code serviceId} ({@code sso}, {@code sso_oidc}), else
     * {@code https://HOST.REGION.SUFFIX}; null when the SDK's rules must choose: it reads AWS_USE_FIPS_ENDPOINT and
     * AWS_USE_DUALSTACK_ENDPOINT itself, knows regions of other shapes, and says what is wrong with an endpoint we
     * cannot use (no host, a query string).
     */
    static java.net.URI endpoint(String serviceId, String host, String region,
                                 dev.ssocred.config.ServiceEndpoints endpoints) {
        java.util.Optional<String> configured = endpoints.endpoint(serviceId);
        if (configured.isPresent()) {
            try {
                java.net.URI uri = java.net.URI.create(configured.get());
                return uri.getScheme() != null && uri.getHost() != null && uri.getRawQuery() == null ? uri : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (endpoints.sdkPicks(serviceId)) {
            return null;
        }
        String suffix = dnsSuffix(region);
        return suffix == null ? null : java.net.URI.create("https://" + host + "." + region + "." + suffix);
    }

    /** The suffix, or null when the region's shape is not one of these. */
    static String dnsSuffix(String region) {
        String[] parts = region.split("-", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!(i == parts.length - 1 ? digits(parts[i]) : letters(parts[i]))) {
                return null;
            }
        }
        if (parts.length == 3) {
            // ^cn-\w+-\d+$ is aws-cn; every other three-part region is aws (named or not: the rules' default).
            return parts[0].equals("cn") ? "amazonaws.com.cn" : "amazonaws.com";
        }
        if (parts.length != 4) {
            return null;
        }
        return switch (parts[0] + "-" + parts[1]) {
            case "us-gov" -> "amazonaws.com";
            case "us-iso" -> "c2s.ic.gov";
            case "us-isob" -> "sc2s.sgov.gov";
            case "us-isof" -> "csp.hci.ic.gov";
            case "eu-isoe" -> "cloud.adc-e.uk";
            case "eusc-de" -> "amazonaws.eu";
            default -> null;
        };
    }

    private static boolean letters(String s) {
        return all(s, 'a', 'z');
    }

    private static boolean digits(String s) {
        return all(s, '0', '9');
    }

    /** Non-empty, and every character between {@code low} and {@code high}. */
    private static boolean all(String s, char low, char high) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < low || s.charAt(i) > high) {
                return false;
            }
        }
        return true;
    }
}
