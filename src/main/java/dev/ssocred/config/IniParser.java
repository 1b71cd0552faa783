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
            // Line by line, as Python's universal newlines split them (\r\n, \n or \r; the text after the last break
            // is a line too, empty or not), found with indexOf rather than a charAt per character: a JVM that has just
            // started runs this interpreted, where each charAt is a call, and a config that populate wrote for 100
            // accounts has 40,000 characters (docs/performance.md).
            int n = text.length();
            int nextLf = -2;
            int nextCr = -2;
            int start = 0;
            int lineNo = 0;
            while (true) {
                if (nextLf != -1 && nextLf < start) {
                    nextLf = text.indexOf('\n', start);
                }
                if (nextCr != -1 && nextCr < start) {
                    nextCr = text.indexOf('\r', start);
                }
                int end = nextLf < 0 ? nextCr : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
                line(text.substring(start, end < 0 ? n : end), ++lineNo);
                if (end < 0) {
                    break;
                }
                start = end + 1;
                if (end == nextCr && start < n && text.charAt(start) == '\n') {
                    start++;
                }
            }
            finishOption();
            // Nested values are parsed once every line has been read, in file order, as botocore parses them after
            // configparser read the whole file: a line that is not 'key = value' anywhere is the error reported first.
            List<IniFile.Section> built = new ArrayList<>();
            for (SectionBuilder s : sections) {
                if (s.nested) {
                    for (Map.Entry<String, IniFile.Property> e : s.props.entrySet()) {
                        IniFile.Property p = e.getValue();
                        if (p.value().startsWith("\n")) {
                            e.setValue(new IniFile.Property(p.key(), p.value(), p.line(), p.endLine(),
                                    parseNested(p, path)));
                        }
                    }
                }
                built.add(new IniFile.Section(s.header, s.line, s.props));
            }
            return new IniFile(path, built);
        }

        /** The option being read is complete: into its section, in file order. */
        private void finishOption() {
            if (option == null) {
                return;
            }
            IniFile.Property p = option.build();
            current.props.put(p.key(), p);
            current.nested |= p.value().startsWith("\n");
            option = null;
        }

        private void line(String raw, int lineNo) {
            String value = PyText.strip(raw);
            char first = value.isEmpty() ? 0 : value.charAt(0);
            boolean comment = first == '#' || first == ';';
            if (value.isEmpty() || comment) {
                // A blank line inside a multi-line value is kept (trailing ones are trimmed later); comments vanish.
                if (!comment && option != null) {
                    option.blank();
                }
                return;
            }
            int indent = indentOf(raw);
            if (current != null && option != null && indent > indentLevel) {
                option.continued(value, lineNo);
                return;
            }
            indentLevel = indent;
            int close = first == '[' ? value.lastIndexOf(']') : -1;
            if (close > 1) {
                startSection(value.substring(1, close), lineNo);
                return;
            }
            if (first == '[' && value.indexOf(']') < 0 && value.indexOf('=') < 0
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
            finishOption();
            IniFile.Property previous = current.props.get(key);
            if (previous != null) {
                throw error(lineNo, "'" + key + "' is set twice in [" + current.header + "] (first at line "
                        + previous.line() + ")", "remove one of them from " + path);
            }
            option = new OptionBuilder(key, lineNo, PyText.strip(value.substring(delimiter + 1)));
        }

        private void startSection(String header, int lineNo) {
            Integer first = sectionLines.putIfAbsent(header, lineNo);
            if (first != null) {
                throw error(lineNo, "section [" + header + "] appears twice (first at line " + first + ")",
                        "merge the two [" + header + "] sections in " + path);
            }
            finishOption();
            current = new SectionBuilder(header, lineNo);
            sections.add(current);
        }

        private SsocredException error(int lineNo, String what, String hint) {
            return SsocredException.config(path + ":" + lineNo + ": " + what, hint);
        }
    }

    /** Where the first '=' or ':' is, or -1. */
    private static int firstDelimiter(String value) {
        int eq = value.indexOf('=');
        int colon = value.indexOf(':');
        return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
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
        final Map<String, IniFile.Property> props = new IniFile.HandedOver<>();
        /** Whether a value here starts on its next line: parsed as a nested block once the whole file is read. */
        boolean nested;

        SectionBuilder(String header, int line) {
            this.header = header;
            this.line = line;
        }
    }

    private static final class OptionBuilder {
        final String key;
        final int line;
        int endLine;
        final String first;
        /** The lines after the first, blank ones included; null while there are none (nearly every option). */
        List<String> more;
        /** Blank lines seen since the last line of the value: kept only if another line of it follows. */
        int blanks;

        OptionBuilder(String key, int line, String first) {
            this.key = key;
            this.line = line;
            this.endLine = line;
            this.first = first;
        }

        void blank() {
            blanks++;
        }

        void continued(String value, int lineNo) {
            if (more == null) {
                more = new ArrayList<>();
            }
            for (; blanks > 0; blanks--) {
                more.add("");
            }
            more.add(value);
            endLine = lineNo;
        }

        IniFile.Property build() {
            // The lines joined with newlines, trailing white space (and so trailing blank lines) removed. A value on
            // one line is already stripped.
            String value = first;
            if (more != null) {
                StringBuilder joined = new StringBuilder(first);
                for (String l : more) {
                    joined.append('\n').append(l);
                }
                value = PyText.rstrip(joined.toString());
            }
            return new IniFile.Property(key, value, line, endLine, null);
        }
    }

    // botocore's _parse_nested: str.splitlines (which also breaks at U+2028, U+0085 ...), each non-blank line must be
    // 'k = v'; nested keys keep their case.
    private static Map<String, String> parseNested(IniFile.Property p, String path) {
        Map<String, String> nested = new LinkedHashMap<>();
        for (String raw : PyText.splitlines(p.value())) {
            String l = PyText.strip(raw);
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0) {
                throw SsocredException.config(path + ":" + p.line() + ": the indented lines under '" + p.key()
                        + "' must each be 'key = value'", "fix the block that starts at line " + p.line() + " of "
                        + path);
            }
            nested.put(PyText.strip(l.substring(0, eq)), PyText.strip(l.substring(eq + 1)));
        }
        return nested;
    }
}
