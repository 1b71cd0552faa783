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
 * of class loading on the credential_process cache-hit path, which runs dozens of times a minute. So is the calendar
 * arithmetic: on JDK 25, {@code LocalDate} asks {@code Year} whether a year is a leap year for any day after the 28th,
 * and {@code Year} builds a {@code DateTimeFormatter} when it is first used (docs/performance.md).
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

    /** {@code HH:mm:ss} of {@code t} at {@code offsetSeconds} from UTC. */
    public static String timeOfDay(Instant t, long offsetSeconds) {
        long second = Math.floorMod(t.getEpochSecond() + offsetSeconds, 86_400);
        StringBuilder sb = new StringBuilder(8);
        pad(sb, second / 3600, 2).append(':');
        pad(sb, second / 60 % 60, 2).append(':');
        return pad(sb, second % 60, 2).toString();
    }

    private static StringBuilder dateTime(Instant t) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400);
        int second = (int) Math.floorMod(seconds, 86_400);
        // Civil date from days since 1970-01-01: count in 400-year eras (146,097 days) of years that start on
        // 1 March, so that the leap day is the last day of a year (Hinnant's civil_from_days, restated).
        long shifted = day + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        StringBuilder sb = new StringBuilder(25);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, dayOfMonth, 2).append('T');
        pad(sb, second / 3600, 2).append(':');
        pad(sb, second / 60 % 60, 2).append(':');
        return pad(sb, second % 60, 2);
    }

    /** Days from 1970-01-01 to a valid proleptic Gregorian date (Hinnant's days_from_civil, restated). */
    static long epochDay(int year, int month, int day) { // package-private for its test
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
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
        if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > daysIn(v[0], v[1]) || v[3] > 23 || v[4] > 59 || v[5] > 59) {
            return null; // what LocalDateTime.of refuses: the full parser then says no as well
        }
        return Instant.ofEpochSecond(epochDay(v[0], v[1], v[2]) * 86_400 + v[3] * 3_600 + v[4] * 60 + v[5]);
    }
}
