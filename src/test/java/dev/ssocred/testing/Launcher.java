package dev.ssocred.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code target/ssocred} as a real process with a controlled environment. */
public final class Launcher {
    private Launcher() {
    }

    public static Path path() {
        Path p = Path.of(System.getProperty("ssocred.launcher", "target/ssocred"));
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing: run 'mvn verify' (it packages before the integration tests)");
        }
        return p.toAbsolutePath();
    }

    /** A clean environment: PATH and JAVA_HOME from ours, HOME as given, no AWS_* variables leaking in. */
    public static Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>();
        for (String keep : List.of("PATH", "JAVA_HOME", "LANG", "TZ")) {
            String v = System.getenv(keep);
            if (v != null) {
                env.put(keep, v);
            }
        }
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        // No background archive creation in a temp HOME that JUnit deletes; LauncherIT tests the archive itself.
        env.put("SSOCRED_CDS", "off");
        return env;
    }

    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(path().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        var out = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try {
                out.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.completeExceptionally(e);
            }
        });
        reader.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ssocred did not finish within 120 s");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(p.exitValue(), out.join(), err, millis);
    }

    public record Result(int code, String out, String err, long millis) {
        @Override
        public String toString() {
            return "exit " + code + " in " + millis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
