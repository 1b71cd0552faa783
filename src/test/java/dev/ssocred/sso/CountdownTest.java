package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountdownTest {
    private final MutableClock clock = MutableClock.at("2024-01-02T03:04:05Z");
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<Long> ticks = new ArrayList<>();

    @Test
    void ticksOncePerSecondUntilTheNextPoll() throws Exception {
        Instant t = clock.instant();
        assertTrue(new Countdown(clock, exact()).waitUntil(t.plusSeconds(3), t.plusSeconds(600), d -> ticks.add(d.toSeconds())));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeps);
        assertEquals(List.of(600L, 599L, 598L), ticks);
    }

    @Test
    void aSleeperThatWakesEarlyOrLateNeverLeadsToANegativeSleep() throws Exception {
        // The crash: the real sleeper woke a little before the deadline, the loop read the clock again after the
        // countdown redraw and asked Thread.sleep for a negative time. Here every sleep wakes 999 ms late or
        // 1 ms early, in turn.
        Instant t = clock.instant();
        boolean[] late = {true};
        Sleeper jittery = d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("timeout value is negative");
            }
            sleeps.add(d);
            clock.advance(late[0] ? d.plusMillis(999) : d.minusMillis(1).isNegative() ? Duration.ZERO : d.minusMillis(1));
            late[0] = !late[0];
        };
        Countdown c = new Countdown(clock, jittery);
        Instant deadline = t.plusSeconds(20);
        int polls = 0;
        while (c.waitUntil(clock.instant().plusSeconds(2), deadline, d -> { })) {
            polls++;
        }
        assertTrue(polls >= 5, "polled " + polls + " times");
        assertTrue(sleeps.stream().noneMatch(Duration::isNegative), sleeps.toString());
        assertFalse(clock.instant().isBefore(deadline));
    }

    @Test
    void theLastWaitEndsAtTheDeadlineSoThatOneLastPollHappensThere() throws Exception {
        Instant t = clock.instant();
        Countdown c = new Countdown(clock, exact());
        assertTrue(c.waitUntil(t.plusSeconds(5), t.plusMillis(2500), d -> { }));
        assertEquals(t.plusMillis(2500), clock.instant());
        assertFalse(c.waitUntil(clock.instant().plusSeconds(5), t.plusMillis(2500), d -> { }));
        assertEquals(t.plusMillis(2500), clock.instant(), "no sleep once the deadline has passed");
    }

    @Test
    void theRealSleeperAndClockWaitWithoutFailing() throws Exception {
        Clock real = Clock.systemUTC();
        Countdown c = new Countdown(real, Sleeper.SYSTEM);
        Instant start = real.instant();
        Instant deadline = start.plusMillis(1700);
        int polls = 0;
        while (c.waitUntil(real.instant().plusMillis(300), deadline, d -> ticks.add(d.toMillis()))) {
            polls++;
        }
        assertFalse(real.instant().isBefore(deadline));
        assertTrue(polls >= 3, "polled " + polls + " times");
    }

    private Sleeper exact() {
        return d -> {
            sleeps.add(d);
            clock.advance(d);
        };
    }
}
