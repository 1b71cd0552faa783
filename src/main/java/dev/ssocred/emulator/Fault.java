package dev.ssocred.emulator;

import java.time.Duration;

/**
 * What an operation does instead of answering normally, for fault-injection tests. The named errors are the shapes
 * the real service sends (status, error type and message as the sso and sso-oidc models and the service define them),
 * so a test that injects one sees what a user behind the real service sees.
 */
public record Fault(Kind kind, int status, String errorType, Duration stall, String message) {

    public enum Kind { ERROR, MALFORMED, STALL, SLOW }

    /** Answers {@code status} with the modeled error {@code errorType} (e.g. 500 InternalServerException). */
    public static Fault error(int status, String errorType) {
        return new Fault(Kind.ERROR, status, errorType, Duration.ZERO, "injected fault");
    }

    /** Portal: an account or role the person has no assignment for. Not in the model; the service sends it. */
    public static Fault forbidden() {
        return new Fault(Kind.ERROR, 403, "ForbiddenException", Duration.ZERO, "No access");
    }

    /** Portal: a token the service no longer knows (signed out elsewhere, revoked by an administrator). */
    public static Fault unauthorized() {
        return new Fault(Kind.ERROR, 401, "UnauthorizedException", Duration.ZERO, "Session token not found or invalid");
    }

    /** Portal: throttling. */
    public static Fault throttled() {
        return new Fault(Kind.ERROR, 429, "TooManyRequestsException", Duration.ZERO, "Too many requests");
    }

    /** sso-oidc: a client registration the service does not (or no longer) accept. */
    public static Fault invalidClient() {
        return new Fault(Kind.ERROR, 401, "InvalidClientException", Duration.ZERO, "Invalid client provided");
    }

    /** Answers 200 with a body that is not JSON. */
    public static Fault malformed() {
        return new Fault(Kind.MALFORMED, 200, null, Duration.ZERO, null);
    }

    /** Waits {@code d} and then fails with 500 without doing anything, like a hung server. */
    public static Fault stall(Duration d) {
        return new Fault(Kind.STALL, 500, "InternalServerException", d, "stalled");
    }

    /** Answers as usual, {@code d} late: a slow service, as when a holder's fetch keeps others waiting. */
    public static Fault slow(Duration d) {
        return new Fault(Kind.SLOW, 200, null, d, null);
    }
}
