package dev.ssocred.testing;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real AWS tools the interop suite drives. Missing tools skip the test locally, with the reason and the
 * install command; with CI=true they fail it, so CI can never go green without having run them.
 */
public final class Tools {
    public static final Path INTEROP = Path.of("target", "interop").toAbsolutePath();

    private Tools() {
    }

    public static <T> T require(Optional<T> tool, String what, String install) {
        if (tool.isPresent()) {
            return tool.get();
        }
        String reason = what + " is not installed (" + install + "; .ci/run does it)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(reason);
        }
        Assumptions.abort(reason);
        return null;
    }

    /** A python3 that imports boto3, as an absolute path (pyenv shims need a HOME we replace). */
    public static Optional<String> python() {
        return firstLine(List.of("python3", "-c", "import boto3, sys; print(sys.executable)"))
                .or(() -> firstLine(List.of("/usr/bin/python3", "-c", "import boto3, sys; print(sys.executable)")));
    }

    /** The AWS CLI v1 from pip, run as {@code python -m awscli}. */
    public static Optional<List<String>> awsV1() {
        return python().flatMap(py -> firstLine(List.of(py, "-m", "awscli", "--version"))
                .filter(v -> v.startsWith("aws-cli/1.")).map(v -> List.of(py, "-m", "awscli")));
    }

    /** The AWS CLI v2 (Debian's awscli package): an {@code aws} on PATH whose version is 2.x. */
    public static Optional<List<String>> awsV2() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path aws = Path.of(dir, "aws");
            if (Files.isExecutable(aws) && firstLine(List.of(aws.toString(), "--version"))
                    .filter(v -> v.startsWith("aws-cli/2.")).isPresent()) {
                return Optional.of(List.of(aws.toString()));
            }
        }
        return Optional.empty();
    }

    /** target/interop/node_modules holding the JavaScript SDK v3 packages. */
    public static Optional<Path> nodeModules() {
        Path modules = INTEROP.resolve("node_modules");
        return Files.isDirectory(modules.resolve("@aws-sdk/credential-providers"))
                && firstLine(List.of("node", "--version")).isPresent() ? Optional.of(modules) : Optional.empty();
    }

    /** A program on PATH (a shell the completion tests drive), as an absolute path. */
    public static Optional<String> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    public static Optional<String> version(List<String> command) {
        List<String> c = new ArrayList<>(command);
        c.add("--version");
        return firstLine(c);
    }

    private static Optional<String> firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(out.lines().findFirst().orElse(""));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
