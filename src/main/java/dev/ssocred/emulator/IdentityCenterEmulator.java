package dev.ssocred.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful local IAM Identity Center on loopback: the sso-oidc, sso portal and STS wire protocols as the AWS
 * service models define them, so ssocred, the AWS CLI, boto3 and the JavaScript SDK all accept its answers.
 * Tests and {@code ssocred demo} start it in-process; it needs no AWS account and never leaves 127.0.0.1.
 * See docs/testing.md for the controls.
 */
public final class IdentityCenterEmulator implements AutoCloseable {
    public static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final HttpServer server;
    private final ExecutorService executor;
    final EmulatorState state;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Sts sts;

    /** Lifetime of access tokens issued by CreateToken. */
    public volatile Duration accessTokenLifetime = Duration.ofHours(8);
    /** Lifetime of role credentials issued by GetRoleCredentials. */
    public volatile Duration roleCredentialsLifetime = Duration.ofHours(1);
    /** Identity Center rotates refresh tokens: a used one is refused with invalid_grant. */
    public volatile boolean rotateRefreshTokens = true;
    /** When set, device authorizations approve themselves this long after they start; else call {@link #approve}. */
    public volatile Duration autoApproveAfter;
    /** The {@code interval} StartDeviceAuthorization announces, in seconds. */
    public volatile int pollIntervalSeconds = 1;
    /** How long device codes stay valid, in seconds. */
    public volatile int deviceCodeLifetimeSeconds = 600;
    /**
     * When set, the verification page never approves by being opened: a person (or a test) follows its Allow or
     * Deny link, {@link #approvalUrl} or {@link #denialUrl}, as on the real service.
     */
    public volatile boolean manualApproval;
    /** When set, /authorize sends the browser back with error=access_denied, as when the person clicks Deny. */
    public volatile boolean denyAuthorization;
    /** Page size of ListAccounts and ListAccountRoles when the caller asks for none. */
    public volatile int defaultPageSize = 2;

    private final String base;

    private IdentityCenterEmulator(HttpServer server, ExecutorService executor, Clock clock, String base) {
        this.server = server;
        this.base = base;
        this.executor = executor;
        this.state = new EmulatorState(clock);
        this.sts = new Sts(state);
        state.accounts.put("111122223333", List.of("ReadOnly", "Admin"));
        state.accounts.put("444455556666", List.of("ReadOnly"));
        state.accounts.put("777788889999", List.of("Billing"));
    }

    /** Starts on an ephemeral port of 127.0.0.1. */
    public static IdentityCenterEmulator start() throws IOException {
        return start(0, Clock.systemUTC());
    }

    public static IdentityCenterEmulator start(int port, Clock clock) throws IOException {
        return start(port, clock, null, "127.0.0.1");
    }

    /**
     * With {@code tls} set, serves HTTPS with that context's certificate, and names itself
     * {@code https://<publicHost>:<port>}: a host name that resolves nowhere, so that only a proxy that maps it to
     * loopback can reach it (the proxy tests).
     */
    public static IdentityCenterEmulator start(int port, Clock clock, javax.net.ssl.SSLContext tls, String publicHost)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        // Like the real service, answers at once on a kept-alive connection: a refresh and then GetRoleCredentials
        // on one connection otherwise waited ~40 ms for the second answer (NoDelay).
        dev.ssocred.serve.NoDelay.forJdkHttpServer();
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(address, 64);
        } else {
            var https = com.sun.net.httpserver.HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        }
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        String base = (tls == null ? "http://" : "https://") + publicHost + ":" + server.getAddress().getPort();
        IdentityCenterEmulator emu = new IdentityCenterEmulator(server, executor, clock, base);
        server.createContext("/", emu::handle);
        server.start();
        return emu;
    }

    public String baseUrl() {
        return base;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many requests an operation received (faults included): "CreateToken", "CreateToken:refresh_token", … */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** All call counts, for tools outside the JVM (GET /_emulator/calls). */
    public Map<String, Object> callCounts() {
        Map<String, Object> out = new java.util.TreeMap<>();
        calls.forEach((k, v) -> {
            if (!k.equals("Calls")) {
                out.put(k, (long) v.get());
            }
        });
        return out;
    }

    /** The next {@code times} calls of {@code operation} fail with {@code fault}. */
    public void inject(String operation, Fault fault, int times) {
        Deque<Fault> q = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
        synchronized (q) {
            for (int i = 0; i < times; i++) {
                q.add(fault);
            }
        }
    }

    /** What a browser does when the user confirms the code: approves the pending authorization. */
    public boolean approve(String userCode) {
        return state.approve(userCode, true).isPresent();
    }

    public boolean deny(String userCode) {
        return state.approve(userCode, false).isPresent();
    }

    /** A URL that approves the code when opened (what the verification page's "Allow" does). */
    public String approvalUrl(String userCode) {
        return baseUrl() + "/device/allow?user_code=" + userCode;
    }

    /** A URL that denies the code when opened (the verification page's "Deny"). */
    public String denialUrl(String userCode) {
        return baseUrl() + "/device/deny?user_code=" + userCode;
    }

    /** Forgets every client registration, as a revoke in the console (or a restarted service) does. */
    public void revokeClients() {
        state.revokeClients();
    }

    /** Invalidates every access token before its expiry, as a sign-out elsewhere or an admin's revoke does. */
    public void revokeAccessTokens() {
        state.revokeAccessTokens();
    }

    /** Takes every assignment in an account away, as an administrator does. */
    public void removeAccount(String accountId) {
        synchronized (state) {
            state.accounts.remove(accountId);
        }
    }

    public void addAccount(String accountId, String... roles) {
        synchronized (state) {
            state.accounts.put(accountId, List.of(roles));
        }
    }

    /** Long-term keys of an IAM user in {@code accountId}, which STS accepts as a source for AssumeRole. */
    public UserKey userKey(String accountId, String userName) {
        var c = state.issueUserKey(accountId, userName);
        return new UserKey(c.accessKeyId(), c.secretAccessKey());
    }

    /** See {@link #userKey}. */
    public record UserKey(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "UserKey[" + accessKeyId + ", secret=***]";
        }
    }

    /** The role's trust policy demands this external id (sts:ExternalId). */
    public void requireExternalId(String roleArn, String externalId) {
        state.trust.merge(roleArn, new EmulatorState.Trust(externalId, null, null),
                (a, b) -> new EmulatorState.Trust(externalId, a.mfaSerial(), a.mfaCode()));
    }

    /** The role's trust policy demands MFA with {@code serial}; {@code code} is what the device shows now. */
    public void requireMfa(String roleArn, String serial, String code) {
        state.trust.merge(roleArn, new EmulatorState.Trust(null, serial, code),
                (a, b) -> new EmulatorState.Trust(a.externalId(), serial, code));
    }

    /** Makes every issued access token expired, as when the Identity Center session ends. */
    public void expireAccessTokens() {
        state.expireAllAccessTokens();
    }

    /**
     * A signed-in session without a browser: a registered client, a live access token and refresh token, as a
     * completed device login would leave them. Tests write these into a token file.
     */
    public Seed seedSession() {
        String secret = state.id("secret-", 16);
        String clientId = state.register(secret);
        Instant regExpiry = state.now().plus(Duration.ofDays(90));
        return new Seed(clientId, secret, regExpiry, state.issueAccessToken(accessTokenLifetime),
                state.issueRefreshToken(clientId));
    }

    /** See {@link #seedSession()}. toString hides the secrets. */
    public record Seed(String clientId, String clientSecret, Instant registrationExpiresAt, String accessToken,
                       String refreshToken) {
        @Override
        public String toString() {
            return "Seed[clientId=" + clientId + ", secrets=***]";
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Request req = Request.read(ex);
            String op = operation(req);
            count(op);
            Optional<Fault> fault = nextFault(op);
            if (fault.isPresent() && fault.get().kind() == Fault.Kind.SLOW) {
                pause(fault.get().stall());
            } else if (fault.isPresent()) {
                answerFault(ex, fault.get(), OIDC_OPERATIONS.contains(op));
                return;
            }
            Response r = switch (op) {
                case "RegisterClient" -> new Oidc(this).register(req);
                case "StartDeviceAuthorization" -> new Oidc(this).startDevice(req);
                case "CreateToken" -> new Oidc(this).createToken(req, this::count);
                case "Authorize" -> new Oidc(this).authorize(req);
                case "Approve" -> new Oidc(this).approvePage(req);
                case "Allow" -> new Oidc(this).decide(req, true);
                case "Deny" -> new Oidc(this).decide(req, false);
                case "GetRoleCredentials" -> new Portal(this).roleCredentials(req);
                case "ListAccounts" -> new Portal(this).listAccounts(req);
                case "ListAccountRoles" -> new Portal(this).listRoles(req);
                case "Logout" -> new Portal(this).logout(req);
                case "STS" -> sts.handle(req, this::count);
                case "Federation" -> new Federation(state).handle(req, this::count);
                case "Calls" -> Response.json(200, callCounts());
                default -> Response.json(404, Map.of("message", "no such operation: " + req.method() + " " + req.path()));
            };
            r.send(ex);
        } catch (RuntimeException e) {
            Response.json(500, Map.of("message", "emulator failure: " + e)).send(ex);
        }
    }

    private static String operation(Request req) {
        String p = req.path();
        return switch (p) {
            case "/client/register" -> "RegisterClient";
            case "/device_authorization" -> "StartDeviceAuthorization";
            case "/token" -> "CreateToken";
            case "/authorize" -> "Authorize";
            case "/device" -> "Approve";
            case "/device/allow" -> "Allow";
            case "/device/deny" -> "Deny";
            case "/federation/credentials" -> "GetRoleCredentials";
            case "/assignment/accounts" -> "ListAccounts";
            case "/assignment/roles" -> "ListAccountRoles";
            case "/logout" -> "Logout";
            case "/" -> "STS";
            case "/federation" -> "Federation";
            case "/_emulator/calls" -> "Calls";
            default -> "Unknown";
        };
    }

    void count(String op) {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    }

    private Optional<Fault> nextFault(String op) {
        Deque<Fault> q = faults.get(op);
        if (q == null) {
            return Optional.empty();
        }
        synchronized (q) {
            return Optional.ofNullable(q.poll());
        }
    }

    /** {@code InvalidClientException} → {@code invalid_client}: the OAuth error code the sso-oidc errors carry. */
    private static String oauthCode(String errorType) {
        String base = errorType.endsWith("Exception") ? errorType.substring(0, errorType.length() - 9) : errorType;
        return base.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static final java.util.Set<String> OIDC_OPERATIONS = java.util.Set.of("RegisterClient",
            "StartDeviceAuthorization", "CreateToken");

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answerFault(HttpExchange ex, Fault f, boolean oauth) throws IOException {
        switch (f.kind()) {
            case MALFORMED -> new Response(200, Map.of("Content-Type", "application/json"), "<html>not json".getBytes(StandardCharsets.UTF_8)).send(ex);
            case STALL -> {
                pause(f.stall());
                Response.error(f.status(), f.errorType(), null, f.message()).send(ex);
            }
            default -> Response.error(f.status(), f.errorType(), oauth ? oauthCode(f.errorType()) : null,
                    f.message()).send(ex);
        }
    }
}
