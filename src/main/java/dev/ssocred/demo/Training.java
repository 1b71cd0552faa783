package dev.ssocred.demo;

import dev.ssocred.cli.Context;
import dev.ssocred.cli.FastPath;
import dev.ssocred.config.Environment;
import dev.ssocred.config.SsoSession;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The workloads the class-data archives are trained on: the calls that must start fast. The launcher keeps three
 * archives (docs/performance.md):
 * <ul>
 * <li>the cache hit's, trained by {@code warmup --train-hits} on cache hits of {@code process} and {@code env}, in a
 * HOME that {@code warmup --prepare} signed in and filled beforehand in another JVM; on a static archive also an SSO
 * role's miss (no SDK), recorded in the calls' own JVMs. Its size is paid at every start (mapped and relocated whole;
 * an AOT cache even loads all its classes at every start, JEP 483), so nothing else goes into it;</li>
 * <li>the whole one, trained by {@code warmup --train}: one {@code process} on an expiring token (refresh,
 * GetRoleCredentials, cache write), an assumed role through STS, the hits and the commonest picocli commands;</li>
 * <li>the login's, trained by {@code warmup --train-login} on both sign-ins as people type them: no picocli and no
 * SDK (the OIDC calls are aws.HttpOidcApi's), so a login maps a third of what the whole archive holds.</li>
 * </ul>
 * The emulator always runs in a child JVM, so that its classes (and picocli's, which these paths never load) stay
 * out of the archives.
 */
public final class Training {
    private static final String PROFILE = "bench-readonly";
    private static final String CHAINED = "training-chained";
    /** The clock FastPath.run answers with: one the training loads is one more class in the archive. */
    private static final Clock CLOCK = dev.ssocred.cli.Platform.clock();
    private static final List<String> FORMATS = List.of("bash", "fish", "powershell", "cmd", "dotenv", "json");
    /**
     * The formats the hit archive is trained on: not the three that check their values with a regex, whose classes
     * (and, on JDK 25, the lambdas java.util.regex makes) every hit would map, and an AOT cache load, at every start
     * (docs/performance.md). A miss needs no regex either.
     */
    private static final List<String> PLAIN_FORMATS = List.of("bash", "fish", "json");

    private Training() {
    }

    /**
     * {@code warmup --train}: a refresh and a fetch, an assumed role, the hits and the commonest commands, in a
     * throwaway HOME; {@code contexts} wires real Contexts.
     */
    public static int run(Function<Environment, Context> contexts) throws Exception {
        Path home = Files.createTempDirectory("ssocred-training-");
        try {
            String endpoint = signIn(home, false);
            expireSoon(home);
            Environment env = new Environment(Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL", endpoint));
            PrintWriter out = new PrintWriter(Writer.nullWriter());
            call(contexts, env, out, "process", "--profile", PROFILE); // miss: refresh and fetch
            // What the second JVM of a miss is for now: a role assumed through STS, with the SDK's client.
            chain(home);
            call(contexts, env, out, "process", "--profile", CHAINED);
            hits(contexts, env, out, FORMATS);
            commands(contexts, env);
            return 0;
        } finally {
            stopEmulator();
            DemoCommand.deleteTree(home);
        }
    }

    /**
     * {@code warmup --train-login}: both sign-ins through the front door (cli.LoginLine), in the throwaway HOME the
     * launcher made, against the emulator: the browser flow (a first registration, the loopback listener, the token
     * exchange), then the device flow (its own registration, the code, the polls). The browser's comes first and
     * little runs before it: an archive lays its classes out in the order they were loaded, and a login whose classes
     * lie together starts ~4 ms sooner than one trained after other work (docs/performance.md). {@code contexts}
     * wires real Contexts with {@link #BROWSER}.
     */
    public static int logins(Path home, Function<Environment, Context> contexts) throws Exception {
        try {
            Environment env = new Environment(Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL", signIn(home, false)));
            logins(contexts, env);
            return 0;
        } finally {
            stopEmulator();
        }
    }

    /**
     * {@code warmup --prepare}: signs in the (empty, throwaway) HOME the launcher made for {@code --train-hits} and
     * caches role credentials in it, against an emulator that is stopped again before returning.
     */
    public static int prepare(Path home) throws Exception {
        try {
            signIn(home, true);
            return 0;
        } finally {
            stopEmulator();
        }
    }

    /**
     * {@code warmup --train-hits} for an AOT cache (JDK 25+), which learns from the JVM that runs the training: cache
     * hits and nothing else, in a HOME {@link #prepare} filled ({@link #hitsList} for a static archive).
     */
    public static int hits(Path home) {
        Environment env = new Environment(Map.of("HOME", home.toString()));
        Function<Environment, Context> noMiss = new Function<>() {
            @Override
            public Context apply(Environment e) {
                throw new IllegalStateException("training: a cache miss in a prepared HOME");
            }
        };
        hits(noMiss, env, new PrintWriter(Writer.nullWriter()), PLAIN_FORMATS);
        return 0;
    }

    /**
     * {@code warmup --train-hits} for a static archive (JDK 17-24) when the launcher names the class list to write
     * ({@code ssocred.classlist}): the list is made by real ssocred JVMs, each recording what it loads
     * ({@code -XX:DumpLoadedClassList}), and this JVM only runs them. Cache hits first ({@code process}, {@code env}
     * in the plain formats, {@code --help}), then an SSO role's fetch, with a lasting token and with one to refresh,
     * against the emulator. Recorded in this JVM, the training's own scaffolding (the emulator's process, its pipes
     * and futures, ~100 classes) went into the archive that every hit maps and relocates whole (~0.35 ms of each);
     * recorded in the calls themselves, the list also holds what {@code Main} does before the front door, as it is.
     */
    public static int hitsList(Path home, Path list) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Map<String, String> plain = Map.of("HOME", home.toString());
        List<Path> lists = new java.util.ArrayList<>();
        try {
            recorded(java, plain, lists, list, "process", "--profile", PROFILE);
            for (String format : PLAIN_FORMATS) {
                recorded(java, plain, lists, list, "env", PROFILE, "--format", format);
            }
            recorded(java, plain, lists, list, "--help");
            // The miss is worth having in the archive but not worth losing the archive for: a failure here (an
            // emulator that does not start) leaves an archive of the hits alone.
            try {
                Map<String, String> served = Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL", signIn(home, false));
                dropRoleCredentials(home);
                recorded(java, served, lists, list, "process", "--profile", PROFILE);
                dropRoleCredentials(home);
                expireSoon(home);
                recorded(java, served, lists, list, "process", "--profile", PROFILE);
            } catch (Exception e) {
                // the hits' list, without the miss
            } finally {
                stopEmulator();
            }
            mergeClassLists(lists, list);
        } finally {
            // Beside the archive in the user's cache directory, which the launcher cleans only of the merged list.
            for (Path each : lists) {
                Files.deleteIfExists(each);
            }
        }
        return 0;
    }

    /**
     * Runs {@code args} as ssocred in a child JVM as the launcher would start it for a pipe, recording its classes in
     * a list beside {@code list}; that list is added to {@code lists} only if the call exited 0 and answered.
     */
    private static void recorded(String java, Map<String, String> vars, List<Path> lists, Path list, String... args)
            throws Exception {
        Path mine = list.resolveSibling(list.getFileName() + "." + lists.size());
        ProcessBuilder pb = ssocredChild(java, List.of("-Xlog:all=off", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:DumpLoadedClassList=" + mine, "-Dssocred.stderr.tty=false", "-Dssocred.stdout.tty=false",
                "-Dssocred.stdout.path=/dev/stdout", "-Dssocred.launcher=/bin/sh"), vars, args)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = pb.start();
        child.getOutputStream().close();
        byte[] answer = child.getInputStream().readAllBytes();
        if (child.waitFor() != 0 || answer.length == 0) {
            Files.deleteIfExists(mine);
            throw new IllegalStateException("training call failed: " + String.join(" ", args));
        }
        lists.add(mine);
    }

    /**
     * The class lists as one: the first one's header, then every other line once, in the order first seen (a class
     * list names classes, lambda proxies and method-handle invokers; none refers to another line).
     */
    static void mergeClassLists(List<Path> lists, Path into) throws IOException {
        java.util.LinkedHashSet<String> lines = new java.util.LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Path each : lists) {
            for (String line : Files.readAllLines(each, StandardCharsets.UTF_8)) {
                if (line.startsWith("#")) {
                    if (first) {
                        out.append(line).append('\n');
                    }
                } else if (lines.add(line)) {
                    out.append(line).append('\n');
                }
            }
            first = false;
        }
        Files.writeString(into, out, StandardCharsets.UTF_8);
    }

    /** Adds a profile whose role is assumed through STS from the SSO profile's credentials. */
    private static void chain(Path home) throws IOException {
        Files.writeString(home.resolve(".aws/config"), "\n[profile " + CHAINED + "]\nrole_arn = "
                + "arn:aws:iam::111122223333:role/Training\nsource_profile = " + PROFILE + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void dropRoleCredentials(Path home) throws IOException {
        // java.io, not a stream of Files.list: whatever the training loads goes into the archive every hit maps.
        java.io.File[] entries = home.resolve(".aws/cli/cache").toFile().listFiles();
        for (java.io.File entry : entries == null ? new java.io.File[0] : entries) {
            Files.delete(entry.toPath());
        }
    }

    /**
     * The launcher starts every verb but process and env with this archive too: picocli (whose model of the commands
     * is built on each start) and what the commonest commands load, run against the emulator; both logins through
     * the front door, as people type them (cli.LoginLine).
     */
    private static void commands(Function<Environment, Context> contexts, Environment env) {
        run(contexts, desktop(env), List.of(new String[] {"status"}, new String[] {"list", PROFILE},
                new String[] {"nosuch"}));
        // Logins too: the launcher starts one with this archive while the login's own is not built yet.
        logins(contexts, env);
    }

    /** Both sign-ins as people type them: the browser's, then the device flow. */
    private static void logins(Function<Environment, Context> contexts, Environment env) {
        run(contexts, desktop(env), List.of(new String[] {"login", "--profile", PROFILE},
                new String[] {"login", "--profile", PROFILE, "--use-device-code"}));
    }

    /** A display, so that a plain login takes the browser flow, as it does on a desktop (BROWSER below). */
    private static Environment desktop(Environment env) {
        Map<String, String> vars = new java.util.HashMap<>(env.vars());
        vars.put("DISPLAY", ":0");
        return new Environment(vars);
    }

    private static void run(Function<Environment, Context> contexts, Environment desktop, List<String[]> commands) {
        for (String[] args : commands) {
            // As Main runs them: the front door first (logins), else picocli.
            Context ctx = contexts.apply(desktop);
            int code = FastPath.tryAnswer(args, desktop, CLOCK, ctx.out(), () -> ctx)
                    .orElseGet(() -> dev.ssocred.cli.Cli.execute(ctx, args));
            if (code != 0 && !args[0].equals("nosuch")) {
                throw new IllegalStateException("training call failed: " + String.join(" ", args) + " -> " + code);
            }
        }
    }

    private static void hits(Function<Environment, Context> contexts, Environment env, PrintWriter out,
                             List<String> formats) {
        call(contexts, env, out, "process", "--profile", PROFILE);
        for (String format : formats) {
            call(contexts, env, out, "env", PROFILE, "--format", format);
        }
        call(contexts, env, out, "--help"); // a page rendered at build time (cli.HelpPages): a few classes more
    }

    private static void call(Function<Environment, Context> contexts, Environment env, PrintWriter out, String... args) {
        int code = FastPath.tryAnswer(args, env, CLOCK, out, new java.util.function.Supplier<Context>() {
            @Override
            public Context get() {
                return contexts.apply(env);
            }
        }).orElse(-1);
        if (code != 0) {
            throw new IllegalStateException("training call failed: " + String.join(" ", args) + " -> " + code);
        }
    }

    /**
     * The training's browser: it follows the authorize URL, which the emulator answers with a redirect to ssocred's
     * loopback listener, as a signed-in browser does. Off the caller's thread, as a browser is another process.
     */
    public static final dev.ssocred.sso.Browser BROWSER = new dev.ssocred.sso.Browser() {
        @Override
        public boolean open(String url) {
            Thread t = new Thread(new Runnable() {
                @Override
                public void run() {
                    try {
                        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL()
                                .openConnection(java.net.Proxy.NO_PROXY);
                        c.getResponseCode(); // the redirect to the loopback is followed: same scheme, http
                        c.disconnect();
                    } catch (IOException e) {
                        // the login then times out and the training fails, which means no archive
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            return true;
        }
    };

    private static Process emulator;

    /**
     * Starts the emulator on {@code home}, which seeds the config and a token that lasts. {@code fetch}: also moves
     * the token into the refresh window and makes the first call in a child JVM, which refreshes it and caches role
     * credentials. Returns the emulator's endpoint.
     */
    private static String signIn(Path home, boolean fetch) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        emulator = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.ssocred.Main", "emulator", "--home", home.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String endpoint = endpoint(emulator);
        if (fetch) {
            expireSoon(home);
            missInAChild(java, home, endpoint);
        }
        return endpoint;
    }

    private static void stopEmulator() throws IOException {
        if (emulator != null) {
            emulator.getOutputStream().close();
            emulator.destroy();
            emulator = null;
        }
    }

    private static void missInAChild(String java, Path home, String endpoint) throws Exception {
        ProcessBuilder pb = ssocredChild(java, List.of(), Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL", endpoint),
                "process", "--profile", PROFILE).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("training: the first process call failed");
        }
    }

    /**
     * ssocred run as {@code args} in a child JVM of this java and class path, with {@code jvm} options and
     * {@code vars} over an environment that keeps nothing of the user's setup: no AWS_* variable (a config file, a
     * profile), no SSOCRED_* one.
     */
    private static ProcessBuilder ssocredChild(String java, List<String> jvm, Map<String, String> vars,
                                               String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ssocred.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("SSOCRED_"));
        pb.environment().putAll(vars);
        return pb;
    }

    private static String endpoint(Process emulator) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("AWS_ENDPOINT_URL=")) {
            throw new IllegalStateException("the emulator did not start");
        }
        return line.substring("AWS_ENDPOINT_URL=".length());
    }

    /** Moves the seeded token into the refresh window, so the first call refreshes it. */
    private static void expireSoon(Path home) {
        SsoSession session = new SsoSession(Optional.of("bench"), "https://d-1234567890.awsapps.com/start",
                "us-east-1", List.of("sso:account:access"));
        TokenCache cache = new TokenCache(home.resolve(".aws/sso/cache"), Path::toString, w -> { });
        SsoToken t = cache.readToken(session, "").orElseThrow();
        cache.writeToken(session, t.refreshed(t.accessToken(), Instant.now().plus(Duration.ofMinutes(5)), null));
    }
}
