package dev.ssocred.sso;

import java.time.Duration;

/** Waits; injected so polling tests run in milliseconds against a fake clock. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    /** The real sleeper. Never given a negative time by {@link Countdown}; clamped anyway, as Thread.sleep throws. */
    Sleeper SYSTEM = new Sleeper() { // a class, not a lambda: every Context is made with it
        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(Math.max(0, d.toMillis()));
        }
    };
}
