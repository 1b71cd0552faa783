package dev.ssocred.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets keys in one section of an AWS credentials file and leaves every other byte as it was: other sections,
 * comments, blank lines, other keys of the same section, order and line endings. Only the lines of the keys we set
 * are rewritten; missing keys go after the section's last property; a missing section goes at the end.
 */
public final class CredentialsFileEditor {
    private static final Pattern LINE = Pattern.compile("([^\r\n]*)(\r\n|\n|\r|$)");

    private CredentialsFileEditor() {
    }

    /** The text with {@code [section]} holding {@code values} (in that order for new keys). */
    public static String upsert(String text, String displayPath, String section, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("value of " + e.getKey() + " contains a line break");
            }
        }
        IniFile parsed = IniParser.parse(text, displayPath); // refuse to edit what we cannot read
        List<String[]> lines = split(text);
        String nl = newlineOf(lines);
        var target = parsed.section(section);
        if (target.isEmpty()) {
            return appendSection(text, section, values, nl);
        }
        IniFile.Section s = target.get();
        Map<String, String> pending = new LinkedHashMap<>(values);
        Map<Integer, IniFile.Property> replaceAt = new java.util.HashMap<>();
        int last = s.line();
        for (IniFile.Property p : s.properties().values()) {
            if (pending.containsKey(p.key())) {
                replaceAt.put(p.line(), p);
            }
            last = Math.max(last, p.endLine());
        }
        StringBuilder sb = new StringBuilder(text.length() + 256);
        for (int n = 1; n <= lines.size(); n++) {
            String[] line = lines.get(n - 1);
            IniFile.Property p = replaceAt.get(n);
            if (p != null) {
                // One line replaces the key's line and any continuation lines it had; the last terminator stays.
                sb.append(p.key()).append(" = ").append(pending.remove(p.key())).append(lines.get(p.endLine() - 1)[1]);
                n = p.endLine();
            } else {
                sb.append(line[0]).append(line[1]);
            }
            if (n == last) {
                appendNew(sb, pending, nl, lines.get(n - 1)[1].isEmpty());
            }
        }
        return sb.toString();
    }

    // New keys go right after the section's last property line, so comments below it stay with what follows.
    private static void appendNew(StringBuilder sb, Map<String, String> pending, String nl, boolean atEndWithoutNewline) {
        if (pending.isEmpty()) {
            return;
        }
        if (atEndWithoutNewline) {
            sb.append(nl);
        }
        int i = 0;
        for (Map.Entry<String, String> e : pending.entrySet()) {
            sb.append(e.getKey()).append(" = ").append(e.getValue());
            if (++i < pending.size() || !atEndWithoutNewline) {
                sb.append(nl);
            }
        }
    }

    private static String appendSection(String text, String section, Map<String, String> values, String nl) {
        StringBuilder sb = new StringBuilder(text);
        if (!text.isEmpty()) {
            if (!text.endsWith("\n") && !text.endsWith("\r")) {
                sb.append(nl);
            }
            sb.append(nl);
        }
        sb.append('[').append(section).append(']').append(nl);
        values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append(nl));
        return sb.toString();
    }

    /** Each line as {content, terminator}; the last element may have an empty terminator. */
    private static List<String[]> split(String text) {
        List<String[]> out = new ArrayList<>();
        Matcher m = LINE.matcher(text);
        int pos = 0;
        while (pos < text.length() && m.find(pos)) {
            out.add(new String[] {m.group(1), m.group(2)});
            pos = m.end();
        }
        return out;
    }

    private static String newlineOf(List<String[]> lines) {
        for (String[] l : lines) {
            if (!l[1].isEmpty()) {
                return l[1];
            }
        }
        return System.lineSeparator().equals("\r\n") ? "\r\n" : "\n";
    }
}
