package dev.ssocred.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The wait between two polls of a sign-in, ticking about once a second so the terminal can show the time left.
 * Every sleep is computed from one reading of the clock and is positive: a loop that read the clock twice once
 * woke a moment before its deadline, computed a negative sleep and crashed a login after a person had typed their
 * password (Thread.sleep rejects negative values).
 */
public final class Countdown {
    static final Duration TICK = Duration.ofSeconds(1);

    private final Clock clock;
    private final Sleeper sleeper;

    public Countdown(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Waits until {@code until}, or only until {@code deadline} if that comes first, so that a last poll happens
     * at the deadline. Returns false, at once, if the deadline had already passed. {@code tick} hears the time
     * left before the deadline before each sleep.
     */
    public boolean waitUntil(Instant until, Instant deadline, Consumer<Duration> tick) throws InterruptedException {
        Instant now = clock.instant();
        if (!now.isBefore(deadline)) {
            return false;
        }
        Instant target = until.isBefore(deadline) ? until : deadline;
        while (now.isBefore(target)) {
            tick.accept(Duration.between(now, deadline));
            sleeper.sleep(min(TICK, Duration.between(now, target)));
            now = clock.instant();
        }
        return true;
    }

    /** The shorter of two durations (also the browser flow's tick, so both count down alike). */
    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
