package dev.ssocred.sso;

import java.time.Duration;

/** Waits; injected so polling tests run in milliseconds against a fake clock. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    /** The real sleeper. Never given a negative time by {@link Countdown}; clamped anyway, as Thread.sleep throws. */
    Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));
}
