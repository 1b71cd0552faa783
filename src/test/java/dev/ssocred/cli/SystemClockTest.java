package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SystemClockTest {
    @Test
    void tellsTheSystemTimeAndTheLocalZone() {
        java.time.Clock clock = Platform.clock();
        Instant before = Instant.now();
        Instant now = clock.instant();
        long millis = clock.millis();
        Instant after = Instant.now();
        assertTrue(!now.isBefore(before) && !now.isAfter(after), now + " not between " + before + " and " + after);
        assertTrue(Math.abs(millis - now.toEpochMilli()) < Duration.ofSeconds(5).toMillis());
        assertEquals(ZoneId.systemDefault(), clock.getZone());
        assertEquals(clock.getZone(), clock.getZone());
    }

    @Test
    void withAnotherZoneKeepsTellingTheSystemTime() {
        java.time.Clock utc = Platform.clock().withZone(ZoneOffset.UTC);
        assertEquals(ZoneOffset.UTC, utc.getZone());
        assertTrue(Duration.between(utc.instant(), Instant.now()).abs().toSeconds() < 5);
    }

    @Test
    void theTimeOfDayOfALoginPromptIsTheLocalOneWhicheverWayTheZoneIsRead() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        // Half-hour offsets and daylight saving time, on both sides of the changes and of midnight.
        String[] instants = {"2026-04-04T16:29:59Z", "2026-04-04T16:30:00Z", "2026-10-03T16:29:59Z",
                "2026-10-03T16:30:00Z", "2026-11-29T13:29:59Z", "2026-11-29T13:30:00Z", "1999-12-31T23:59:59Z"};
        for (String id : new String[] {"Australia/Adelaide", "America/New_York", "Asia/Kolkata", "UTC"}) {
            try {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(id));
                java.time.format.DateTimeFormatter hms = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                        .withZone(ZoneId.of(id));
                for (String at : instants) {
                    Instant t = Instant.parse(at);
                    assertEquals(hms.format(t), SystemClock.timeOfDay(new SystemClock(), t), id + " " + at);
                    assertEquals(hms.format(t), SystemClock.timeOfDay(
                            new dev.ssocred.testing.MutableClock(t, ZoneId.of(id)), t), id + " " + at);
                }
            } finally {
                java.util.TimeZone.setDefault(saved);
            }
        }
    }
}
