package dev.ssocred.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a JDK 25 AOT cache holds, as the JDK lists it when asked. */
public final class AotCaches {
    private AotCaches() {
    }

    /**
     * How many method profiles (JEP 515) {@code cache} holds: {@code java} lists them (-XX:+AOTPrintTrainingInfo) while
     * it starts ssocred --version from {@code classPath} with the launcher's flags, as the cache was made with. Throws
     * when the JVM did not list the cache at all (refused, or not run), so that zero means none.
     */
    public static long profiles(Map<String, String> env, Path dir, Path java, Path cache, Path classPath)
            throws Exception {
        Run.Result listed = Run.run(env, dir, List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:+UseSerialGC", "-XX:AOTCache=" + cache, "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+AOTPrintTrainingInfo", "-cp", classPath.toString(), "dev.ssocred.Main", "--version"));
        if (listed.code() != 0 || !listed.out().contains("Archived TrainingData Dictionary")) {
            throw new AssertionError("the cache was not listed: " + listed);
        }
        return listed.out().lines().filter(l -> l.contains(" M java/")).count();
    }
}
