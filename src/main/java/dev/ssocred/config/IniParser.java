package dev.ssocred.config;

import dev.ssocred.SsocredException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses AWS config and credentials files with the rules of Python's {@code RawConfigParser}, which is what the AWS
 * CLI and boto3 use: no interpolation, keys lower-cased, {@code =} or {@code :} as separator, whole-line {@code #}
 * and {@code ;} comments only (an inline {@code # x} stays part of the value), indented continuation lines, and
 * duplicate sections or keys rejected. We read this way rather than with the SDK's {@code ProfileFile} so that
 * values mean what they mean to the AWS CLI and every error can name its line.
 */
public final class IniParser {

    // RawConfigParser's patterns, restated by hand: compiling and running them in a JVM that has just started cost
    // milliseconds on every credential_process call. SECTCRE "\[(?P<header>.+)\]" matched at the line's start:
    // from '[' to the last ']' with at least one character between. OPTCRE "(?P<option>.*?)\s*(?P<vi>[=:])\s*
    // (?P<value>.*)$": the option is everything before the first '=' or ':', the value everything after it, each
    // stripped of Python's white space (PyText). BotocoreConfigDifferentialIT holds both to botocore's reading.

    private IniParser() {
    }

    public static IniFile parse(String text, String displayPath) {
        return new Run(displayPath).parse(text);
    }

    /** Splits text into lines the way Python's universal newlines do: \r\n, \n or \r. */
    static String[] lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out.toArray(new String[0]);
    }

    private static final class Run {
        private final String path;
        private final List<SectionBuilder> sections = new ArrayList<>();
        private final Map<String, Integer> sectionLines = new HashMap<>();
        private SectionBuilder current;
        private OptionBuilder option;
        private int indentLevel = Integer.MAX_VALUE;

        Run(String path) {
            this.path = path;
        }

        IniFile parse(String text) {
            String[] lines = lines(text);
            for (int i = 0; i < lines.length; i++) {
                line(lines[i], i + 1);
            }
            List<IniFile.Section> built = new ArrayList<>();
            for (SectionBuilder s : sections) {
                built.add(s.build(path));
            }
            return new IniFile(path, built);
        }

        private void line(String raw, int lineNo) {
            String value = PyText.strip(raw);
            boolean comment = value.startsWith("#") || value.startsWith(";");
            if (value.isEmpty() || comment) {
                // A blank line inside a multi-line value is kept (trailing ones are trimmed later); comments vanish.
                if (!comment && option != null) {
                    option.lines.add("");
                }
                return;
            }
            int indent = indentOf(raw);
            if (current != null && option != null && indent > indentLevel) {
                option.lines.add(value);
                option.endLine = lineNo;
                return;
            }
            indentLevel = indent;
            int close = value.startsWith("[") ? value.lastIndexOf(']') : -1;
            if (close > 1) {
                startSection(value.substring(1, close), lineNo);
                return;
            }
            if (value.startsWith("[") && value.indexOf(']') < 0 && value.indexOf('=') < 0
                    && value.indexOf(':') < 0) {
                throw error(lineNo, "section header '" + value + "' has no closing ']'",
                        "write " + value + "] on line " + lineNo + " of " + path);
            }
            if (current == null) {
                throw error(lineNo, "a property appears before the first [section] header",
                        "put it under a [profile NAME] or [default] section in " + path);
            }
            int delimiter = firstDelimiter(value);
            String rawKey = delimiter < 0 ? "" : PyText.rstrip(value.substring(0, delimiter));
            if (rawKey.isEmpty()) {
                throw error(lineNo, "expected 'key = value', a [section] header or a comment",
                        "fix line " + lineNo + " of " + path);
            }
            String key = rawKey.toLowerCase(java.util.Locale.ROOT);
            OptionBuilder previous = current.options.get(key);
            if (previous != null) {
                throw error(lineNo, "'" + key + "' is set twice in [" + current.header + "] (first at line "
                        + previous.line + ")", "remove one of them from " + path);
            }
            option = new OptionBuilder(key, lineNo, PyText.strip(value.substring(delimiter + 1)));
            current.options.put(key, option);
        }

        private void startSection(String header, int lineNo) {
            Integer first = sectionLines.putIfAbsent(header, lineNo);
            if (first != null) {
                throw error(lineNo, "section [" + header + "] appears twice (first at line " + first + ")",
                        "merge the two [" + header + "] sections in " + path);
            }
            current = new SectionBuilder(header, lineNo);
            sections.add(current);
            option = null;
        }

        private SsocredException error(int lineNo, String what, String hint) {
            return SsocredException.config(path + ":" + lineNo + ": " + what, hint);
        }
    }

    /** Where the first '=' or ':' is, or -1. */
    private static int firstDelimiter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static int indentOf(String raw) {
        int i = 0;
        while (i < raw.length() && PyText.isSpace(raw.charAt(i))) {
            i++;
        }
        return i;
    }

    private static final class SectionBuilder {
        final String header;
        final int line;
        final Map<String, OptionBuilder> options = new LinkedHashMap<>();

        SectionBuilder(String header, int line) {
            this.header = header;
            this.line = line;
        }

        IniFile.Section build(String path) {
            Map<String, IniFile.Property> props = new LinkedHashMap<>();
            for (OptionBuilder o : options.values()) {
                props.put(o.key, o.build(path));
            }
            return new IniFile.Section(header, line, props);
        }
    }

    private static final class OptionBuilder {
        final String key;
        final int line;
        int endLine;
        final List<String> lines = new ArrayList<>();

        OptionBuilder(String key, int line, String first) {
            this.key = key;
            this.line = line;
            this.endLine = line;
            lines.add(first);
        }

        IniFile.Property build(String path) {
            String value = PyText.rstrip(String.join("\n", lines));
            Map<String, String> nested = null;
            if (value.startsWith("\n")) {
                nested = parseNested(value, path);
            }
            return new IniFile.Property(key, value, line, endLine, nested);
        }

        // botocore's _parse_nested: str.splitlines (which also breaks at U+2028, U+0085 ...), each non-blank line
        // must be 'k = v'; nested keys keep their case.
        private Map<String, String> parseNested(String value, String path) {
            Map<String, String> nested = new LinkedHashMap<>();
            for (String raw : PyText.splitlines(value)) {
                String l = PyText.strip(raw);
                if (l.isEmpty()) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq < 0) {
                    throw SsocredException.config(path + ":" + line + ": the indented lines under '" + key
                            + "' must each be 'key = value'", "fix the block that starts at line " + line + " of " + path);
                }
                nested.put(PyText.strip(l.substring(0, eq)), PyText.strip(l.substring(eq + 1)));
            }
            return nested;
        }
    }
}
