package dev.ssocred.io;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret this process has held (access and refresh tokens, client secrets, secret keys, session tokens,
 * proxy passwords), so that text on its way to stderr can be cleaned of them. Server text is untrusted: an echoing
 * proxy or a confused endpoint once put the bearer token we sent into the error message we printed. The records
 * that carry secrets register them when they are made.
 */
public final class Secrets {
    /** Shorter values are not secrets worth the false matches (an empty or one-letter test value). */
    private static final int MIN_LENGTH = 6;
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    public static void hold(String... secrets) {
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_LENGTH) {
                HELD.add(s);
            }
        }
    }

    /** {@code text} with every held secret replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null || HELD.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : HELD) {
            if (out.contains(s)) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }
}
