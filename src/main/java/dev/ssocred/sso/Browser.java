package dev.ssocred.sso;

/** Opens a URL for the user. Best effort: a machine without a browser is normal (SSH, containers). */
@FunctionalInterface
public interface Browser {
    /** True when a browser was started. */
    boolean open(String url);
}
