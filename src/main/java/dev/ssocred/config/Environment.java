package dev.ssocred.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment as ssocred sees it. Injected everywhere instead of {@link System#getenv()} so tests
 * can run the whole program against a temp HOME without touching the real ~/.aws.
 */
public record Environment(Map<String, String> vars) {

    public Environment {
        // The JVM's own environment is an unmodifiable map that never changes: copying it would cost every
        // credential_process call ~0.1 ms and seven classes (docs/performance.md).
        vars = vars == System.getenv() ? vars : Map.copyOf(vars);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** The variable's value, or empty when unset or set to the empty string (as the AWS CLI treats it). */
    public Optional<String> get(String name) {
        String v = vars.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** Names only: the environment may hold AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN. */
    @Override
    public String toString() {
        return "Environment" + new java.util.TreeSet<>(vars.keySet());
    }

    public boolean isTrue(String name) {
        String v = vars.get(name);
        return v != null && v.equalsIgnoreCase("true");
    }

    /** $HOME as Python's expanduser reads it on POSIX, falling back to the JVM's idea of home. */
    public Path home() {
        // Plain ifs, as everywhere on the cache-hit path (docs/performance.md): no lambdas.
        String home = vars.get("HOME");
        if (home == null || home.isEmpty()) {
            home = vars.get("USERPROFILE");
        }
        return Path.of(home == null || home.isEmpty() ? System.getProperty("user.home") : home);
    }
}
