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
}
