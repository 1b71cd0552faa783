package dev.ssocred.sso;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoSession;
import dev.ssocred.io.Json;
import dev.ssocred.io.TextFiles;
import dev.ssocred.io.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * ~/.aws/sso/cache: tokens and client registrations in the AWS CLI's file names and JSON. A damaged file is reported
 * with its name and the command that replaces it; it is never deleted behind the user's back.
 */
public final class TokenCache {
    private final Path dir;
    private final Function<Path, String> display;
    private final Consumer<String> warnings;

    public TokenCache(Path dir, Function<Path, String> display, Consumer<String> warnings) {
        this.dir = dir;
        this.display = display;
        this.warnings = warnings;
    }

    public Path tokenPath(SsoSession session) {
        return dir.resolve(CacheKeys.tokenFile(session));
    }

    /** Beside the token, not named .json: tools that scan the cache for JSON files never see it. */
    public Path lockPath(SsoSession session) {
        String name = CacheKeys.tokenFile(session);
        return dir.resolve(name.substring(0, name.length() - ".json".length()) + ".lock");
    }

    /** Held by a login for the whole sign-in, so a second login waits for the first instead of opening a browser. */
    public Path loginLockPath(SsoSession session) {
        String name = CacheKeys.tokenFile(session);
        return dir.resolve(name.substring(0, name.length() - ".json".length()) + ".login.lock");
    }

    /** The cached token, or empty when it is missing or damaged (for callers that replace it anyway). */
    public Optional<SsoToken> readTokenIfIntact(SsoSession session) {
        try {
            return readToken(session, "");
        } catch (SsocredException e) {
            return Optional.empty();
        }
    }

    public Path registrationPath(SsoSession session) {
        return dir.resolve(CacheKeys.registrationFile(session));
    }

    /** The cached token, or empty when there is none. {@code fix} is the command that replaces a damaged file. */
    public Optional<SsoToken> readToken(SsoSession session, String fix) {
        Path file = tokenPath(session);
        // Plain code, not Optional.map's lambda: a login reads this before its prompt.
        Optional<Map<String, Object>> json = readJson(file, fix);
        return json.isPresent() ? Optional.ofNullable(toToken(json.get(), file, fix)) : Optional.empty();
    }

    public void writeToken(SsoSession session, SsoToken token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startUrl", token.startUrl());
        json.put("region", token.region());
        json.put("accessToken", token.accessToken());
        json.put("expiresAt", Timestamps.format(token.expiresAt()));
        putIfPresent(json, "clientId", token.clientId());
        putIfPresent(json, "clientSecret", token.clientSecret());
        putIfPresent(json, "registrationExpiresAt", token.registrationExpiresAt());
        putIfPresent(json, "refreshToken", token.refreshToken());
        write(tokenPath(session), json);
    }

    /** Removes the session's token (the registration stays, as for {@code aws sso logout}); true if there was one. */
    public boolean deleteToken(SsoSession session) throws java.io.IOException {
        return Files.deleteIfExists(tokenPath(session));
    }

    public Optional<ClientRegistration> readRegistration(SsoSession session, String fix) {
        Path file = registrationPath(session);
        Optional<Map<String, Object>> json = readJson(file, fix);
        return json.isPresent() ? Optional.ofNullable(toRegistration(json.get(), file, fix)) : Optional.empty();
    }

    public void writeRegistration(SsoSession session, ClientRegistration reg) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clientId", reg.clientId());
        json.put("clientSecret", reg.clientSecret());
        json.put("expiresAt", reg.expiresAtRaw());
        if (reg.scopes() != null) {
            json.put("scopes", reg.scopes());
        }
        if (reg.grantTypes() != null) {
            json.put("grantTypes", reg.grantTypes());
        }
        write(registrationPath(session), json);
    }

    private void write(Path file, Map<String, Object> json) {
        TextFiles.writeSecretJson(file, json, warnings, display.apply(file), display.apply(dir));
    }

    private Optional<Map<String, Object>> readJson(Path file, String fix) {
        Optional<String> doubt = dev.ssocred.io.Provenance.doubt(file, display);
        if (doubt.isPresent()) {
            // Someone else's token would sign us in to their account: treat it as absent; a login replaces it.
            warnings.accept(display.apply(file) + " could have been written by another user (" + doubt.get()
                    + "); not using it (fix: chmod go-w " + display.apply(dir) + ")");
            return Optional.empty();
        }
        String text;
        try {
            Optional<String> read = TextFiles.readText(file);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            text = read.get();
        } catch (IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot read " + display.apply(file) + ": " + e.getMessage(),
                    "check the permissions of " + display.apply(file));
        }
        try {
            return Optional.of(Json.parseObject(text));
        } catch (IOException e) {
            throw damaged(file, "is not valid JSON (" + e.getMessage() + ")", fix);
        }
    }

    private SsoToken toToken(Map<String, Object> json, Path file, String fix) {
        String accessToken = string(json, "accessToken");
        if (accessToken == null) {
            throw damaged(file, "has no accessToken", fix);
        }
        Optional<Instant> expiry = Timestamps.parse(string(json, "expiresAt"));
        if (expiry.isEmpty()) {
            throw damaged(file, "has no readable expiresAt", fix);
        }
        Instant expiresAt = expiry.get();
        return new SsoToken(string(json, "startUrl"), string(json, "region"), accessToken, expiresAt,
                string(json, "clientId"), string(json, "clientSecret"), string(json, "registrationExpiresAt"),
                string(json, "refreshToken"));
    }

    private ClientRegistration toRegistration(Map<String, Object> json, Path file, String fix) {
        String id = string(json, "clientId");
        String secret = string(json, "clientSecret");
        String rawExpiry = json.get("expiresAt") == null ? null : json.get("expiresAt").toString();
        Optional<Instant> expiry = json.get("expiresAt") instanceof Long secs ? Optional.of(Instant.ofEpochSecond(secs))
                : Timestamps.parse(rawExpiry);
        if (id == null || secret == null || expiry.isEmpty()) {
            throw damaged(file, "is not a complete client registration", fix);
        }
        return new ClientRegistration(id, secret, expiry.get(), rawExpiry, strings(json.get("scopes")),
                strings(json.get("grantTypes")));
    }

    private SsocredException damaged(Path file, String what, String fix) {
        return new SsocredException(ExitCode.CONFIG, display.apply(file) + " " + what,
                "run '" + fix + "' to replace it (the damaged file is left in place)");
    }

    private static String string(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v instanceof String s ? s : null;
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> list) {
            // A loop, not a stream: a login reads its registration before the prompt (docs/performance.md).
            List<String> out = new java.util.ArrayList<>(list.size());
            for (Object item : list) {
                out.add(String.valueOf(item));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        return null;
    }

    private static void putIfPresent(Map<String, Object> json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
