package dev.ssocred.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssocred.config.CredentialSource;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expected values computed with Python: sha1(json.dumps(args, sort_keys=True).encode()).hexdigest(). */
class AssumeRoleKeyTest {
    private static CredentialSource.AssumedRole role(String arn, String session, String externalId, String mfa,
                                                     Integer duration) {
        return new CredentialSource.AssumedRole("p", arn, Optional.ofNullable(session), Optional.ofNullable(externalId),
                Optional.ofNullable(mfa), Optional.ofNullable(duration), AssumeRoleServiceTest.KEYS, Optional.empty(),
                "aws-global", ServiceEndpoints.fromEnvironment(new Environment(Map.of())));
    }

    @Test
    void roleArnAlone() {
        // {"RoleArn": "arn:aws:iam::444455556666:role/Deploy"}
        assertEquals("4e3c52f628c90136b8f3dc2ae583ce43fca653f0",
                AssumeRoleKey.of(role("arn:aws:iam::444455556666:role/Deploy", null, null, null, null)));
    }

    @Test
    void durationIsANumberAndKeysAreSorted() {
        // {"DurationSeconds": 3600, "ExternalId": "ext-123", "RoleArn": "arn:aws:iam::777788889999:role/Deep"}
        assertEquals("dff33b5cc9e2c71ca6ba6f8078c4bb1db11b0b10",
                AssumeRoleKey.of(role("arn:aws:iam::777788889999:role/Deep", null, "ext-123", null, 3600)));
    }

    @Test
    void sessionNameAndSerialAreInTheKeyAndNonAsciiIsEscapedAsPythonDoes() {
        // {"ExternalId": "caf\u00e9 ~x", "RoleArn": "...", "RoleSessionName": "alice", "SerialNumber": "arn:...:mfa/alice"}
        assertEquals("49257dd66d028f8cf2b143daf6e4cf8e5160cfdb", AssumeRoleKey.of(role(
                "arn:aws:iam::444455556666:role/Deploy", "alice", "caf\u00e9 ~x", "arn:aws:iam::111122223333:mfa/alice", null)));
    }
}
