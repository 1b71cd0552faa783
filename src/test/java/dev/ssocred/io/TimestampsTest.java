package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final Instant T = Instant.parse("2024-01-02T03:04:05Z");

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-02T03:04:05Z", "2024-01-02T03:04:05UTC", "2024-01-02T03:04:05.000Z",
            "2024-01-02T03:04:05+00:00", "2024-01-02T04:04:05+01:00", "2024-01-02 03:04:05Z", "2024-01-02T03:04:05"})
    void readsEveryFormTheAwsToolsHaveWritten(String s) {
        assertEquals(Optional.of(T), Timestamps.parse(s));
    }

    @Test
    void keepsFractionsWhenReading() {
        assertEquals(Optional.of(Instant.parse("2024-01-02T03:04:05.678Z")), Timestamps.parse("2024-01-02T03:04:05.678901Z")
                .map(i -> i.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    }

    @Test
    void writesTheCliFormatTruncated() {
        assertEquals("2024-01-02T04:04:05Z", Timestamps.format(Instant.parse("2024-01-02T03:04:05.678901Z").plusSeconds(3600)));
        assertEquals("2024-04-01T00:00:00Z", Timestamps.format(Instant.ofEpochSecond(1711929600)));
        assertEquals("2024-01-02T03:04:05+00:00", Timestamps.formatIsoOffset(Instant.ofEpochMilli(1704164645000L)));
    }

    @Test
    void rejectsGarbage() {
        assertEquals(Optional.empty(), Timestamps.parse("tomorrow"));
        assertEquals(Optional.empty(), Timestamps.parse(null));
    }

    @org.junit.jupiter.api.Test
    void theFastPathParsesExactlyTheCliFormAndLeavesEverythingElseToTheFullParser() {
        assertEquals(java.time.Instant.parse("2024-01-02T03:04:05Z"), Timestamps.simpleUtc("2024-01-02T03:04:05Z"));
        assertEquals(java.time.Instant.parse("9999-12-31T23:59:59Z"), Timestamps.simpleUtc("9999-12-31T23:59:59Z"));
        assertEquals(java.time.Instant.parse("0001-01-01T00:00:00Z"), Timestamps.simpleUtc("0001-01-01T00:00:00Z"));
        for (String other : new String[] {"2024-01-02T03:04:05", "2024-01-02T03:04:05.1Z", "2024/01-02T03:04:05Z",
                "2024-01/02T03:04:05Z", "2024-01-02 03:04:05Z", "2024-01-02T03-04:05Z", "2024-01-02T03:04-05Z",
                "2024-01-02T03:04:05z", "2024-0a-02T03:04:05Z", "2024-01-02T03:04:5xZ", "x024-01-02T03:04:05Z",
                "2024-13-02T03:04:05Z", "2024-01-02T24:04:05Z", "2024-01-02T03:04:05+"}) {
            assertEquals(null, Timestamps.simpleUtc(other), other);
        }
    }

    @org.junit.jupiter.api.Test
    void everyHistoricalFormParsesToTheSameInstant() {
        java.time.Instant t = java.time.Instant.parse("2024-01-02T03:04:05Z");
        for (String s : new String[] {"2024-01-02T03:04:05Z", "2024-01-02T03:04:05UTC", "2024-01-02T03:04:05z",
                " 2024-01-02 03:04:05Z ", "2024-01-02T03:04:05.000Z", "2024-01-02T04:04:05+01:00",
                "2024-01-02T03:04:05"}) {
            assertEquals(java.util.Optional.of(t), Timestamps.parse(s), s);
        }
        assertEquals(java.util.Optional.empty(), Timestamps.parse("soon"));
        assertEquals(java.util.Optional.empty(), Timestamps.parse(null));
    }
}
