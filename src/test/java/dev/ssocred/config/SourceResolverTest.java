package dev.ssocred.config;

import static dev.ssocred.testing.Files2.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceResolverTest {
    private static final String SSO = lines(
            "[profile dev]", "sso_session = corp", "sso_account_id = 111122223333", "sso_role_name = ReadOnly",
            "region = eu-west-1",
            "[sso-session corp]", "sso_start_url = https://d-1234567890.awsapps.com/start", "sso_region = us-east-1");
    final List<String> warnings = new ArrayList<>();

    private CredentialSource resolve(String name, String config, String credentials, Map<String, String> env) {
        AwsConfig files = new AwsConfig(IniParser.parse(config, "~/.aws/config"),
                IniParser.parse(credentials, "~/.aws/credentials"), warnings::add);
        Environment e = new Environment(env);
        return new SourceResolver(new ProfileResolver(files, e), e, warnings::add).resolve(name);
    }

    private CredentialSource resolve(String name, String config) {
        return resolve(name, config, "", Map.of());
    }

    private SsocredException refused(String name, String config) {
        return assertThrows(SsocredException.class, () -> resolve(name, config));
    }

    @Test
    void aRoleArnProfileIsAssumedWithItsSourceProfilesIdentityCenterRole() {
        var role = (CredentialSource.AssumedRole) resolve("prod", SSO + lines("[profile prod]",
                "role_arn = arn:aws:iam::444455556666:role/Deploy", "source_profile = dev", "region = us-west-2",
                "role_session_name = alice", "external_id = x-1", "mfa_serial = arn:aws:iam::111122223333:mfa/alice",
                "duration_seconds = 1800"));
        assertEquals("arn:aws:iam::444455556666:role/Deploy", role.roleArn());
        assertEquals(List.of(Optional.of("alice"), Optional.of("x-1"), Optional.of("arn:aws:iam::111122223333:mfa/alice")),
                List.of(role.roleSessionName(), role.externalId(), role.mfaSerial()));
        assertEquals(Optional.of(1800), role.durationSeconds());
        assertEquals(Optional.of("us-west-2"), role.region());
        assertEquals("us-west-2", role.stsRegion());
        assertEquals("dev", role.source().profile());
        assertEquals("ReadOnly", role.ssoRoot().orElseThrow().roleName());
    }

    @Test
    void roleArnComesBeforeIdentityCenterKeysOnTheSameProfileAsInBotocoresChain() {
        var role = resolve("both", SSO + lines("[profile both]", "sso_session = corp", "sso_account_id = 1",
                "sso_role_name = R", "role_arn = arn:aws:iam::444455556666:role/Deploy", "source_profile = dev"));
        assertInstanceOf(CredentialSource.AssumedRole.class, role);
    }

    @Test
    void everyStsCallOfAChainUsesTheRegionOfTheProfileAskedFor() {
        String config = SSO + lines("[profile a]", "role_arn = arn:aws:iam::1:role/A", "source_profile = dev",
                "region = ap-south-1", "[profile b]", "role_arn = arn:aws:iam::2:role/B", "source_profile = a",
                "region = sa-east-1");
        var b = (CredentialSource.AssumedRole) resolve("b", config);
        var a = (CredentialSource.AssumedRole) b.source();
        assertEquals(List.of("sa-east-1", "sa-east-1"), List.of(b.stsRegion(), a.stsRegion()));
        var fromEnv = (CredentialSource.AssumedRole) resolve("b", config, "", Map.of("AWS_REGION", "eu-north-1"));
        assertEquals("eu-north-1", fromEnv.stsRegion());
        var none = (CredentialSource.AssumedRole) resolve("x", SSO + lines("[profile x]",
                "role_arn = arn:aws:iam::1:role/X", "source_profile = dev"));
        assertEquals("aws-global", none.stsRegion(), "botocore's sts client without a region uses the global endpoint");
    }

    @Test
    void keysInTheCredentialsFileAreStaticKeysAndMaySourceARole() {
        String creds = lines("[ci]", "aws_access_key_id = AKIAEXAMPLE", "aws_secret_access_key = secret-value-1");
        var keys = (CredentialSource.StaticKeys) resolve("ci", "", creds, Map.of());
        assertEquals("AKIAEXAMPLE", keys.accessKeyId());
        assertEquals(Optional.empty(), keys.sessionToken());
        assertTrue(keys.where().startsWith("~/.aws/credentials:"), keys.where());
        assertTrue(!keys.toString().contains("secret-value-1"), keys.toString());
        var role = (CredentialSource.AssumedRole) resolve("deploy", lines("[profile deploy]",
                "role_arn = arn:aws:iam::1:role/D", "source_profile = ci"), creds, Map.of());
        assertInstanceOf(CredentialSource.StaticKeys.class, role.source());
        assertEquals(Optional.empty(), role.ssoRoot());
    }

    @Test
    void aProfileMayNameItselfAsSourceWhenItHasKeysButNoOtherLoop() {
        var self = (CredentialSource.AssumedRole) resolve("me", lines("[profile me]", "aws_access_key_id = AKIA1",
                "aws_secret_access_key = s3cr3t-1", "role_arn = arn:aws:iam::1:role/Me", "source_profile = me"));
        assertInstanceOf(CredentialSource.StaticKeys.class, self.source());
        SsocredException loop = refused("a", lines("[profile a]", "role_arn = arn:aws:iam::1:role/A",
                "source_profile = b", "[profile b]", "role_arn = arn:aws:iam::1:role/B", "source_profile = a"));
        assertEquals(ExitCode.CONFIG, loop.exitCode());
        assertTrue(loop.getMessage().contains("loops: a -> b -> a"), loop.getMessage());
        SsocredException selfWithoutKeys = refused("s", lines("[profile s]", "role_arn = arn:aws:iam::1:role/S",
                "source_profile = s"));
        assertTrue(selfWithoutKeys.getMessage().contains("s -> s"), selfWithoutKeys.getMessage());
    }

    @Test
    void aSourceProfileWithKeysAndItsOwnRoleArnGivesItsKeys() {
        var role = (CredentialSource.AssumedRole) resolve("top", lines("[profile top]",
                "role_arn = arn:aws:iam::1:role/Top", "source_profile = base", "[profile base]",
                "aws_access_key_id = AKIA2", "aws_secret_access_key = s3cr3t-2", "role_arn = arn:aws:iam::1:role/Ignored",
                "source_profile = elsewhere"));
        assertInstanceOf(CredentialSource.StaticKeys.class, role.source());
    }

    @Test
    void missingAndConflictingSourcesAreNamedWithTheFix() {
        SsocredException missing = refused("p", SSO + lines("[profile p]", "role_arn = arn:aws:iam::1:role/P",
                "source_profile = deb"));
        assertTrue(missing.getMessage().contains("source_profile 'deb' of profile 'p' (~/.aws/config:"), missing.getMessage());
        assertTrue(missing.hint().startsWith("did you mean 'dev'?"), missing.hint());
        SsocredException none = refused("p", lines("[profile p]", "role_arn = arn:aws:iam::1:role/P"));
        assertTrue(none.getMessage().contains("no source_profile"), none.getMessage());
        SsocredException both = refused("p", SSO + lines("[profile p]", "role_arn = arn:aws:iam::1:role/P",
                "source_profile = dev", "credential_source = Environment"));
        assertTrue(both.getMessage().contains("both source_profile and credential_source"), both.getMessage());
        SsocredException imds = refused("p", lines("[profile p]", "role_arn = arn:aws:iam::1:role/P",
                "credential_source = Ec2InstanceMetadata"));
        assertTrue(imds.getMessage().contains("credential_source = Ec2InstanceMetadata"), imds.getMessage());
        SsocredException halfKeys = assertThrows(SsocredException.class, () -> resolve("k", "",
                lines("[k]", "aws_access_key_id = AKIA3"), Map.of()));
        assertTrue(halfKeys.getMessage().contains("no aws_secret_access_key"), halfKeys.getMessage());
    }

    @Test
    void aDurationThatIsNotANumberIsIgnoredAsBotocoreIgnoresItWithAWarning() {
        var role = (CredentialSource.AssumedRole) resolve("p", SSO + lines("[profile p]",
                "role_arn = arn:aws:iam::1:role/P", "source_profile = dev", "duration_seconds = 1h"));
        assertEquals(Optional.empty(), role.durationSeconds());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("duration_seconds = 1h is not a whole number")), warnings.toString());
    }

    @Test
    void anIdentityCenterProfileStaysOneEvenWithKeysBesideIt() {
        var sso = resolve("dev", SSO, lines("[dev]", "aws_access_key_id = AKIA4", "aws_secret_access_key = s3cr3t-4"),
                Map.of());
        assertInstanceOf(CredentialSource.SsoRole.class, sso);
    }
}
