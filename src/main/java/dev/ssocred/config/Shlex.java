package dev.ssocred.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The subset of Python's {@code shlex.split} that the AWS CLI applies to section headers like {@code profile "a b"}. */
final class Shlex {
    private Shlex() {
    }

    /** The words of {@code s}, or empty when a quote is left open (shlex raises; the CLI then skips the section). */
    static Optional<List<String>> split(String s) {
        if (s.indexOf('"') < 0 && s.indexOf('\'') < 0 && s.indexOf('\\') < 0 && s.indexOf('\t') < 0
                && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return Optional.of(spaced(s));
        }
        return quoted(s);
    }

    /** The whole rule set, quotes and escapes included; {@link #split} for any header. */
    static Optional<List<String>> quoted(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                    word.append(s.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { // shlex.whitespace, nothing more
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 >= s.length()) {
                        return Optional.empty();
                    }
                    word.append(s.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            return Optional.empty();
        }
        if (word != null) {
            words.add(word.toString());
        }
        return Optional.of(words);
    }

    /**
     * The words of a header with no quote, backslash or white space but ' ' (nearly every header): what the loop in
     * {@link #split} makes of it, found with indexOf, since a config that populate wrote for 100 accounts has 300
     * headers and each lookup of a profile classifies every one of them (docs/performance.md).
     */
    private static List<String> spaced(String s) {
        List<String> words = new ArrayList<>(2);
        int start = 0;
        while (start < s.length()) {
            int space = s.indexOf(' ', start);
            int end = space < 0 ? s.length() : space;
            if (end > start) {
                words.add(s.substring(start, end));
            }
            start = end + 1;
        }
        return words;
    }
}
