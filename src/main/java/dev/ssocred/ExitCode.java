package dev.ssocred;

/** Exit codes are interface: scripts branch on them, so they are documented in README.md and never renumbered. */
public enum ExitCode {
    OK(0),
    /** A bug in ssocred: anything not anticipated. */
    INTERNAL(1),
    /** Bad command line, or an action refused without --force. */
    USAGE(2),
    /** No usable Identity Center session: run {@code ssocred login}. */
    LOGIN_NEEDED(3),
    /** ~/.aws/config, ~/.aws/credentials or a cache file is missing something or malformed. */
    CONFIG(4),
    /** An AWS endpoint answered with an error, or could not be reached. */
    AWS(5),
    /** Waiting on another ssocred process or on the user took too long. */
    TIMEOUT(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
