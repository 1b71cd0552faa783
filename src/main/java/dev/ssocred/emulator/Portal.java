package dev.ssocred.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sso portal operations (restJson1, bearer token in x-amz-sso_bearer_token). */
final class Portal {
    private final IdentityCenterEmulator emu;
    private final EmulatorState state;

    Portal(IdentityCenterEmulator emu) {
        this.emu = emu;
        this.state = emu.state;
    }

    private Response unauthorized() {
        return Response.error(401, "UnauthorizedException", null, "Session token not found or invalid");
    }

    Response roleCredentials(Request req) {
        if (!state.validAccessToken(req.header("x-amz-sso_bearer_token"))) {
            return unauthorized();
        }
        String account = req.query().get("account_id");
        String role = req.query().get("role_name");
        List<String> roles;
        synchronized (state) {
            roles = state.accounts.get(account);
        }
        if (roles == null || !roles.contains(role)) {
            // What the service answers for an account or role without an assignment (unmodeled, but real).
            return Response.error(403, "ForbiddenException", null, "No access");
        }
        EmulatorState.IssuedCredentials c = state.issueCredentials(account, role, emu.roleCredentialsLifetime);
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("accessKeyId", c.accessKeyId());
        rc.put("secretAccessKey", c.secretAccessKey());
        rc.put("sessionToken", c.sessionToken());
        rc.put("expiration", c.expiration().toEpochMilli());
        return Response.json(200, Map.of("roleCredentials", rc));
    }

    Response listAccounts(Request req) {
        if (!state.validAccessToken(req.header("x-amz-sso_bearer_token"))) {
            return unauthorized();
        }
        List<Object> all = new ArrayList<>();
        synchronized (state) {
            for (String id : state.accounts.keySet()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("accountId", id);
                a.put("accountName", "account-" + id.substring(id.length() - 4));
                a.put("emailAddress", "aws+" + id + "@example.com");
                all.add(a);
            }
        }
        return page(req, all, "accountList");
    }

    Response listRoles(Request req) {
        if (!state.validAccessToken(req.header("x-amz-sso_bearer_token"))) {
            return unauthorized();
        }
        String account = req.query().get("account_id");
        List<Object> all = new ArrayList<>();
        synchronized (state) {
            for (String role : state.accounts.getOrDefault(account, List.of())) {
                all.add(Map.of("roleName", role, "accountId", account));
            }
        }
        return page(req, all, "roleList");
    }

    /** Real pagination: max_result items per page, next_token an opaque offset. */
    private Response page(Request req, List<Object> all, String key) {
        int size = req.query().containsKey("max_result") ? Integer.parseInt(req.query().get("max_result")) : emu.defaultPageSize;
        int from = req.query().containsKey("next_token") ? Integer.parseInt(req.query().get("next_token").substring(1)) : 0;
        int to = Math.min(all.size(), from + size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, all.subList(from, to));
        if (to < all.size()) {
            out.put("nextToken", "p" + to);
        }
        return Response.json(200, out);
    }

    Response logout(Request req) {
        String token = req.header("x-amz-sso_bearer_token");
        if (!state.validAccessToken(token)) {
            return unauthorized();
        }
        state.revoke(token);
        return new Response(200, Map.of(), new byte[0]);
    }
}
