package dev.ssocred.io;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The timestamp forms the AWS tools have written into their caches. We write the CLI's {@code %Y-%m-%dT%H:%M:%SZ}
 * and read every historical variant: {@code ...Z}, {@code ...UTC} (CLI before 2.1.14), fractional seconds (Java SDK,
 * JavaScript SDK's {@code .000Z}), numeric offsets, and a space instead of {@code T}.
 */
public final class Timestamps {
    private static final DateTimeFormatter CLI = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    // ISO_OFFSET_DATE_TIME would print 'Z'; Python prints +00:00.
    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private Timestamps() {
    }

    /** {@code 2024-01-02T03:04:05Z}, fraction truncated, as the AWS CLI writes. */
    public static String format(Instant t) {
        return CLI.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code 2024-01-02T03:04:05+00:00}, as Python's isoformat() renders a UTC expiry in export-credentials. */
    public static String formatIsoOffset(Instant t) {
        return ISO_OFFSET.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    public static Optional<Instant> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip().replace(' ', 'T');
        if (s.endsWith("UTC")) {
            s = s.substring(0, s.length() - 3) + "Z";
        } else if (s.endsWith("z")) {
            s = s.substring(0, s.length() - 1) + "Z";
        }
        try {
            return Optional.of(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            // no zone at all: dateutil would read it as local time, but every AWS writer meant UTC
            try {
                return Optional.of(LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
