package dev.ssocred.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ssocred.SsocredException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsFileEditorTest {
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("aws_access_key_id", "NEWID");
        KEYS.put("aws_secret_access_key", "NEWSECRET");
        KEYS.put("aws_session_token", "NEWTOKEN");
    }

    private static String upsert(String text, String section) {
        return CredentialsFileEditor.upsert(text, "~/.aws/credentials", section, KEYS);
    }

    @Test
    void createsTheFileContent() {
        assertEquals("[dev]\naws_access_key_id = NEWID\naws_secret_access_key = NEWSECRET\naws_session_token = NEWTOKEN\n",
                upsert("", "dev"));
    }

    @Test
    void appendsANewSectionAfterABlankLineKeepingEverythingBefore() {
        String before = "# my keys\n[prod]\naws_access_key_id=A ; inline\n\n; trailing comment";
        assertEquals(before + "\n\n[dev]\naws_access_key_id = NEWID\naws_secret_access_key = NEWSECRET\n"
                + "aws_session_token = NEWTOKEN\n", upsert(before, "dev"));
    }

    @Test
    void replacesOnlyTheOwnedKeyLinesInPlace() {
        String before = "[a]\nx = 1\n\n[dev]  \n# keep me\nregion = eu-west-1\nAWS_ACCESS_KEY_ID=old\n"
                + "aws_session_token = old\n  continued\n; comment of next\n[z]\ny = 2\n";
        String after = "[a]\nx = 1\n\n[dev]  \n# keep me\nregion = eu-west-1\naws_access_key_id = NEWID\n"
                + "aws_session_token = NEWTOKEN\naws_secret_access_key = NEWSECRET\n; comment of next\n[z]\ny = 2\n";
        assertEquals(after, upsert(before, "dev"));
    }

    @Test
    void keepsCrLfLineEndings() {
        String before = "[dev]\r\naws_access_key_id = old\r\n[other]\r\nk = v\r\n";
        assertEquals("[dev]\r\naws_access_key_id = NEWID\r\naws_secret_access_key = NEWSECRET\r\n"
                + "aws_session_token = NEWTOKEN\r\n[other]\r\nk = v\r\n", upsert(before, "dev"));
    }

    @Test
    void keepsAMissingFinalNewlineMissing() {
        assertEquals("[dev]\nregion = x\naws_access_key_id = NEWID\naws_secret_access_key = NEWSECRET\n"
                + "aws_session_token = NEWTOKEN", upsert("[dev]\nregion = x", "dev"));
    }

    @Test
    void sectionWithOnlyAHeader() {
        assertEquals("[dev]\naws_access_key_id = NEWID\naws_secret_access_key = NEWSECRET\naws_session_token = NEWTOKEN\n"
                + "\n[b]\n", upsert("[dev]\n\n[b]\n", "dev"));
    }

    @Test
    void valuesThatWouldBreakTheFileAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CredentialsFileEditor.upsert("", "f", "dev",
                Map.of("aws_session_token", "a\nb = c")));
    }

    @Test
    void refusesToEditAFileItCannotParse() {
        var e = assertThrows(SsocredException.class, () -> upsert("[dev]\nnot a pair\n", "dev"));
        assertEquals("~/.aws/credentials:2: expected 'key = value', a [section] header or a comment", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aValueStartingWithALineBreakOrHoldingACarriageReturnIsRefused() {
        for (String bad : new String[] {"\nx", "x\r", "\rx"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CredentialsFileEditor
                    .upsert("[a]\n", "f", "a", java.util.Map.of("k", bad)), bad);
        }
        org.junit.jupiter.api.Assertions.assertEquals("[a]\nk = v\nn = 1\n", CredentialsFileEditor.upsert("[a]\nk = old\n",
                "f", "a", new java.util.LinkedHashMap<>(java.util.Map.of("k", "v", "n", "1")) {{
                    clear();
                    put("k", "v");
                    put("n", "1");
                }}));
    }
}
