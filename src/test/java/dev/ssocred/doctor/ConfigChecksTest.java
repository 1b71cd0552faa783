package dev.ssocred.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.config.IniParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {
    private static List<Finding> check(String text) {
        return new ConfigChecks(IniParser.parse(text, "~/.aws/config"), text.split("\r\n|\n|\r", -1).length).all();
    }

    private static String fix(String text) {
        List<TextEdit> edits = new ArrayList<>();
        check(text).forEach(f -> edits.addAll(f.edits()));
        return TextEdit.apply(text, edits);
    }

    @Test
    void legacyProfilesMoveToOneNewSessionAndTheRestStaysByteForByte() {
        String text = "# keep\n[profile a]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_account_id = 1\nsso_role_name = R ; not a comment\n\n[profile b]\nsso_region = us-east-1\n"
                + "sso_start_url = https://d-1.awsapps.com/start\nsso_role_name = S\nsso_account_id = 2";
        assertEquals("# keep\n[profile a]\nsso_session = d-1\nsso_account_id = 1\nsso_role_name = R ; not a comment\n\n"
                + "[profile b]\nsso_session = d-1\nsso_role_name = S\nsso_account_id = 2\n\n[sso-session d-1]\n"
                + "sso_start_url = https://d-1.awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_registration_scopes = sso:account:access\n", fix(text));
    }

    @Test
    void aLegacyProfileUsesAnExistingSessionForTheSameStartUrl() {
        String text = "[sso-session corp]\nsso_start_url = https://x\nsso_region = r\nsso_registration_scopes = s\n"
                + "[profile a]\nsso_start_url = https://x\nsso_region = r\n";
        assertEquals("[sso-session corp]\nsso_start_url = https://x\nsso_region = r\nsso_registration_scopes = s\n"
                + "[profile a]\nsso_session = corp\n", fix(text));
    }

    @Test
    void bareSectionsHyphenatedKeysAndMissingScopesAreFoundWithTheirLines() {
        String text = "[dev]\nregion = x\nsso-region = y\n[sso-session s]\nsso_start_url = u\nsso_region = r\n"
                + "[profile p]\nsso_session = nope\n";
        List<Finding> f = check(text);
        assertEquals(List.of("~/.aws/config:1", "~/.aws/config:3", "~/.aws/config:4", "~/.aws/config:8"),
                f.stream().map(Finding::where).toList());
        assertEquals("[profile dev]\nregion = x\nsso_region = y\n[sso-session s]\nsso_registration_scopes = "
                + "sso:account:access\nsso_start_url = u\nsso_region = r\n[profile p]\nsso_session = nope\n", fix(text));
        assertTrue(f.get(3).fix().contains("use one of: s"), f.get(3).fix());
    }

    @Test
    void aCleanConfigHasNoFindings() {
        assertEquals(List.of(), check("[default]\nregion = x\n[sso-session s]\nsso_start_url = u\nsso_region = r\n"
                + "sso_registration_scopes = sso:account:access\n[profile p]\nsso_session = s\n"));
    }
}
