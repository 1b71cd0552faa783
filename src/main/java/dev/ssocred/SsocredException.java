package dev.ssocred;

/**
 * The single user-facing failure. The message is one line; the hint names the command that fixes it.
 * Messages must never contain a token, secret key or client secret.
 */
public class SsocredException extends RuntimeException {
    private final ExitCode exitCode;
    private final String hint;

    public SsocredException(ExitCode exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public SsocredException(ExitCode exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** The next command to run, or null when there is nothing useful to suggest. */
    public String hint() {
        return hint;
    }

    public static SsocredException config(String message, String hint) {
        return new SsocredException(ExitCode.CONFIG, message, hint);
    }

    public static SsocredException loginNeeded(String message, String hint) {
        return new SsocredException(ExitCode.LOGIN_NEEDED, message, hint);
    }
}
