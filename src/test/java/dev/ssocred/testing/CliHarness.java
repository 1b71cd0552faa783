package dev.ssocred.testing;

import dev.ssocred.cli.Cli;
import dev.ssocred.cli.Context;
import dev.ssocred.config.Environment;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.sso.OidcApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the real picocli command line in-process against a temp HOME with fakes at the ports. */
public final class CliHarness {
    public final Path home;
    public final Map<String, String> env = new HashMap<>();
    public final MutableClock clock = MutableClock.at("2024-01-02T03:00:00Z");
    public final FakeOidc oidc = new FakeOidc();
    public final FakePortal portal = new FakePortal();
    public final List<String> browserOpened = new ArrayList<>();
    public OidcApi.Factory oidcFactory = oidc.factory();
    public PortalApi.Factory portalFactory = portal.factory();
    public boolean terminal;
    public final FakeSts sts = new FakeSts();

    public CliHarness(Path home) {
        this.home = home;
        env.put("HOME", home.toString());
    }

    public Path aws(String relative) {
        return home.resolve(".aws").resolve(relative);
    }

    /**
     * The usual two-role home: [profile dev] (ReadOnly, eu-west-1) and [profile other] (Admin) of [sso-session corp],
     * then {@code sessionLines} inside the sso-session.
     */
    public CliHarness devAndOther(String... sessionLines) {
        List<String> lines = new ArrayList<>(List.of("[profile dev]", "sso_session = corp", "sso_account_id = 111122223333",
                "sso_role_name = ReadOnly", "region = eu-west-1", "[profile other]", "sso_session = corp",
                "sso_account_id = 111122223333", "sso_role_name = Admin",
                "[sso-session corp]", "sso_start_url = " + START, "sso_region = us-east-1"));
        lines.addAll(List.of(sessionLines));
        return config(lines.toArray(String[]::new));
    }

    public CliHarness config(String... lines) {
        Files2.write(aws("config"), Files2.lines(lines));
        return this;
    }

    /** The start URL and sso-session most tests use: [sso-session corp] with sso:account:access. */
    public static final String START = "https://d-1234567890.awsapps.com/start";
    public static final dev.ssocred.config.SsoSession CORP = new dev.ssocred.config.SsoSession(
            java.util.Optional.of("corp"), START, "us-east-1", List.of("sso:account:access"));

    /** A token for CORP in HOME's cache, {@code left} before expiry, with access token {@code accessToken}. */
    public CliHarness loggedIn(java.time.Duration left, String accessToken) {
        new dev.ssocred.sso.TokenCache(aws("sso/cache"), Path::toString, w -> { }).writeToken(CORP,
                new dev.ssocred.sso.SsoToken(START, "us-east-1", accessToken, clock.instant().plus(left), "cid", "cs",
                        "2030-01-01T00:00:00Z", "rt"));
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(context(out, err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The same call on a command line built with every verb (Cli adds only the one a line names). */
    public Result runWholeModel(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context ctx = context(out, err);
        int code = Cli.commandLine(ctx, Map.of()).execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return new Result(code, out.toString(), err.toString());
    }

    /** The same call through Main's front door; null when the front door hands it to picocli. */
    public Result runFastPath(String... args) {
        return runFastPath(() -> { }, args);
    }

    /** The front door, running {@code onMiss} when (and only when) it makes the Context of a miss. */
    public Result runFastPath(Runnable onMiss, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        var code = dev.ssocred.cli.FastPath.tryAnswer(args, new Environment(env), clock, o, () -> {
            onMiss.run();
            return context(out, err);
        });
        o.flush();
        return code.map(c -> new Result(c, out.toString(), err.toString())).orElse(null);
    }

    private Context context(StringWriter out, StringWriter err) {
        return new Context(new Environment(env), clock, new PrintWriter(out), new PrintWriter(err), terminal,
                () -> oidcFactory, () -> portalFactory, url -> browserOpened.add(url), d -> clock.advance(d))
                .withSts(() -> sts);
    }

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
