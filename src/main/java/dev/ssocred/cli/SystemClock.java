package dev.ssocred.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock, with the local time zone looked up only when something is shown in local time.
 * {@link Clock#systemDefaultZone()} resolves the zone at once, which reads the JDK's time-zone database (~9 ms):
 * a credentials fetch never needs it, and neither do most picocli commands.
 */
final class SystemClock extends Clock {
    private ZoneId zone;

    @Override
    public ZoneId getZone() {
        if (zone == null) {
            zone = ZoneId.systemDefault();
        }
        return zone;
    }

    /**
     * {@code HH:mm:ss} of {@code t} in {@code clock}'s zone, as a login's prompt shows it. For this clock, through
     * {@link java.util.TimeZone}, which reads the zone database itself: {@link ZoneId} first asks the class path for
     * zone-rule providers, which opens the jar's 4,000-entry directory (~6 ms before the prompt).
     */
    static String timeOfDay(Clock clock, Instant t) {
        long offset = clock instanceof SystemClock
                ? java.util.TimeZone.getDefault().getOffset(t.toEpochMilli()) / 1000
                : clock.getZone().getRules().getOffset(t).getTotalSeconds();
        return dev.ssocred.io.Timestamps.timeOfDay(t, offset);
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.system(other);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
