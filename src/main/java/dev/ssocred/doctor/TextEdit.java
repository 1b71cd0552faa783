package dev.ssocred.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A change to one line of a config file: replace line {@code line} (1-based) by {@code replacement} lines (none:
 * delete it), or, with
 * {@code insert}, put them after it (line 0: at the start; past the end: appended). Applied by offset, so every
 * other byte of the file, line endings included, stays as it was.
 */
public record TextEdit(int line, boolean insert, List<String> replacement) {

    public static TextEdit replace(int line, String... lines) {
        return new TextEdit(line, false, List.of(lines));
    }

    public static TextEdit insertAfter(int line, String... lines) {
        return new TextEdit(line, true, List.of(lines));
    }

    /** {@code text} with every edit applied, from the bottom up so that line numbers stay valid. */
    public static String apply(String text, List<TextEdit> edits) {
        String nl = dev.ssocred.io.TextFiles.dominantNewline(text);
        List<int[]> lines = lineSpans(text); // {start, endWithoutTerminator, endWithTerminator}
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(TextEdit::line).thenComparing(TextEdit::insert).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : sorted) {
            String body = String.join(nl, e.replacement());
            if (e.insert()) {
                int at;
                String prefix = "";
                if (e.line() <= 0) {
                    at = 0;
                } else if (e.line() > lines.size()) {
                    at = sb.length();
                } else {
                    at = lines.get(e.line() - 1)[2];
                }
                if (at > 0 && sb.charAt(at - 1) != '\n' && sb.charAt(at - 1) != '\r') {
                    prefix = nl;
                }
                sb.insert(at, prefix + body + nl);
            } else if (e.replacement().isEmpty()) {
                int[] span = lines.get(e.line() - 1);
                sb.delete(span[0], span[2]); // the line and its terminator
            } else {
                int[] span = lines.get(e.line() - 1);
                sb.replace(span[0], span[1], body);
            }
        }
        return sb.toString();
    }

    private static List<int[]> lineSpans(String text) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = i;
                i += (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') ? 2 : 1;
                out.add(new int[] {start, end, i});
                start = i;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            out.add(new int[] {start, text.length(), text.length()});
        }
        return out;
    }
}
