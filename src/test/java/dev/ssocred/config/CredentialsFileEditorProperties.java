package dev.ssocred.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssocred.SsocredException;
import dev.ssocred.testing.Generated;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * On generated credentials files (sections, comments, blank and indented lines, CRLF, LF and CR, no final newline),
 * setting keys in one section changes that section only: every other section's text is the same to the byte, the
 * section's other keys keep their values, and the new values read back. A file the parser refuses is refused.
 */
class CredentialsFileEditorProperties {
    static final String[] NAMES = {"default", "dev", "prod", "dev-sso", "a b"};
    static final String[] KEYS = {"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "region", "output",
            "aws_session_expiration", "x"};
    static final String[] VALUES = {"AKIAOLD", "s3cr=t", "a#b", "C:\\\\dir\\\\", "", "tok/en+==", "日本"};
    static final String[] NEWLINES = {"\n", "\n", "\r\n", "\r"};

    static String file(Random r) {
        StringBuilder sb = new StringBuilder();
        String nl = NEWLINES[r.nextInt(NEWLINES.length)];
        List<String> used = new ArrayList<>();
        int sections = r.nextInt(4);
        for (int s = 0; s < sections; s++) {
            String name = NAMES[r.nextInt(NAMES.length)];
            if (used.contains(name)) {
                continue;
            }
            used.add(name);
            if (r.nextInt(3) == 0) {
                sb.append(r.nextBoolean() ? "# a comment" : "; another").append(nl);
            }
            sb.append('[').append(name).append(']').append(nl);
            List<String> keys = new ArrayList<>();
            for (int k = r.nextInt(5); k > 0; k--) {
                String key = KEYS[r.nextInt(KEYS.length)];
                if (keys.contains(key)) {
                    continue;
                }
                keys.add(key);
                sb.append(key).append(r.nextBoolean() ? " = " : "=").append(VALUES[r.nextInt(VALUES.length)]).append(nl);
                if (r.nextInt(6) == 0) {
                    sb.append("    continued").append(nl);
                }
            }
            if (r.nextInt(3) == 0) {
                sb.append(nl);
            }
        }
        String text = sb.toString();
        return r.nextInt(4) == 0 && text.endsWith(nl) ? text.substring(0, text.length() - nl.length()) : text;
    }

    record Edit(String text, String section) {
    }

    @Test
    void anEditChangesOnlyTheSectionItOwns() {
        List<Edit> edits = Generated.samples(1500, r -> new Edit(file(r), NAMES[r.nextInt(NAMES.length)]));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("aws_access_key_id", "ASIANEW");
        values.put("aws_secret_access_key", "NEWSECRET");
        values.put("aws_session_token", "NEW/TOKEN==");
        int[] refused = {0};
        Generated.forAll(edits, e -> {
            IniFile before;
            try {
                before = IniParser.parse(e.text(), "credentials");
            } catch (SsocredException unreadable) {
                refused[0]++;
                org.junit.jupiter.api.Assertions.assertThrows(SsocredException.class,
                        () -> CredentialsFileEditor.upsert(e.text(), "credentials", e.section(), values));
                return;
            }
            String updated = CredentialsFileEditor.upsert(e.text(), "credentials", e.section(), values);
            IniFile after = IniParser.parse(updated, "credentials");
            for (IniFile.Section s : before.sections()) {
                if (!s.header().equals(e.section())) {
                    assertEquals(block(e.text(), s.header()), block(updated, s.header()), "section [" + s.header() + "]");
                }
            }
            IniFile.Section target = after.section(e.section()).orElseThrow();
            values.forEach((k, v) -> assertEquals(v, target.get(k).orElse(null), k));
            before.section(e.section()).ifPresent(old -> old.properties().forEach((k, p) -> {
                if (!values.containsKey(k)) {
                    assertEquals(p.value(), target.get(k).orElse(null), "untouched key " + k);
                }
            }));
            assertEquals(before.sections().stream().map(IniFile.Section::header).filter(h -> !h.equals(e.section())).toList(),
                    after.sections().stream().map(IniFile.Section::header).filter(h -> !h.equals(e.section())).toList(),
                    "the other sections, in order");
        });
        org.junit.jupiter.api.Assertions.assertTrue(refused[0] < edits.size() / 4, refused[0] + " files were unreadable");
    }

    /** The raw text of section {@code header}: from its header line up to the next header (or the end). */
    static String block(String text, String header) {
        int start = text.indexOf("[" + header + "]");
        int next = text.indexOf("\n[", start + 1);
        int nextCr = text.indexOf("\r[", start + 1);
        int end = next < 0 ? nextCr : nextCr < 0 ? next : Math.min(next, nextCr);
        String block = end < 0 ? text.substring(start) : text.substring(start, end + 1);
        // A block that ends the file may gain the newline the editor adds before a new section: compare content.
        return block.replaceAll("(\r\n|\n|\r)+$", "");
    }

    @Test
    void aFileTheParserRefusesIsRefusedNotRewritten() {
        String broken = "[dev]\naws_access_key_id = A\naws_access_key_id = B\n";
        org.junit.jupiter.api.Assertions.assertThrows(SsocredException.class,
                () -> CredentialsFileEditor.upsert(broken, "credentials", "prod", Map.of("x", "y")));
    }
}
