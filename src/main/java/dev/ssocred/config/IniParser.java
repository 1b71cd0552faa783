package dev.ssocred.config;

import dev.ssocred.SsocredException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses AWS config and credentials files with the rules of Python's {@code RawConfigParser}, which is what the AWS
 * CLI and boto3 use: no interpolation, keys lower-cased, {@code =} or {@code :} as separator, whole-line {@code #}
 * and {@code ;} comments only (an inline {@code # x} stays part of the value), indented continuation lines, and
 * duplicate sections or keys rejected. We read this way rather than with the SDK's {@code ProfileFile} so that
 * values mean what they mean to the AWS CLI and every error can name its line.
 */
public final class IniParser {

    // Python's '.' matches all but '\n' (which a line never holds): DOTALL, or U+2028 and friends would not match.
    // Python's '\s' in a str pattern is str.isspace(): PyText.SPACE, not Java's ASCII '\s'.
    private static final Pattern SECTION = Pattern.compile("\\[(.+)]", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("(.*?)" + PyText.SPACE + "*([=:])" + PyText.SPACE + "*(.*)",
            Pattern.DOTALL);
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\n|\r");

    private IniParser() {
    }

    public static IniFile parse(String text, String displayPath) {
        return new Run(displayPath).parse(text);
    }

    /** Splits text into lines the way Python's universal newlines do. */
    static String[] lines(String text) {
        return LINE_BREAK.split(text, -1);
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
            Matcher header = SECTION.matcher(value);
            if (header.lookingAt()) {
                startSection(header.group(1), lineNo);
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
            Matcher m = OPTION.matcher(value);
            if (!m.matches() || m.group(1).isEmpty()) {
                throw error(lineNo, "expected 'key = value', a [section] header or a comment",
                        "fix line " + lineNo + " of " + path);
            }
            String key = PyText.rstrip(m.group(1)).toLowerCase(java.util.Locale.ROOT);
            OptionBuilder previous = current.options.get(key);
            if (previous != null) {
                throw error(lineNo, "'" + key + "' is set twice in [" + current.header + "] (first at line "
                        + previous.line + ")", "remove one of them from " + path);
            }
            option = new OptionBuilder(key, lineNo, PyText.strip(m.group(3)));
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
