package dev.ssocred;

/**
 * A failed call to an AWS endpoint, classified by what the caller should do about it. Adapters in {@code aws/} map
 * the SDK's modeled exceptions to these kinds so domain code never sees SDK types.
 */
public class ServiceException extends RuntimeException {

    /** What went wrong, in terms of the OAuth 2.0 device-grant and portal APIs. */
    public enum Kind {
        AUTHORIZATION_PENDING, SLOW_DOWN, EXPIRED_TOKEN, ACCESS_DENIED, INVALID_GRANT, INVALID_CLIENT,
        UNAUTHORIZED, NOT_FOUND, INVALID_REQUEST, THROTTLED, SERVER_ERROR, NETWORK, OTHER;

        /** Worth trying again later: the request itself was fine. */
        public boolean isTransient() {
            return this == THROTTLED || this == SERVER_ERROR || this == NETWORK;
        }
    }

    private final Kind kind;
    private final String operation;
    private final String endpoint;

    public ServiceException(Kind kind, String operation, String endpoint, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.operation = operation;
        this.endpoint = endpoint;
    }

    public Kind kind() {
        return kind;
    }

    public String operation() {
        return operation;
    }

    public String endpoint() {
        return endpoint;
    }

    /** {@code CreateToken at https://oidc.us-east-1.amazonaws.com: <message>} */
    public String describe() {
        return operation + " at " + endpoint + ": " + getMessage();
    }

    /** The first line of a message (a server's may run on with request details); "no details" for none. */
    public static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
