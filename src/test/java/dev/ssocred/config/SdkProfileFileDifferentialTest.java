package dev.ssocred.config;

import static dev.ssocred.testing.Files2.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Our parser against the AWS SDK for Java's {@link ProfileFile} on files where the AWS CLI and the SDK agree (no
 * inline comments, no duplicates, lower-case keys: the SDK keeps key case, botocore lower-cases): every profile and
 * sso-session must hold the same keys and values.
 */
class SdkProfileFileDifferentialTest {
    private static final String CORPUS = lines(
            "# a realistic file",
            "[default]",
            "region = us-east-1",
            "output=json",
            "",
            "[profile dev]",
            "sso_session = corp",
            "sso_account_id = 111122223333",
            "sso_role_name = ReadOnly",
            "credential_process = \"C:\\Program Files\\ssocred\\ssocred.exe\" process --profile dev",
            "weird = a=b:c ${HOME} %(x)s",
            "",
            "; comment",
            "[profile legacy]",
            "sso_start_url = https://d-1234567890.awsapps.com/start#/",
            "sso_region = eu-west-1",
            "sso_account_id = 222233334444",
            "sso_role_name = Admin",
            "",
            "[sso-session corp]",
            "sso_start_url = https://d-1234567890.awsapps.com/start",
            "sso_region = us-east-1",
            "sso_registration_scopes = sso:account:access",
            "[profile with-empty]",
            "region =",
            "[profile tabs]",
            "region\t=\tap-south-1");

    @Test
    void agreesWithTheSdkOnEveryProfileAndSession() {
        ProfileFile sdk = ProfileFile.builder().content(CORPUS).type(ProfileFile.Type.CONFIGURATION).build();
        AwsConfig ours = new AwsConfig(IniParser.parse(CORPUS, "config"), IniFile.empty("creds"), w -> { });
        assertEquals(new TreeMap<>(sdk.profiles().keySet().stream().collect(
                java.util.stream.Collectors.toMap(k -> k, k -> true))).keySet(),
                new java.util.TreeSet<>(ours.profileNames()));
        for (String name : ours.profileNames()) {
            // An empty value is unset to botocore (and to us); the SDK keeps it as "".
            Map<String, String> sdkValues = new LinkedHashMap<>(sdk.profile(name).orElseThrow().properties());
            sdkValues.values().removeIf(String::isEmpty);
            assertEquals(sdkValues, values(ours.profile(name).orElseThrow().settings()), "profile " + name);
        }
        assertEquals(sdk.getSection("sso-session", "corp").orElseThrow().properties(),
                values(ours.ssoSession("corp").orElseThrow()));
    }

    private static Map<String, String> values(Map<String, Setting> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }
}
