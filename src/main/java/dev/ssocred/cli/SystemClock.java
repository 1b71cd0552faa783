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
