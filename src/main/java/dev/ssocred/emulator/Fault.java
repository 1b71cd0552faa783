package dev.ssocred.emulator;

import java.time.Duration;

/** What an operation does instead of answering normally, for fault-injection tests. */
public record Fault(Kind kind, int status, String errorType, Duration stall) {

    public enum Kind { ERROR, MALFORMED, STALL }

    /** Answers {@code status} with the modeled error {@code errorType} (e.g. 500 InternalServerException). */
    public static Fault error(int status, String errorType) {
        return new Fault(Kind.ERROR, status, errorType, Duration.ZERO);
    }

    /** Answers 200 with a body that is not JSON. */
    public static Fault malformed() {
        return new Fault(Kind.MALFORMED, 200, null, Duration.ZERO);
    }

    /** Waits {@code d} and then fails with 500 without doing anything, like a hung server. */
    public static Fault stall(Duration d) {
        return new Fault(Kind.STALL, 500, "InternalServerException", d);
    }
}
