package dev.ssocred.io;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The timestamp forms the AWS tools have written into their caches. We write the CLI's {@code %Y-%m-%dT%H:%M:%SZ}
 * and read every historical variant: {@code ...Z}, {@code ...UTC} (CLI before 2.1.14), fractional seconds (Java SDK,
 * JavaScript SDK's {@code .000Z}), numeric offsets, and a space instead of {@code T}.
 * <p>
 * The common forms are formatted and parsed by hand: building a {@code DateTimeFormatter} costs a few milliseconds
 * of class loading on the credential_process cache-hit path, which runs dozens of times a minute.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** {@code 2024-01-02T03:04:05Z}, fraction truncated, as the AWS CLI writes. */
    public static String format(Instant t) {
        return dateTime(t).append('Z').toString();
    }

    /** {@code 2024-01-02T03:04:05+00:00}, as Python's isoformat() renders a UTC expiry in export-credentials. */
    public static String formatIsoOffset(Instant t) {
        return dateTime(t).append("+00:00").toString();
    }

    private static StringBuilder dateTime(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(25);
        pad(sb, d.getYear(), 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        pad(sb, d.getDayOfMonth(), 2).append('T');
        pad(sb, d.getHour(), 2).append(':');
        pad(sb, d.getMinute(), 2).append(':');
        return pad(sb, d.getSecond(), 2);
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
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
        Instant quick = simpleUtc(s);
        if (quick != null) {
            return Optional.of(quick);
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

    /** {@code uuuu-MM-ddTHH:mm:ssZ} exactly, or null for anything else (left to the full parser). */
    static Instant simpleUtc(String s) { // package-private for its test
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return null;
        }
        int[] at = {0, 5, 8, 11, 14, 17};
        int[] len = {4, 2, 2, 2, 2, 2};
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            for (int j = at[i]; j < at[i] + len[i]; j++) {
                char c = s.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v[i] = v[i] * 10 + (c - '0');
            }
        }
        try {
            return LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5]).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
