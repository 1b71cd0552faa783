package dev.ssocred.cli;

import dev.ssocred.config.SsoSession;
import dev.ssocred.io.PyJson;
import dev.ssocred.io.Timestamps;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssocred status}: each session, signed in or not, until when, refreshable or not. Read-only, offline. */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show each session: signed in, expiry, refreshable.",
        description = {"Show each sso-session and legacy start URL: signed in or not, when the",
                "token expires, whether it can be refreshed, and the profiles that use it.",
                "Reads the caches only: no network, no refresh."})
final class StatusCommand implements Callable<Integer> {
    private final Context ctx;

    @Option(names = "--output", paramLabel = "text|json", description = "text (default) or json.")
    String output = "text";

    StatusCommand(Context ctx) {
        this.ctx = ctx;
    }

    /** What the caches say about one session at {@code now}. */
    record State(SsoSession session, List<String> profiles, Optional<SsoToken> token, boolean expired,
                 boolean refreshable, Optional<Instant> registrationExpiresAt) {
        boolean loggedIn() {
            return token.isPresent() && (!expired || refreshable);
        }
    }

    @Override
    public Integer call() {
        boolean json = Output.parse(output);
        Instant now = ctx.clock().instant();
        TokenCache cache = ctx.tokenCache();
        List<State> states = new ArrayList<>();
        ctx.resolver().sessions(e -> ctx.warn(e.getMessage())).forEach((session, profiles) -> {
            Optional<SsoToken> token = cache.readTokenIfIntact(session);
            Optional<Instant> registration = token.flatMap(t -> Timestamps.parse(t.registrationExpiresAt()));
            boolean refreshable = token.isPresent() && !session.isLegacy() && token.get().canRefresh()
                    && registration.map(r -> r.isAfter(now)).orElse(true);
            states.add(new State(session, profiles, token, token.map(t -> t.isExpired(now)).orElse(true), refreshable,
                    registration));
        });
        ctx.out().print(json ? json(states) : text(states));
        ctx.out().flush();
        return 0;
    }

    private static String json(List<State> states) {
        List<Object> out = new ArrayList<>();
        for (State s : states) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("session", s.session().name().orElse(null));
            o.put("startUrl", s.session().startUrl());
            o.put("region", s.session().region());
            o.put("loggedIn", s.loggedIn());
            o.put("expiresAt", s.token().map(t -> Timestamps.format(t.expiresAt())).orElse(null));
            o.put("refreshable", s.refreshable());
            o.put("registrationExpiresAt", s.registrationExpiresAt().map(Timestamps::format).orElse(null));
            o.put("profiles", s.profiles());
            out.add(o);
        }
        return PyJson.INDENT2.dumps(out) + "\n";
    }

    private String text(List<State> states) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SESSION", "STATUS", "EXPIRES", "REFRESH", "PROFILES"});
        for (State s : states) {
            String status = s.token().isEmpty() ? "signed out" : !s.expired() ? "signed in"
                    : s.refreshable() ? "expired, refreshable" : "expired";
            rows.add(new String[] {s.session().name().orElse(s.session().startUrl()), status,
                    s.token().map(t -> local(t.expiresAt())).orElse("-"),
                    s.session().isLegacy() ? "no (legacy)" : s.refreshable() ? "yes" : "no",
                    String.join(", ", s.profiles())});
        }
        return Output.table(rows);
    }

    private String local(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").format(t.atZone(ctx.clock().getZone()));
    }
}
