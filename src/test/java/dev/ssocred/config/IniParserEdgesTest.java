package dev.ssocred.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.SsocredException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RawConfigParser's section and option rules at their edges (each checked against Python's configparser). */
class IniParserEdgesTest {
    private static IniFile parse(String text) {
        return IniParser.parse(text, "f");
    }

    private static String error(String text) {
        return assertThrows(SsocredException.class, () -> parse(text)).getMessage();
    }

    @Test
    void aHeaderRunsToTheLastClosingBracketAndNeedsOneCharacter() {
        assertEquals("x", parse("[x]\n").sections().get(0).header());
        assertEquals("a]b", parse("[a]b] trailing\n").sections().get(0).header());
        assertEquals("]", parse("[]]\n").sections().get(0).header());
        assertTrue(error("[]\n").startsWith("f:1: a property appears before"), "[] is no header to Python either");
        assertTrue(error("[x]\n[]\n").startsWith("f:2: expected 'key = value'"));
        assertTrue(error("[open\n").contains("has no closing ']'"));
        assertTrue(error("[a=b\n").startsWith("f:1: a property appears before the first [section]"),
                "with '=' it is an option line, as for Python");
        assertTrue(error("[a:b\n").startsWith("f:1: a property appears"));
    }

    @Test
    void theKeyEndsAtTheFirstEqualsOrColonWhicheverComesFirst() {
        Map<String, IniFile.Property> p = parse("[s]\na = b:c\nd : e=f\ng=\n").sections().get(0).properties();
        assertEquals("b:c", p.get("a").value());
        assertEquals("e=f", p.get("d").value());
        assertEquals("", p.get("g").value());
        assertTrue(error("[s]\n= x\n").startsWith("f:2: expected 'key = value'"));
        assertTrue(error("[s]\n:x\n").startsWith("f:2: expected 'key = value'"));
        assertTrue(error("[s]\nnovalue\n").startsWith("f:2: expected 'key = value'"));
    }

    @Test
    void aLineIndentedDeeperThanItsKeyContinuesItAndOnlyDeeper() {
        IniFile f = parse("[s]\n  a = 1\n   more\n  b = 2\n\tc = 3\n");
        Map<String, IniFile.Property> p = f.sections().get(0).properties();
        assertEquals("1\nmore", p.get("a").value());
        assertEquals(List.of("a", "b", "c"), List.copyOf(p.keySet()), "same indent: a new key, not a continuation");
        IniFile nested = parse("[services x]\nsts =\n  endpoint_url = http://a\n");
        assertEquals(Map.of("endpoint_url", "http://a"), nested.sections().get(0).properties().get("sts").nested());
        assertTrue(error("[s]\nsts =\n  just words\n").contains("must each be 'key = value'"));
        IniFile unicodeIndent = parse("[s]\na = 1\n\u3000b\n");
        assertEquals("1\nb", unicodeIndent.sections().get(0).properties().get("a").value(), "Python's white space indents");
    }

    @Test
    void aBlankLineInsideAValueIsKeptAndACommentLineIsDropped() {
        // configparser: 'first\nsecond\n\nthird\nfourth'
        IniFile f = parse("[profile a]\nkey = first\n  second\n\n  third\n  # note\n  fourth\nafter = 1\n");
        assertEquals("first\nsecond\n\nthird\nfourth", f.section("profile a").orElseThrow().get("key").orElseThrow());
    }

    @Test
    void aNestedLineThatStartsWithEqualsHasAnEmptyKey() {
        // botocore's _parse_nested: {'': 'x', 'endpoint_url': 'http://y'}
        IniFile f = parse("[services s]\nsso =\n  =x\n  endpoint_url = http://y\n");
        assertEquals(Map.of("", "x", "endpoint_url", "http://y"),
                f.section("services s").orElseThrow().properties().get("sso").nested());
    }

    @Test
    void aLineThatIsNoOptionIsReportedBeforeABadNestedBlockAboveIt() {
        // configparser reads the whole file before botocore parses nested blocks, so its error comes first.
        String text = "[s]\nnested =\n  no equals here\nok = 1\n\njust words\n";
        assertTrue(error(text).startsWith("f:6: expected 'key = value'"), error(text));
        assertTrue(error("[s]\nnested =\n  no equals here\nok = 1\n").startsWith("f:2: the indented lines under"));
        // Two bad nested blocks: the first in the file is the one reported.
        assertTrue(error("[a]\nx =\n  bad\n[b]\ny =\n  worse\n").startsWith("f:2: "));
    }

    @Test
    void blankLinesInsideAValueAreKeptAndTrailingOnesDropped() {
        Map<String, IniFile.Property> p = parse("[s]\nm = one\n\n\n  two\n\n\nn = x\n\n").sections().get(0)
                .properties();
        assertEquals("one\n\n\ntwo", p.get("m").value());
        assertEquals(5, p.get("m").endLine());
        assertEquals("x", p.get("n").value());
        assertEquals(List.of("m", "n"), List.copyOf(p.keySet()), "file order");
        Map<String, IniFile.Property> nested = parse("[s]\nblock =\n\n  a = 1\n\n  b = 2\n\n").sections().get(0)
                .properties();
        assertEquals("\n\na = 1\n\nb = 2", nested.get("block").value());
        assertEquals(Map.of("a", "1", "b", "2"), nested.get("block").nested());
    }

    @Test
    void everyKindOfLineBreakEndsALineAndTheLastLineNeedsNone() {
        IniFile f = parse("[a]\r\nx = 1\r[b]\ny = 2\r\n\r\n[c]\rz = 3");
        assertEquals(List.of("a", "b", "c"), List.of(f.sections().get(0).header(), f.sections().get(1).header(),
                f.sections().get(2).header()));
        assertEquals(7, f.sections().get(2).properties().get("z").line(), "\r\n counts once, \r and \n once each");
        assertEquals("3", f.sections().get(2).properties().get("z").value());
        assertTrue(error("[a]\nx = 1\nx = 2").startsWith("f:3: 'x' is set twice in [a] (first at line 2)"));
    }
}
