package dev.ssocred;

/**
 * Exit codes are interface: scripts branch on them, so they are never renumbered. {@code --help} lists them from
 * here; README.md and docs/usage.md repeat them for readers.
 */
public enum ExitCode {
    OK(0, "success"),
    INTERNAL(1, "internal error (a bug: please report it with --debug output)"),
    USAGE(2, "usage error, or a write refused without --force"),
    LOGIN_NEEDED(3, "login needed: run 'ssocred login --profile NAME'"),
    CONFIG(4, "configuration problem in ~/.aws/config, ~/.aws/credentials or a cache file"),
    AWS(5, "an AWS endpoint failed or could not be reached"),
    TIMEOUT(6, "timed out waiting (for another ssocred process or for the sign-in)"),
    /** Said by the launcher, before any Java runs: no Java 17 or newer was found. */
    NO_JAVA(7, "no Java 17 or newer to run on (set JAVA_HOME or SSOCRED_JAVA)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** One line for --help. */
    public String meaning() {
        return meaning;
    }
}
