package dev.ssocred.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON (RFC 8259, nothing more) into plain maps and lists: objects keep their key order and the last of a
 * repeated key wins, integers are {@link Long}, other numbers {@link Double}.
 *
 * <p>Hand-written rather than Jackson's streaming parser, which it replaced: every credential_process cache hit
 * reads one JSON file, and Jackson's set-up (60 classes, its buffer recyclers and VarHandles) was ~3 ms of a
 * ~40 ms call (docs/architecture.md, "JSON"). {@code JsonDifferentialTest} holds it to Jackson's answers.
 */
public final class Json {
    /** Deeper nesting is refused rather than risking the stack; Jackson's default limit is the same. */
    static final int MAX_DEPTH = 1000;

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses a JSON object. Errors give the position only ({@code malformed JSON at line 3, column 7}): the text
     * around it can hold a token, and these messages reach terminals and logs.
     */
    public static Map<String, Object> parseObject(String text) throws IOException {
        Json p = new Json(text);
        p.skipSpace();
        if (p.peek() != '{') {
            throw new IOException("expected a JSON object");
        }
        Map<String, Object> map = p.object();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error();
        }
        return map;
    }

    private Object value() throws IOException {
        if (pos >= text.length()) {
            throw error();
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error();
        }
    }

    private Map<String, Object> object() throws IOException {
        enter();
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            members(map);
        }
        depth--;
        return map;
    }

    private void members(Map<String, Object> map) throws IOException {
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error();
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value();
            map.put(key, v); // a repeated key: the last value wins, in the first one's place (Jackson, Python)
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return;
            }
            if (c != ',') {
                pos--;
                throw error();
            }
        }
    }

    private List<Object> array() throws IOException {
        enter();
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
        } else {
            elements(list);
        }
        depth--;
        return list;
    }

    private void elements(List<Object> list) throws IOException {
        while (true) {
            skipSpace();
            list.add(value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return;
            }
            if (c != ',') {
                pos--;
                throw error();
            }
        }
    }

    private void enter() throws IOException {
        if (++depth > MAX_DEPTH) {
            throw error();
        }
    }

    private String string() throws IOException {
        pos++; // "
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error();
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) { // control characters must be escaped
                throw error();
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(text, start, pos);
            pos++;
            if (pos >= text.length()) {
                throw error();
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> {
                    pos--;
                    throw error();
                }
            }
            start = pos;
        }
    }

    /** The four hex digits of a {@code \}{@code u} escape; a lone surrogate is kept, as Jackson and Python keep it. */
    private char hex4() throws IOException {
        if (pos + 4 > text.length()) {
            throw error();
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos), 16);
            if (d < 0 || text.charAt(pos) > 'f') { // Character.digit also takes non-ASCII digits
                throw error();
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}: no leading zeros, no '+', no NaN, as RFC 8259. */
    private Object number() throws IOException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error();
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            integral = false;
            if (!digits()) {
                throw error();
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            integral = false;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error();
            }
        }
        String n = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(n);
            } catch (NumberFormatException e) { // beyond a long: no field we read is
                pos = start;
                throw error();
            }
        }
        return Double.parseDouble(n);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void literal(String word) throws IOException {
        if (!text.startsWith(word, pos)) {
            throw error();
        }
        pos += word.length();
    }

    private void expect(char c) throws IOException {
        if (peek() != c) {
            throw error();
        }
        pos++;
    }

    /** The next character, or NUL at the end (never valid where it is looked at). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    /** JSON's whitespace: space, tab, LF and CR only. */
    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** 1-based line and column of the current position; a CR, an LF or a CRLF ends a line. */
    private IOException error() {
        int line = 1;
        int column = 1;
        int end = Math.min(pos, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new IOException("malformed JSON at line " + line + ", column " + column);
    }
}
