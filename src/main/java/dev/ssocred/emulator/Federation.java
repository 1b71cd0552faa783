package dev.ssocred.emulator;

import dev.ssocred.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The console federation endpoint ({@code /federation}): {@code getSigninToken} answers a SigninToken only for a
 * Session JSON of temporary credentials this emulator issued and that have not expired, as the real endpoint takes
 * only AssumeRole/GetFederationToken credentials; {@code login} with a valid token redirects to the Destination,
 * which is what a browser sees when the console opens.
 */
final class Federation {
    private final EmulatorState state;

    Federation(EmulatorState state) {
        this.state = state;
    }

    Response handle(Request req, java.util.function.Consumer<String> count) {
        String action = req.query().getOrDefault("Action", "");
        count.accept("Federation:" + action);
        return switch (action) {
            case "getSigninToken" -> signinToken(req.query());
            case "login" -> login(req.query());
            default -> text(400, "Unsupported Action");
        };
    }

    private Response signinToken(Map<String, String> query) {
        Map<String, Object> session;
        try {
            session = Json.parseObject(query.getOrDefault("Session", ""));
        } catch (IOException e) {
            return text(400, "Invalid Session");
        }
        Optional<EmulatorState.IssuedCredentials> c = state.issued(String.valueOf(session.get("sessionId")));
        boolean valid = c.isPresent() && c.get().roleSession()
                && c.get().secretAccessKey().equals(session.get("sessionKey"))
                && c.get().sessionToken().equals(session.get("sessionToken"))
                && state.now().isBefore(c.get().expiration());
        if (!valid) {
            // The real endpoint answers a bad Session with a bare error status and no token.
            return text(400, "Bad Request");
        }
        return Response.json(200, Map.of("SigninToken", state.issueSigninToken(c.get())));
    }

    private Response login(Map<String, String> query) {
        String destination = query.get("Destination");
        if (state.signinToken(query.get("SigninToken")).isEmpty() || destination == null) {
            return text(400, "Bad Request");
        }
        return new Response(302, Map.of("Location", destination), new byte[0]);
    }

    private static Response text(int status, String body) {
        return new Response(status, Map.of("Content-Type", "text/plain"), body.getBytes(StandardCharsets.UTF_8));
    }
}
