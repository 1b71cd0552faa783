package dev.ssocred.cli;

/**
 * The names of the credential verbs and their options, in one place for both parsers: picocli's annotations and
 * the {@link FastPath} that answers cache hits without loading picocli. Neither can drift from the other.
 */
public final class Verbs {
    public static final String PROCESS = "process";
    public static final String PROCESS_ALIAS = "credential-process";
    public static final String ENV = "env";
    public static final String PROFILE = "--profile";
    public static final String PROFILE_SHORT = "-p";
    public static final String REGION = "--region";
    public static final String FORMAT = "--format";
    public static final String DEFAULT_FORMAT = "bash";

    private Verbs() {
    }
}
