package dev.ssocred.cli;

/**
 * Makes text from elsewhere (a server's error message, a URL it sent) safe to print on a terminal: any secret the
 * process holds is masked (an echoing server once put our bearer token into its error message), control
 * characters, which could move the cursor, clear the screen or write the clipboard (OSC 52), become '?', and the
 * length is bounded so that a hostile answer cannot flood the screen.
 */
final class Sanitize {
    static final int MAX = 1000;

    private Sanitize() {
    }

    /** Secrets this process holds become ***, control characters ?, and the length is bounded. */
    static String line(String s) {
        if (s == null) {
            return "";
        }
        s = dev.ssocred.io.Secrets.redact(s);
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX + 1));
        for (int i = 0; i < s.length() && sb.length() < MAX; i++) {
            char c = s.charAt(i);
            sb.append(unsafe(c) ? '?' : c);
        }
        if (s.length() > MAX) {
            sb.append("…");
        }
        return sb.toString();
    }

    /** C0 controls but tab, C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows. */
    private static boolean unsafe(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029;
    }
}
