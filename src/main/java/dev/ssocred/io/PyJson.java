package dev.ssocred.io;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte for byte as Python's {@code json.dumps} does, because the AWS CLI derives cache file names from
 * such strings (sha1 of a dumped dict) and other tools compare our files with its own. Keys keep the map's order;
 * pass a {@link java.util.TreeMap} for {@code sort_keys=True}. Non-ASCII is escaped as Python's ensure_ascii does.
 */
public final class PyJson {

    /** {@code json.dumps(obj)}: one line, {@code ", "} and {@code ": "}. */
    public static final PyJson DEFAULT = new PyJson(", ", ": ", -1);
    /** {@code separators=(',', ':')}, used for the role-credential cache key. */
    public static final PyJson COMPACT = new PyJson(",", ":", -1);
    /** {@code indent=2, separators=(',', ': ')}, the credential_process output of {@code aws configure export-credentials}. */
    public static final PyJson INDENT2 = new PyJson(",", ": ", 2);

    private final String itemSeparator;
    private final String keySeparator;
    private final int indent;

    private PyJson(String itemSeparator, String keySeparator, int indent) {
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
        this.indent = indent;
    }

    public String dumps(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private void write(StringBuilder sb, Object value, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            quote(sb, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            // Two plain loops rather than one with a callback: the cache-hit path takes no lambda (docs/performance.md).
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                first = item(sb, first, depth);
                quote(sb, (String) e.getKey());
                sb.append(keySeparator);
                write(sb, e.getValue(), depth + 1);
            }
            close(sb, '}', first, depth);
        } else if (value instanceof List<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object item : list) {
                first = item(sb, first, depth);
                write(sb, item, depth + 1);
            }
            close(sb, ']', first, depth);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON");
        }
    }

    /** Before each item of a container: the separator after the previous one, then the new line if indenting. */
    private boolean item(StringBuilder sb, boolean first, int depth) {
        if (!first) {
            sb.append(itemSeparator);
        }
        newline(sb, depth + 1);
        return false;
    }

    private void close(StringBuilder sb, char close, boolean empty, int depth) {
        if (!empty) {
            newline(sb, depth);
        }
        sb.append(close);
    }

    private void newline(StringBuilder sb, int depth) {
        if (indent >= 0) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
    }

    /**
     * {@code s} as a JSON string, ASCII only. Runs that need no escape (all of a key, a secret or a token) are
     * appended whole: a credential_process answer runs this interpreted, and char by char through
     * {@code charAt} and {@code append} its 1,200-character session token took ~0.3 ms (docs/performance.md).
     */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                sb.append(s, start, i);
                escape(sb, c);
                start = i + 1;
            }
        }
        sb.append(s, start, n);
        sb.append('"');
    }

    private static void escape(StringBuilder sb, char c) {
        switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            default -> sb.append(String.format("\\u%04x", (int) c));
        }
    }
}
