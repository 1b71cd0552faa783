package dev.ssocred.sso;

import java.time.Duration;

/** Waits; injected so polling tests run in milliseconds against a fake clock. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());
}
