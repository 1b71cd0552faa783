package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoctorClockTest {
    static final Instant SERVICE = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aClockWithinTwoMinutesIsFineAndOneFurtherOffIsAFinding() {
        assertEquals(Optional.empty(), DoctorCommand.skew(SERVICE, SERVICE.plusSeconds(119)));
        var ahead = DoctorCommand.skew(SERVICE, SERVICE.plusSeconds(600)).orElseThrow();
        assertTrue(ahead.what().startsWith("this machine's clock is 600 s ahead of IAM Identity Center's"), ahead.what());
        var behind = DoctorCommand.skew(SERVICE, SERVICE.minusSeconds(3600)).orElseThrow();
        assertTrue(behind.what().contains("3600 s behind"), behind.what());
    }
}
