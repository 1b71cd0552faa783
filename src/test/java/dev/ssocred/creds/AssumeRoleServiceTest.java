package dev.ssocred.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.CredentialSource;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.io.Json;
import dev.ssocred.testing.FakeSts;
import dev.ssocred.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssumeRoleServiceTest {
    static final ServiceEndpoints NONE = ServiceEndpoints.fromEnvironment(new Environment(Map.of()));
    static final CredentialSource.StaticKeys KEYS = new CredentialSource.StaticKeys("ci", "AKIASOURCE",
            "source-secret", Optional.empty(), Optional.empty(), "~/.aws/credentials:2", NONE);
    @TempDir
    Path home;
    final MutableClock clock = MutableClock.at("2024-01-02T03:00:00Z");
    final FakeSts sts = new FakeSts();
    final List<String> prompts = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    String typed = "123456";

    private static CredentialSource.AssumedRole role(Optional<String> session, Optional<String> mfa) {
        return new CredentialSource.AssumedRole("deploy", "arn:aws:iam::444455556666:role/Deploy", session,
                Optional.empty(), mfa, Optional.empty(), KEYS, Optional.of("eu-west-1"), "eu-west-1", NONE);
    }

    private RoleCredentialsCache cache() {
        return new RoleCredentialsCache(home.resolve("cli"), Path::toString, warnings::add);
    }

    private AssumeRoleService service() {
        return new AssumeRoleService(cache(), () -> sts, (profile, serial) -> {
            prompts.add(profile + " " + serial);
            return typed;
        }, clock, Duration.ofSeconds(5), warnings::add);
    }

    private RoleCredentials get(CredentialSource.AssumedRole role) {
        return service().credentials(role, s -> RoleCredentials.of((CredentialSource.StaticKeys) s));
    }

    @Test
    void assumesWithTheSourcesKeysOnceAndCachesUnderBotocoresKeyInItsFormat() throws Exception {
        sts.expiration = clock.instant().plus(Duration.ofHours(1));
        RoleCredentials first = get(role(Optional.empty(), Optional.empty()));
        assertEquals("ASIAROLE1", first.accessKeyId());
        assertEquals("444455556666", first.accountId());
        assertEquals(1, sts.calls.size());
        assertEquals("AKIASOURCE", sts.calls.get(0).signedWith());
        assertEquals("eu-west-1", sts.calls.get(0).region());
        assertEquals("ssocred-session-" + clock.instant().getEpochSecond(), sts.calls.get(0).request().roleSessionName());
        // sha1('{"RoleArn": "arn:aws:iam::444455556666:role/Deploy"}'), computed with Python's json and hashlib
        Path file = home.resolve("cli/4e3c52f628c90136b8f3dc2ae583ce43fca653f0.json");
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\"Credentials\": {\"AccessKeyId\": \"ASIAROLE1\", \"SecretAccessKey\": \"role-secret-1\", "
                + "\"SessionToken\": \"role-token-1\", \"Expiration\": \"2024-01-02T04:00:00Z\", \"AccountId\": \"444455556666\"}, "
                + "\"AssumedRoleUser\": {\"AssumedRoleId\": \"AROAFAKE:ssocred-session-"), text);
        assertEquals("arn:aws:sts::444455556666:assumed-role/Deploy/ssocred-session-" + clock.instant().getEpochSecond(),
                ((Map<?, ?>) Json.parseObject(text).get("AssumedRoleUser")).get("Arn"));
        assertEquals(first, get(role(Optional.empty(), Optional.empty())));
        assertEquals(1, sts.calls.size(), "served from the cache");
    }

    @Test
    void reusesTheCacheUntilLessThanFifteenMinutesRemainExactlyAsBotocore() {
        sts.expiration = clock.instant().plus(Duration.ofHours(1));
        get(role(Optional.empty(), Optional.empty()));
        clock.advance(Duration.ofMinutes(45)); // exactly 15:00 left: botocore's "seconds < 900" is false, still fresh
        get(role(Optional.empty(), Optional.empty()));
        assertEquals(1, sts.calls.size());
        clock.advance(Duration.ofSeconds(1));
        get(role(Optional.empty(), Optional.empty()));
        assertEquals(2, sts.calls.size());
    }

    @Test
    void readsAnEntryBotocoreWroteWithItsResponseMetadataAndAnOlderUtcSuffix() throws Exception {
        Files.createDirectories(home.resolve("cli"));
        Files.writeString(home.resolve("cli/4e3c52f628c90136b8f3dc2ae583ce43fca653f0.json"), "{\"Credentials\": "
                + "{\"AccessKeyId\": \"ASIABOTO\", \"SecretAccessKey\": \"boto-secret\", \"SessionToken\": \"boto-token\", "
                + "\"Expiration\": \"2024-01-02T05:00:00UTC\"}, \"AssumedRoleUser\": {\"AssumedRoleId\": \"AROA:x\", "
                + "\"Arn\": \"arn:aws:sts::444455556666:assumed-role/Deploy/botocore-session-1\"}, \"ResponseMetadata\": "
                + "{\"RequestId\": \"r\", \"HTTPStatusCode\": 200, \"RetryAttempts\": 0}}");
        RoleCredentials c = get(role(Optional.empty(), Optional.empty()));
        assertEquals("ASIABOTO", c.accessKeyId());
        assertEquals("444455556666", c.accountId(), "the account comes from the ARN when the entry lacks AccountId");
        assertEquals(0, sts.calls.size());
    }

    @Test
    void asksForTheMfaCodeOnlyWhenItMustCallStsAndSendsIt() {
        var role = role(Optional.of("alice"), Optional.of("arn:aws:iam::111122223333:mfa/alice"));
        get(role);
        get(role);
        assertEquals(List.of("deploy arn:aws:iam::111122223333:mfa/alice"), prompts);
        StsApi.AssumeRoleRequest sent = sts.calls.get(0).request();
        assertEquals(Optional.of("123456"), sent.tokenCode());
        assertEquals("alice", sent.roleSessionName());
        assertTrue(!sent.toString().contains("123456"), sent.toString());
    }

    @Test
    void aCodeThatIsNotSixDigitsNeverReachesSts() {
        typed = "12345a";
        SsocredException e = assertThrows(SsocredException.class,
                () -> get(role(Optional.empty(), Optional.of("arn:aws:iam::1:mfa/a"))));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(0, sts.calls.size());
    }

    @Test
    void aRefusalNamesTheRoleTheSourceAndWhatToCheck() {
        sts.failWith = ServiceException.Kind.ACCESS_DENIED;
        SsocredException e = assertThrows(SsocredException.class, () -> get(role(Optional.empty(), Optional.empty())));
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("STS refused to let source_profile 'ci' assume arn:aws:iam::444455556666:role/Deploy"
                + " for profile 'deploy'"), e.getMessage());
        assertTrue(e.hint().contains("trusts source_profile 'ci'"), e.hint());
        sts.failWith = ServiceException.Kind.INVALID_REQUEST;
        SsocredException v = assertThrows(SsocredException.class, () -> get(role(Optional.empty(), Optional.empty())));
        assertTrue(v.hint().contains("at most 3600"), v.hint());
        sts.failWith = ServiceException.Kind.SERVER_ERROR;
        assertEquals(ExitCode.AWS, assertThrows(SsocredException.class,
                () -> get(role(Optional.empty(), Optional.empty()))).exitCode());
    }

    @Test
    void theHintNamesOnlyTheSettingsTheProfileHas() {
        sts.failWith = ServiceException.Kind.ACCESS_DENIED;
        SsocredException plain = assertThrows(SsocredException.class, () -> get(role(Optional.empty(), Optional.empty())));
        assertEquals("check role_arn of profile 'deploy' and that the role trusts source_profile 'ci'", plain.hint());
        var full = new CredentialSource.AssumedRole("deploy", "arn:aws:iam::444455556666:role/Deploy", Optional.empty(),
                Optional.of("ext-1"), Optional.of("arn:aws:iam::1:mfa/a"), Optional.empty(), KEYS, Optional.empty(),
                "eu-west-1", NONE);
        SsocredException both = assertThrows(SsocredException.class, () -> get(full));
        assertEquals("check role_arn, external_id, mfa_serial (and the code) of profile 'deploy' and that the role trusts "
                + "source_profile 'ci'", both.hint());
        sts.failWith = ServiceException.Kind.EXPIRED_TOKEN;
        SsocredException expired = assertThrows(SsocredException.class, () -> get(role(Optional.empty(), Optional.empty())));
        assertEquals(dev.ssocred.ExitCode.CONFIG, expired.exitCode());
        assertTrue(expired.hint().contains("'ssocred whoami ci'"), expired.hint());
        sts.failWith = ServiceException.Kind.UNAUTHORIZED;
        assertTrue(assertThrows(SsocredException.class, () -> get(role(Optional.empty(), Optional.empty()))).hint()
                .contains("are not valid any more"));
        sts.failWith = ServiceException.Kind.OTHER;
        SsocredException other = assertThrows(SsocredException.class, () -> get(role(Optional.empty(), Optional.empty())));
        assertEquals(dev.ssocred.ExitCode.AWS, other.exitCode());
        assertEquals("run with --debug for details", other.hint());
    }

    @Test
    void aCacheDirectoryThatCannotBeLockedOrWrittenStillGivesTheCredentialsWithWarnings() throws Exception {
        Files.writeString(home.resolve("cli"), "a file where the directory should be");
        RoleCredentials c = get(role(Optional.empty(), Optional.empty()));
        assertEquals("ASIAROLE1", c.accessKeyId());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("cannot lock ") && w.endsWith("assuming the role without it")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.endsWith("the credentials are not cached")), warnings.toString());
    }

    @Test
    void deletingAnEntrySaysWhetherThereWasOne() throws Exception {
        var sso = new dev.ssocred.config.SsoProfile("dev", new dev.ssocred.config.SsoSession(Optional.of("corp"),
                "https://x", "us-east-1", null), "1", "R", Optional.empty(), NONE);
        RoleCredentialsCache cache = cache();
        assertEquals(false, cache.delete(sso));
        cache.write(sso, new RoleCredentials("ASIA1", "secret-1", "tok-1", clock.instant().plusSeconds(3600), "1"));
        assertEquals(true, cache.delete(sso));
        assertEquals(false, Files.exists(cache.path(sso)));
    }
}
