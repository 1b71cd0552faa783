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

    @Test
    void theHandArithmeticAgreesWithJavaTimeOnEveryDayOfFourCenturiesAndAroundThem() {
        // Every day from 1600 to 2401 (leap centuries and not), both ways, then random seconds in 0001-9999.
        java.time.LocalDate d = java.time.LocalDate.of(1600, 1, 1);
        while (d.getYear() < 2402) {
            String text = d + "T23:59:59Z";
            Instant expected = d.atTime(23, 59, 59).toInstant(java.time.ZoneOffset.UTC);
            assertEquals(expected, Timestamps.simpleUtc(text), text);
            assertEquals(text, Timestamps.format(expected));
            d = d.plusDays(1);
        }
        java.util.Random random = new java.util.Random(20261129);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)));
            String cli = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(t);
            assertEquals(cli, Timestamps.format(t));
            assertEquals(t, Timestamps.simpleUtc(cli), cli);
        }
    }

    @Test
    void aDayThatIsNotInItsMonthIsLeftToTheFullParserWhichRefusesItToo() {
        for (String bad : new String[] {"2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
                "2024-06-31T00:00:00Z", "2024-09-31T00:00:00Z", "2024-11-31T00:00:00Z", "2024-01-32T00:00:00Z",
                "2024-01-00T00:00:00Z", "2024-00-10T00:00:00Z", "2024-01-02T03:60:00Z", "2024-01-02T03:04:60Z"}) {
            assertEquals(null, Timestamps.simpleUtc(bad), bad);
            assertEquals(Optional.empty(), Timestamps.parse(bad), bad);
        }
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), Timestamps.simpleUtc("2024-02-29T00:00:00Z"));
        assertEquals(Instant.parse("2000-02-29T00:00:00Z"), Timestamps.simpleUtc("2000-02-29T00:00:00Z"));
    }
}
