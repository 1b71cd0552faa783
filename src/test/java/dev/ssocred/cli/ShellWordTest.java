package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Profile names in hints, quoted when a shell would read them otherwise: the loop agrees with the regex it replaced. */
class ShellWordTest {
    private static String byRegex(String s) {
        return s.matches("[A-Za-z0-9_.@+,:/=-]+") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("$", "\\$").replace("`", "\\`") + "\"";
    }

    @Test
    void quotesExactlyWhatTheRegexQuoted() {
        String[] names = {"dev", "prod-admin", "a.b@c+d,e:f/g=h_i", "", " ", "my profile", "it's", "a\"b", "$HOME",
            "`id`", "back\\slash", "é", "ß", "Ａ", "tab\there", "x;y", "x|y", "*", "~user", "#", "!", "a\nb", "٣"};
        for (String name : names) {
            assertEquals(byRegex(name), CredentialVerb.shellWord(name), name);
        }
        for (char c = 0; c < 0x3000; c++) {
            String s = "a" + c;
            assertEquals(byRegex(s), CredentialVerb.shellWord(s), "U+" + Integer.toHexString(c));
        }
    }
}
