package dev.ssocred.config;

import static dev.ssocred.testing.Files2.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IniParserTest {

    private static IniFile parse(String text) {
        return IniParser.parse(text, "~/.aws/config");
    }

    private static String value(IniFile f, String section, String key) {
        return f.section(section).orElseThrow().get(key).orElseThrow();
    }

    @Test
    void lowerCasesKeysButNotSectionNames() {
        IniFile f = parse(lines("[profile Dev]", "SSO_Region = us-east-1"));
        assertEquals("us-east-1", value(f, "profile Dev", "sso_region"));
        assertTrue(f.section("profile dev").isEmpty());
    }

    @Test
    void acceptsColonAsSeparatorAndKeepsLaterSeparatorsInValue() {
        IniFile f = parse(lines("[default]", "sso_start_url = https://d-1.awsapps.com/start#/x=1", "url:https://h/x=1"));
        assertEquals("https://d-1.awsapps.com/start#/x=1", value(f, "default", "sso_start_url"));
        assertEquals("https://h/x=1", value(f, "default", "url"));
    }

    @Test
    void keepsInlineCommentsInTheValueLikeTheAwsCli() {
        IniFile f = parse(lines("[default]", "region = us-east-1 # primary", "output = json ; x"));
        assertEquals("us-east-1 # primary", value(f, "default", "region"));
        assertEquals("json ; x", value(f, "default", "output"));
    }

    @Test
    void dropsWholeLineCommentsOfBothKinds() {
        IniFile f = parse(lines("# top", "[default]", "; semi", "  # indented", "region = x"));
        assertEquals("x", value(f, "default", "region"));
        assertEquals(1, f.section("default").orElseThrow().properties().size(), "comments are not properties");
    }

    @Test
    void neverInterpretsBackslashesOrInterpolation() {
        IniFile f = parse(lines("[profile w]",
                "credential_process = \"C:\\Program Files\\ssocred\\ssocred.exe\" process --profile w",
                "path = C:\\tools\\",
                "next = still here",
                "loop = ${loop}",
                "other = %(x)s"));
        assertEquals("\"C:\\Program Files\\ssocred\\ssocred.exe\" process --profile w", value(f, "profile w", "credential_process"));
        assertEquals("C:\\tools\\", value(f, "profile w", "path"));
        assertEquals("still here", value(f, "profile w", "next"));
        assertEquals("${loop}", value(f, "profile w", "loop"));
        assertEquals("%(x)s", value(f, "profile w", "other"));
    }

    @Test
    void parsesIndentedSubPropertiesAsNested() {
        IniFile f = parse(lines("[services local]", "sso_oidc =", "  endpoint_url = http://127.0.0.1:8080",
                "  # a comment inside", "", "  Other_Key = v", "sso =", "  endpoint_url = http://127.0.0.1:9090",
                "[default]", "region = x"));
        var p = f.section("services local").orElseThrow().properties().get("sso_oidc");
        assertEquals(Map.of("endpoint_url", "http://127.0.0.1:8080", "Other_Key", "v"), p.nested());
        assertEquals(2, p.line());
        assertEquals(6, p.endLine());
        assertEquals("http://127.0.0.1:9090", f.section("services local").orElseThrow().properties().get("sso").nested()
                .get("endpoint_url"));
        assertEquals("x", value(f, "default", "region"));
    }

    @Test
    void joinsContinuationLinesOfAPlainValue() {
        IniFile f = parse(lines("[default]", "credential_process = tool", "    --flag", "region = x"));
        assertEquals("tool\n--flag", value(f, "default", "credential_process"));
    }

    @Test
    void acceptsCrLfAndCrLineEndings() {
        IniFile f = parse("[default]\r\nregion = a\r\n[profile b]\rregion = b\r");
        assertEquals("a", value(f, "default", "region"));
        assertEquals("b", value(f, "profile b", "region"));
    }

    @Test
    void rejectsDuplicateSectionsNamingBothLines() {
        var e = assertThrows(SsocredException.class, () -> parse(lines("[profile a]", "x = 1", "[profile a]", "y = 2")));
        assertEquals("~/.aws/config:3: section [profile a] appears twice (first at line 1)", e.getMessage());
        assertEquals(ExitCode.CONFIG, e.exitCode());
    }

    @Test
    void rejectsDuplicateKeysInOneSection() {
        var e = assertThrows(SsocredException.class, () -> parse(lines("[default]", "region = a", "REGION = b")));
        assertEquals("~/.aws/config:3: 'region' is set twice in [default] (first at line 2)", e.getMessage());
    }

    @Test
    void rejectsALineThatIsNotAPropertyWithFileAndLine() {
        var e = assertThrows(SsocredException.class, () -> parse(lines("[default]", "region = a", "just words")));
        assertEquals("~/.aws/config:3: expected 'key = value', a [section] header or a comment", e.getMessage());
        assertEquals("fix line 3 of ~/.aws/config", e.hint());
    }

    @Test
    void rejectsPropertiesBeforeTheFirstSection() {
        var e = assertThrows(SsocredException.class, () -> parse(lines("region = a", "[default]")));
        assertTrue(e.getMessage().startsWith("~/.aws/config:1: "), e.getMessage());
    }

    @Test
    void rejectsNestedBlockLinesWithoutEquals() {
        var e = assertThrows(SsocredException.class, () -> parse(lines("[services x]", "sso =", "  nonsense")));
        assertTrue(e.getMessage().startsWith("~/.aws/config:2: "), e.getMessage());
    }

    @Test
    void emptyValueIsKept() {
        IniFile f = parse(lines("[default]", "region ="));
        assertEquals("", value(f, "default", "region"));
    }

    @org.junit.jupiter.api.Test
    void anUnclosedSectionHeaderIsSaidAsSuch() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ssocred.SsocredException.class,
                () -> IniParser.parse("[profile dev\nregion = a\n", "~/.aws/config"));
        org.junit.jupiter.api.Assertions.assertEquals("~/.aws/config:1: section header '[profile dev' has no closing ']'",
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertEquals("write [profile dev] on line 1 of ~/.aws/config", e.hint());
    }

    @org.junit.jupiter.api.Test
    void aLineIndentedWithNonBreakingSpacesContinuesTheValueAsInPython() {
        IniFile f = IniParser.parse("[profile dev]\nkey = first\n\u00a0\u00a0second\n", "c");
        org.junit.jupiter.api.Assertions.assertEquals("first\nsecond", f.sections().get(0).get("key").orElseThrow());
    }
}
