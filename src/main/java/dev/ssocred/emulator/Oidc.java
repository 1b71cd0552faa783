package dev.ssocred.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The sso-oidc operations (restJson1): RegisterClient, StartDeviceAuthorization, CreateToken, /authorize. */
final class Oidc {
    private final IdentityCenterEmulator emu;
    private final EmulatorState state;

    Oidc(IdentityCenterEmulator emu) {
        this.emu = emu;
        this.state = emu.state;
    }

    Response register(Request req) {
        Map<String, Object> in = req.json();
        if (!"public".equals(in.get("clientType")) || !(in.get("clientName") instanceof String)) {
            return Response.error(400, "InvalidRequestException", "invalid_request", "clientName and clientType=public required");
        }
        String secret = state.id("secret-", 24);
        String clientId = state.register(secret);
        state.clientScopes.put(clientId, in.get("scopes") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of());
        state.clientGrants.put(clientId, in.get("grantTypes") instanceof List<?> g ? g.stream().map(String::valueOf).toList()
                : List.of());
        Instant now = state.now();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", clientId);
        out.put("clientSecret", secret);
        out.put("clientIdIssuedAt", now.getEpochSecond());
        out.put("clientSecretExpiresAt", now.plus(Duration.ofDays(90)).getEpochSecond());
        return Response.json(200, out);
    }

    Response startDevice(Request req) {
        Map<String, Object> in = req.json();
        String clientId = str(in, "clientId");
        if (!state.validClient(clientId, str(in, "clientSecret"))) {
            return Response.error(401, "InvalidClientException", "invalid_client", "unknown client");
        }
        if (str(in, "startUrl") == null) {
            return Response.error(400, "InvalidRequestException", "invalid_request", "startUrl required");
        }
        String deviceCode = state.id("device-", 16);
        String userCode = userCode();
        Instant now = state.now();
        Duration auto = emu.autoApproveAfter;
        state.putDevice(deviceCode, new EmulatorState.Device(clientId, userCode,
                now.plusSeconds(emu.deviceCodeLifetimeSeconds), false, false, auto == null ? null : now.plus(auto)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deviceCode", deviceCode);
        out.put("userCode", userCode);
        out.put("verificationUri", emu.baseUrl() + "/device");
        out.put("verificationUriComplete", emu.baseUrl() + "/device?user_code=" + userCode);
        out.put("expiresIn", emu.deviceCodeLifetimeSeconds);
        out.put("interval", emu.pollIntervalSeconds);
        return Response.json(200, out);
    }

    Response createToken(Request req, Consumer<String> count) {
        Map<String, Object> in = req.json();
        String grant = String.valueOf(in.get("grantType"));
        String kind = switch (grant) {
            case IdentityCenterEmulator.DEVICE_GRANT -> "device_code";
            case "refresh_token", "authorization_code" -> grant;
            default -> "other";
        };
        count.accept("CreateToken:" + kind);
        String clientId = str(in, "clientId");
        if (!state.validClient(clientId, str(in, "clientSecret"))) {
            return Response.error(401, "InvalidClientException", "invalid_client", "unknown client or wrong secret");
        }
        return switch (kind) {
            case "device_code" -> deviceToken(clientId, str(in, "deviceCode"));
            case "refresh_token" -> {
                if (!state.useRefreshToken(str(in, "refreshToken"), clientId, emu.rotateRefreshTokens)) {
                    yield Response.error(400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided");
                }
                yield tokens(clientId, true);
            }
            case "authorization_code" -> authCodeToken(clientId, in);
            default -> Response.error(400, "UnsupportedGrantTypeException", "unsupported_grant_type", grant);
        };
    }

    private Response deviceToken(String clientId, String deviceCode) {
        EmulatorState.Device d = state.device(deviceCode);
        if (d == null || !d.clientId().equals(clientId)) {
            return Response.error(400, "InvalidGrantException", "invalid_grant", "unknown device code");
        }
        Instant now = state.now();
        if (!now.isBefore(d.expiresAt())) {
            return Response.error(400, "ExpiredTokenException", "expired_token", "the device code has expired");
        }
        if (d.denied()) {
            return Response.error(400, "AccessDeniedException", "access_denied", "the user denied the request");
        }
        boolean approved = d.approved() || (d.autoApproveAt() != null && !now.isBefore(d.autoApproveAt()));
        if (!approved) {
            return Response.error(400, "AuthorizationPendingException", "authorization_pending", "waiting for the user");
        }
        synchronized (state) {
            state.devices.remove(deviceCode); // a device code yields one token
        }
        return tokens(clientId, !state.clientScopes.getOrDefault(clientId, List.of()).isEmpty());
    }

    private Response authCodeToken(String clientId, Map<String, Object> in) {
        EmulatorState.Pkce p;
        synchronized (state) {
            p = state.authCodes.remove(str(in, "code"));
        }
        if (p == null || !p.clientId().equals(clientId) || !p.redirectUri().equals(str(in, "redirectUri"))) {
            return Response.error(400, "InvalidGrantException", "invalid_grant", "unknown code or redirect URI");
        }
        String verifier = str(in, "codeVerifier");
        if (verifier == null || !challenge(verifier).equals(p.challenge())) {
            return Response.error(400, "InvalidGrantException", "invalid_grant", "PKCE verification failed");
        }
        return tokens(clientId, true);
    }

    private Response tokens(String clientId, boolean withRefresh) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessToken", state.issueAccessToken(emu.accessTokenLifetime));
        out.put("tokenType", "Bearer");
        out.put("expiresIn", (int) emu.accessTokenLifetime.toSeconds());
        if (withRefresh) {
            out.put("refreshToken", state.issueRefreshToken(clientId));
        }
        return Response.json(200, out);
    }

    /** GET /authorize: the user is taken as already signed in, so it redirects straight back with a code. */
    Response authorize(Request req) {
        Map<String, String> q = req.query();
        String redirect = q.get("redirect_uri");
        if (!"code".equals(q.get("response_type")) || redirect == null || q.get("code_challenge") == null
                || !"S256".equals(q.get("code_challenge_method"))) {
            return new Response(400, Map.of("Content-Type", "text/plain"), "bad authorize request".getBytes(StandardCharsets.UTF_8));
        }
        // The service only sends the browser back to a loopback redirect of a client registered for this grant.
        if (!state.clientGrants.getOrDefault(String.valueOf(q.get("client_id")), List.of()).contains("authorization_code")
                || !redirect.startsWith("http://127.0.0.1:")) {
            return new Response(400, Map.of("Content-Type", "text/plain"),
                    "unknown client or redirect URI".getBytes(StandardCharsets.UTF_8));
        }
        String back = "&state=" + java.net.URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8);
        if (emu.denyAuthorization) {
            return new Response(302, Map.of("Location", redirect + "?error=access_denied" + back), new byte[0]);
        }
        String code = state.id("code-", 12);
        synchronized (state) {
            state.authCodes.put(code, new EmulatorState.Pkce(q.get("client_id"), redirect, q.get("code_challenge")));
        }
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code + back;
        return new Response(302, Map.of("Location", location), new byte[0]);
    }

    /**
     * GET /device?user_code=…: the verification page. Unless approval is manual, opening it with a code approves,
     * as an already signed-in person clicking "Allow" would; with manual approval it shows the Allow and Deny links.
     */
    Response approvePage(Request req) {
        String code = req.query().get("user_code");
        String text;
        if (code == null) {
            text = "Enter the code shown in your terminal: /device?user_code=CODE";
        } else if (emu.manualApproval) {
            text = "Code " + code + ". Allow: " + emu.approvalUrl(code) + " Deny: " + emu.denialUrl(code);
        } else {
            text = emu.approve(code) ? "Request approved. You can close this window." : "Unknown code " + code;
        }
        return text(200, text);
    }

    /** GET /device/allow or /device/deny with ?user_code=…: the person's decision. */
    Response decide(Request req, boolean allow) {
        String code = req.query().get("user_code");
        boolean known = code != null && (allow ? emu.approve(code) : emu.deny(code));
        return known ? text(200, allow ? "Request approved. You can close this window." : "Request denied.")
                : text(404, "Unknown code " + code);
    }

    private static Response text(int status, String text) {
        return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String userCode() {
        String letters = "BCDFGHJKLMNPQRSTVWXZ";
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.security.SecureRandom();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                sb.append('-');
            }
            sb.append(letters.charAt(r.nextInt(letters.length())));
        }
        return sb.toString();
    }

    private static String str(Map<String, Object> m, String k) {
        return m.get(k) instanceof String s ? s : null;
    }
}
