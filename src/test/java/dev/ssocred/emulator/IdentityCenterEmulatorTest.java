package dev.ssocred.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.ServiceException;
import dev.ssocred.aws.SdkClients;
import dev.ssocred.aws.SdkOidcApi;
import dev.ssocred.aws.SdkPortalApi;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.sso.OidcApi;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** The emulator driven by the real AWS SDK clients: if the SDK accepts its answers, so do the other SDKs' parsers. */
class IdentityCenterEmulatorTest {
    private static final SdkClients CLIENTS = new SdkClients(Duration.ofSeconds(2), Duration.ofSeconds(10), false);
    IdentityCenterEmulator emu;
    ServiceEndpoints endpoints;

    @BeforeEach
    void start() throws Exception {
        emu = IdentityCenterEmulator.start();
        endpoints = ServiceEndpoints.fromEnvironment(new Environment(Map.of("AWS_ENDPOINT_URL", emu.baseUrl())));
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private OidcApi oidc() {
        return SdkOidcApi.factory(CLIENTS).create("us-east-1", endpoints);
    }

    private PortalApi portal() {
        return SdkPortalApi.factory(CLIENTS).create("us-east-1", endpoints);
    }

    @Test
    void deviceFlowIsPendingUntilApprovedThenIssuesTokens() {
        OidcApi oidc = oidc();
        OidcApi.Registered reg = oidc.registerClient("t", List.of("sso:account:access"));
        OidcApi.DeviceAuthorization auth = oidc.startDeviceAuthorization(reg.clientId(), reg.clientSecret(), "https://x");
        var pending = assertThrows(ServiceException.class,
                () -> oidc.createTokenWithDeviceCode(reg.clientId(), reg.clientSecret(), auth.deviceCode()));
        assertEquals(ServiceException.Kind.AUTHORIZATION_PENDING, pending.kind());
        assertTrue(emu.approve(auth.userCode()));
        OidcApi.TokenGrant grant = oidc.createTokenWithDeviceCode(reg.clientId(), reg.clientSecret(), auth.deviceCode());
        assertTrue(grant.refreshToken() != null, "scopes were registered, so a refresh token is issued");
        assertEquals(2, emu.calls("CreateToken:device_code"));
    }

    @Test
    void withoutScopesThereIsNoRefreshTokenLikeTheRealService() {
        emu.autoApproveAfter = Duration.ZERO;
        OidcApi oidc = oidc();
        OidcApi.Registered reg = oidc.registerClient("t", null);
        var auth = oidc.startDeviceAuthorization(reg.clientId(), reg.clientSecret(), "https://x");
        assertEquals(null, oidc.createTokenWithDeviceCode(reg.clientId(), reg.clientSecret(), auth.deviceCode()).refreshToken());
    }

    @Test
    void deniedAndExpiredDeviceCodes() {
        OidcApi oidc = oidc();
        OidcApi.Registered reg = oidc.registerClient("t", List.of("sso:account:access"));
        var auth = oidc.startDeviceAuthorization(reg.clientId(), reg.clientSecret(), "https://x");
        emu.deny(auth.userCode());
        assertEquals(ServiceException.Kind.ACCESS_DENIED, assertThrows(ServiceException.class,
                () -> oidc.createTokenWithDeviceCode(reg.clientId(), reg.clientSecret(), auth.deviceCode())).kind());
        emu.deviceCodeLifetimeSeconds = 0;
        var auth2 = oidc.startDeviceAuthorization(reg.clientId(), reg.clientSecret(), "https://x");
        assertEquals(ServiceException.Kind.EXPIRED_TOKEN, assertThrows(ServiceException.class,
                () -> oidc.createTokenWithDeviceCode(reg.clientId(), reg.clientSecret(), auth2.deviceCode())).kind());
    }

    @Test
    void refreshTokensRotateAndAUsedOneIsRefused() {
        var seed = emu.seedSession();
        OidcApi oidc = oidc();
        OidcApi.TokenGrant first = oidc.createTokenWithRefreshToken(seed.clientId(), seed.clientSecret(), seed.refreshToken());
        var reuse = assertThrows(ServiceException.class,
                () -> oidc.createTokenWithRefreshToken(seed.clientId(), seed.clientSecret(), seed.refreshToken()));
        assertEquals(ServiceException.Kind.INVALID_GRANT, reuse.kind());
        oidc.createTokenWithRefreshToken(seed.clientId(), seed.clientSecret(), first.refreshToken());
    }

    @Test
    void portalChecksTheBearerTokenAndTheAssignment() {
        var seed = emu.seedSession();
        RoleCredentials c = portal().getRoleCredentials(seed.accessToken(), "111122223333", "ReadOnly");
        assertTrue(c.accessKeyId().startsWith("ASIA"));
        assertEquals(ServiceException.Kind.UNAUTHORIZED, assertThrows(ServiceException.class,
                () -> portal().getRoleCredentials("bogus", "111122223333", "ReadOnly")).kind());
        // The real service answers a role without an assignment with 403 ForbiddenException "No access".
        assertEquals(ServiceException.Kind.ACCESS_DENIED, assertThrows(ServiceException.class,
                () -> portal().getRoleCredentials(seed.accessToken(), "111122223333", "Nope")).kind());
        emu.addAccount("999900001111", "Nope");
        assertEquals("999900001111", portal().getRoleCredentials(seed.accessToken(), "999900001111", "Nope").accountId());
        emu.expireAccessTokens();
        assertEquals(ServiceException.Kind.UNAUTHORIZED, assertThrows(ServiceException.class,
                () -> portal().getRoleCredentials(seed.accessToken(), "111122223333", "ReadOnly")).kind());
    }

    @Test
    void listAccountsPaginatesForTheSdkPaginator() {
        var seed = emu.seedSession();
        try (SsoClient sso = SsoClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(emu.baseUrl()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build()) {
            var ids = sso.listAccountsPaginator(b -> b.accessToken(seed.accessToken())).accountList().stream()
                    .map(a -> a.accountId()).toList();
            assertEquals(List.of("111122223333", "444455556666", "777788889999"), ids);
            assertEquals(2, emu.calls("ListAccounts"), "page size 2 means two pages");
            var roles = sso.listAccountRolesPaginator(b -> b.accessToken(seed.accessToken()).accountId("111122223333"))
                    .roleList().stream().map(r -> r.roleName()).toList();
            assertEquals(List.of("ReadOnly", "Admin"), roles);
        }
    }

    @Test
    void stsAnswersOnlyRequestsSignedWithIssuedCredentials() {
        var seed = emu.seedSession();
        RoleCredentials c = portal().getRoleCredentials(seed.accessToken(), "444455556666", "ReadOnly");
        try (StsClient sts = sts(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())) {
            var id = sts.getCallerIdentity();
            assertEquals("444455556666", id.account());
            assertTrue(id.arn().contains("AWSReservedSSO_ReadOnly"), id.arn());
            var assumed = sts.assumeRole(b -> b.roleArn("arn:aws:iam::777788889999:role/Deploy").roleSessionName("ci-1"));
            assertEquals("arn:aws:sts::777788889999:assumed-role/Deploy/ci-1", assumed.assumedRoleUser().arn());
        }
        try (StsClient wrongSecret = sts(c.accessKeyId(), "not-the-secret", c.sessionToken())) {
            var e = assertThrows(StsException.class, wrongSecret::getCallerIdentity);
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
        try (StsClient unknown = sts("ASIAUNKNOWN", "x", "y")) {
            assertEquals("InvalidClientTokenId", assertThrows(StsException.class, unknown::getCallerIdentity)
                    .awsErrorDetails().errorCode());
        }
        assertEquals(2, emu.calls("STS:rejected"));
    }

    @Test
    void assumeRoleKeepsTheServicesRulesForChainingTrustAndLongTermKeys() {
        RoleCredentials c = identityCenterRole();
        String arn = guardedRole();
        try (StsClient sts = sts(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())) {
            var tooLong = assertThrows(StsException.class, () -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s1")
                    .durationSeconds(7200).externalId("ext-1")));
            assertTrue(tooLong.awsErrorDetails().errorMessage().contains("1 hour session limit for roles assumed by role "
                    + "chaining"), tooLong.getMessage());
            var noMfa = assertThrows(StsException.class, () -> sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s1")
                    .externalId("ext-1")));
            assertEquals("AccessDenied", noMfa.awsErrorDetails().errorCode());
            assertEquals(403, noMfa.statusCode());
            var ok = sts.assumeRole(b -> b.roleArn(arn).roleSessionName("s1").externalId("ext-1")
                    .serialNumber("arn:aws:iam::111122223333:mfa/alice").tokenCode("123456"));
            assertEquals("444455556666", ok.assumedRoleUser().arn().split(":")[4]);
        }
        var user = emu.userKey("111122223333", "ci");
        try (StsClient sts = sts(user.accessKeyId(), user.secretAccessKey(), null)) {
            assertEquals("arn:aws:iam::111122223333:user/ci", sts.getCallerIdentity().arn());
            var twelveHours = sts.assumeRole(b -> b.roleArn("arn:aws:iam::1:role/Long").roleSessionName("s1")
                    .durationSeconds(43200));
            assertEquals(Duration.ofHours(12), Duration.between(Instant.now(), twelveHours.credentials().expiration())
                    .plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        }
    }

    @Test
    void authorizationCodeWithPkceRedirectsAndVerifiesTheChallenge() throws Exception {
        var reg = oidc().registerClientForAuthCode("pkce", List.of("sso:account:access"), "http://127.0.0.1/oauth/callback",
                "https://d-1234567890.awsapps.com/start");
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 appendix B
        String redirect = "http://127.0.0.1:4321/oauth/callback";
        String code = authorize(reg.clientId(), redirect, challenge);
        try (var client = software.amazon.awssdk.services.ssooidc.SsoOidcClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(emu.baseUrl())).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build()) {
            var wrong = assertThrows(software.amazon.awssdk.services.ssooidc.model.InvalidGrantException.class,
                    () -> client.createToken(b -> b.grantType("authorization_code").clientId(reg.clientId())
                            .clientSecret(reg.clientSecret()).code(code).redirectUri(redirect).codeVerifier("wrong")));
            assertEquals("invalid_grant", wrong.error());
            // a code is single-use, as with a real authorization server: a fresh one with the right verifier works
            String again = authorize(reg.clientId(), redirect, challenge);
            var token = client.createToken(b -> b.grantType("authorization_code").clientId(reg.clientId())
                    .clientSecret(reg.clientSecret()).code(again).redirectUri(redirect).codeVerifier(verifier));
            assertTrue(token.accessToken() != null && token.refreshToken() != null);
        }
        assertEquals(2, emu.calls("CreateToken:authorization_code"));
    }

    private String authorize(String clientId, String redirect, String challenge) throws Exception {
        var conn = (java.net.HttpURLConnection) URI.create(emu.baseUrl() + "/authorize?response_type=code&client_id="
                + clientId + "&redirect_uri=" + java.net.URLEncoder.encode(redirect, "UTF-8")
                + "&state=s-1&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=" + challenge)
                .toURL().openConnection();
        conn.setInstanceFollowRedirects(false);
        assertEquals(302, conn.getResponseCode());
        String location = conn.getHeaderField("Location");
        assertTrue(location.startsWith(redirect + "?code=") && location.endsWith("&state=s-1"), location);
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    @Test
    void injectedFaultsHappenThenStop() {
        var seed = emu.seedSession();
        emu.inject("GetRoleCredentials", Fault.error(500, "InternalServerException"), 1);
        emu.inject("GetRoleCredentials", Fault.error(429, "TooManyRequestsException"), 1);
        emu.inject("GetRoleCredentials", Fault.malformed(), 1);
        assertEquals(ServiceException.Kind.SERVER_ERROR, assertThrows(ServiceException.class,
                () -> portal().getRoleCredentials(seed.accessToken(), "111122223333", "ReadOnly")).kind());
        assertEquals(ServiceException.Kind.THROTTLED, assertThrows(ServiceException.class,
                () -> portal().getRoleCredentials(seed.accessToken(), "111122223333", "ReadOnly")).kind());
        assertThrows(ServiceException.class, () -> portal().getRoleCredentials(seed.accessToken(), "111122223333", "ReadOnly"));
        portal().getRoleCredentials(seed.accessToken(), "111122223333", "ReadOnly");
        assertEquals(4, emu.calls("GetRoleCredentials"));
    }

    private StsClient sts(String id, String secret, String token) {
        return StsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(emu.baseUrl()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(token == null
                        ? software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(id, secret)
                        : AwsSessionCredentials.create(id, secret, token)))
                .build();
    }

    private RoleCredentials identityCenterRole() {
        return portal().getRoleCredentials(emu.seedSession().accessToken(), "111122223333", "ReadOnly");
    }

    /** A role whose trust policy wants external id ext-1 and alice's MFA code 123456. */
    private String guardedRole() {
        String arn = "arn:aws:iam::444455556666:role/Deploy";
        emu.requireExternalId(arn, "ext-1");
        emu.requireMfa(arn, "arn:aws:iam::111122223333:mfa/alice", "123456");
        return arn;
    }

    @Test
    void ourStsAdapterSendsEveryArgumentAndMapsTheServicesRefusals() {
        RoleCredentials c = identityCenterRole();
        String arn = guardedRole();
        var adapter = new dev.ssocred.aws.SdkSts(SdkClients.defaults());
        var endpoints = ServiceEndpoints.fromEnvironment(new Environment(Map.of("AWS_ENDPOINT_URL", emu.baseUrl())));
        var ok = adapter.assumeRole(c, new dev.ssocred.creds.StsApi.AssumeRoleRequest(arn, "alice",
                java.util.Optional.of("ext-1"), java.util.Optional.of("arn:aws:iam::111122223333:mfa/alice"),
                java.util.Optional.of("123456"), java.util.Optional.of(900)), "eu-west-1", endpoints);
        assertEquals("arn:aws:sts::444455556666:assumed-role/Deploy/alice", ok.arn());
        assertEquals("444455556666", ok.credentials().accountId());
        assertTrue(Duration.between(Instant.now(), ok.credentials().expiration()).toSeconds() <= 900);
        var denied = assertThrows(ServiceException.class, () -> adapter.assumeRole(c,
                new dev.ssocred.creds.StsApi.AssumeRoleRequest(arn, "alice", java.util.Optional.of("wrong"),
                        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()),
                "eu-west-1", endpoints));
        assertEquals(ServiceException.Kind.ACCESS_DENIED, denied.kind());
        assertTrue(denied.getMessage().startsWith("AccessDenied (HTTP 403): User: arn:aws:sts::111122223333:"), denied.getMessage());
        var invalid = assertThrows(ServiceException.class, () -> adapter.assumeRole(c,
                new dev.ssocred.creds.StsApi.AssumeRoleRequest("arn:aws:iam::1:role/X", "alice", java.util.Optional.empty(),
                        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(7200)),
                "eu-west-1", endpoints));
        assertEquals(ServiceException.Kind.INVALID_REQUEST, invalid.kind());
    }
}
