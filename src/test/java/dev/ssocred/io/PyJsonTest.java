package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Expected strings are what Python 3.11's json.dumps printed for the same input. */
class PyJsonTest {

    @Test
    void defaultSeparatorsOnOneLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "x");
        m.put("a", Arrays.asList(1L, null, true));
        m.put("c", new LinkedHashMap<>());
        assertEquals("{\"b\": \"x\", \"a\": [1, null, true], \"c\": {}}", PyJson.DEFAULT.dumps(m));
    }

    @Test
    void sortedCompact() {
        Map<String, Object> m = new TreeMap<>(Map.of("roleName", "R", "accountId", "1"));
        assertEquals("{\"accountId\":\"1\",\"roleName\":\"R\"}", PyJson.COMPACT.dumps(m));
    }

    @Test
    void nestedContainersIndentOneLevelEach() {
        Map<String, Object> inner = new java.util.LinkedHashMap<>();
        inner.put("b", java.util.List.of(1, java.util.Map.of("c", true)));
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a", inner);
        // json.dumps({"a": {"b": [1, {"c": True}]}}, indent=2, separators=(",", ": "))
        assertEquals("{\n  \"a\": {\n    \"b\": [\n      1,\n      {\n        \"c\": true\n      }\n    ]\n  }\n}",
                PyJson.INDENT2.dumps(m));
    }

    @Test
    void indentTwoLikeExportCredentials() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Version", 1);
        m.put("L", List.of());
        m.put("A", "x");
        assertEquals("{\n  \"Version\": 1,\n  \"L\": [],\n  \"A\": \"x\"\n}", PyJson.INDENT2.dumps(m));
    }

    @Test
    void escapesLikeEnsureAscii() {
        // json.dumps("é/\"\\\n\t\u0001\u007f😀") == '"\\u00e9/\\"\\\\\\n\\t\\u0001\\u007f\\ud83d\\ude00"'
        assertEquals("\"\\u00e9/\\\"\\\\\\n\\t\\u0001\\u007f\\ud83d\\ude00\"", PyJson.DEFAULT.dumps("é/\"\\\n\t\u0001\u007f😀"));
    }

    @Test
    void quotingInRunsEscapesExactlyWhatCharByCharQuotingDid() {
        // The char-by-char quoting this replaced, as the reference: every character on its own.
        java.util.Random random = new java.util.Random(20261129);
        String pool = "aZ09 /+=-_\"\\\n\r\t\b\f\u0000\u0001\u001f\u007e\u007f\u0080\u00e9\u2603\ud83d\ude00";
        for (int n = 0; n < 3000; n++) {
            StringBuilder s = new StringBuilder();
            for (int len = random.nextInt(12); len > 0; len--) {
                s.append(pool.charAt(random.nextInt(pool.length())));
            }
            StringBuilder expected = new StringBuilder("\"");
            for (char c : s.toString().toCharArray()) {
                expected.append(switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
                });
            }
            assertEquals(expected.append('"').toString(), PyJson.DEFAULT.dumps(s.toString()), s.toString());
        }
    }
}
