package dev.ssocred.demo;

import dev.ssocred.cli.Context;
import dev.ssocred.cli.FastPath;
import dev.ssocred.config.Environment;
import dev.ssocred.config.SsoSession;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenCache;
import java.io.BufferedReader;
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
 * The workload the class-data archive is trained on: the calls that must start fast. One {@code process} call on
 * an expiring token (refresh, GetRoleCredentials, cache write) and cache hits of {@code process} and every
 * {@code env} format, through the same front door Main uses. The emulator runs in a child JVM so that its classes
 * (and picocli, which this path never loads) stay out of the archive.
 */
public final class Training {
    private static final String PROFILE = "bench-readonly";

    private Training() {
    }

    /**
     * Runs the workload; {@code contexts} builds real Contexts for an environment. {@code hitsOnly}: the refresh and
     * fetch run in a child JVM, so that this one loads only what a cache hit loads. That is the workload for a JDK 25
     * AOT cache, whose classes are all loaded at every start (JEP 483): trained on the miss too, it made every hit
     * load ~3,600 classes instead of ~1,000 (docs/performance.md).
     */
    public static int run(Function<Environment, Context> contexts, boolean hitsOnly) throws Exception {
        Path home = Files.createTempDirectory("ssocred-training-");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process emulator = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.ssocred.Main", "emulator", "--home", home.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String endpoint = endpoint(emulator);
            Environment env = new Environment(Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL", endpoint));
            expireSoon(home);
            PrintWriter out = new PrintWriter(Writer.nullWriter());
            if (hitsOnly) {
                missInAChild(java, home, endpoint);
            } else {
                call(contexts, env, out, "process", "--profile", PROFILE); // miss: refresh and fetch
            }
            call(contexts, env, out, "process", "--profile", PROFILE); // hit
            for (String format : List.of("bash", "fish", "powershell", "cmd", "dotenv", "json")) {
                call(contexts, env, out, "env", PROFILE, "--format", format);
            }
            return 0;
        } finally {
            emulator.getOutputStream().close();
            emulator.destroy();
            DemoCommand.deleteTree(home);
        }
    }

    private static void call(Function<Environment, Context> contexts, Environment env, PrintWriter out, String... args) {
        int code = FastPath.tryAnswer(args, env, Clock.systemUTC(), out, () -> contexts.apply(env)).orElse(-1);
        if (code != 0) {
            throw new IllegalStateException("training call failed: " + String.join(" ", args) + " -> " + code);
        }
    }

    private static void missInAChild(String java, Path home, String endpoint) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.ssocred.Main",
                "process", "--profile", PROFILE).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("AWS_ENDPOINT_URL", endpoint);
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("training: the first process call failed");
        }
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
