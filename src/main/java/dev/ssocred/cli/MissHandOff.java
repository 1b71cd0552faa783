package dev.ssocred.cli;

import dev.ssocred.config.Environment;
import dev.ssocred.io.FileLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cache miss that needs the AWS SDK, handed to a second JVM: a role assumed through STS (an SSO role's miss needs
 * no SDK and stays in the first JVM: {@link FastPath}). The launcher starts ssocred with the class-data archive of a
 * cache hit, which is what makes the hit fast: an archive that also holds the AWS SDK's ~2,500 classes costs every
 * start ~10 ms to map and relocate (docs/performance.md). On such a miss this JVM takes the entry's lock, looks once
 * more (another process may have fetched it while we waited), and if it is still missing runs the launcher again with
 * {@code SSOCRED_STAGE=miss}, which starts the second JVM with the whole archive. The second JVM's answer is passed
 * through; its stderr and stdin are ours (login hints, an MFA prompt).
 *
 * <p>The lock stays with us while the second JVM works, named to it in {@code SSOCRED_LOCK_HELD} so that it does not
 * wait for itself ({@link FileLock#inherit}). In a burst of 32 calls, one second JVM starts; the other 31 wait for
 * the lock and answer from the entry it wrote, never loading the SDK.
 */
public final class MissHandOff {
    /** How the second JVM is told it is one, and which lock its parent holds for it. */
    public static final String STAGE = "SSOCRED_STAGE";
    public static final String LOCK_HELD = "SSOCRED_LOCK_HELD";

    private final Path launcher;
    private final Environment env;

    private MissHandOff(Path launcher, Environment env) {
        this.launcher = launcher;
        this.env = env;
    }

    /** The archive training's (demo.Training): a stand-in {@code command} that fails at once is enough there. */
    public static MissHandOff forTraining(Path command, Environment env) {
        return new MissHandOff(command, env);
    }

    /**
     * Main's wiring: the launcher that started us names itself in {@code launcher} when it has the second archive.
     * Null (misses stay in this JVM) without one, or in the second JVM itself, which inherits the lock its parent
     * holds. Runs on every call, so it reads nothing else: the lock timeout is worked out on a miss.
     */
    public static MissHandOff wire(String launcher, Environment env) {
        if (isSecond(env)) {
            String held = env.vars().get(LOCK_HELD);
            if (held != null && !held.isEmpty()) {
                FileLock.inherit(Path.of(held));
            }
            return null;
        }
        return launcher == null || launcher.isEmpty() ? null : new MissHandOff(Path.of(launcher), env);
    }

    /** Whether this JVM is the second one of a handed-off miss. */
    static boolean isSecond(Environment env) {
        return "miss".equals(env.vars().get(STAGE));
    }

    /** A second look at the cache, once we hold the lock. */
    interface Recheck {
        boolean answered();
    }

    /**
     * The exit code: 0 when the entry turned up meanwhile, else the second JVM's; null (with the lock released) when
     * this one must fetch for itself: no second JVM could be started or read, or SSOCRED_LOCK_TIMEOUT is not a number
     * (which the in-process path reports).
     */
    Integer run(String[] args, Path lockFile, Recheck recheck, Clock clock, PrintWriter out) {
        Duration lockTimeout;
        try {
            lockTimeout = Context.lockTimeout(env);
        } catch (dev.ssocred.SsocredException e) {
            return null;
        }
        FileLock.Waited<Boolean> waited;
        try {
            // While another caller's second JVM fetches, the entry is looked for at every poll (and printed when
            // found): a burst's callers answer as it is written, not one after another through the lock.
            waited = FileLock.acquireOrFind(lockFile, lockTimeout, clock,
                    FileLock.describeSelf("ssocred handing a cache miss to a second JVM"), FileLock.QUIET,
                    new java.util.function.Supplier<java.util.Optional<Boolean>>() {
                        @Override
                        public java.util.Optional<Boolean> get() {
                            return recheck.answered() ? java.util.Optional.of(Boolean.TRUE) : java.util.Optional.empty();
                        }
                    });
        } catch (IOException | FileLock.TimeoutException e) {
            // No lock to be had: the second JVM tries for itself and says what is wrong (a timeout, a bad directory).
            return second(args, null, out);
        }
        if (waited.lock() == null) {
            return 0;
        }
        try (FileLock lock = waited.lock()) {
            // Always, not only after a wait: the holder may have written the entry and let go between our first look
            // and our turn, and then a second JVM would start for nothing.
            if (recheck.answered()) {
                return 0;
            }
            return second(args, lockFile, out);
        }
    }

    private Integer second(String[] args, Path heldLock, PrintWriter out) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put(STAGE, "miss");
        if (heldLock != null) {
            pb.environment().put(LOCK_HELD, heldLock.toAbsolutePath().toString());
        } else {
            pb.environment().remove(LOCK_HELD);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return null; // the launcher moved or was removed since it started us
        }
        try (InputStream in = p.getInputStream()) {
            byte[] answer = in.readAllBytes();
            int code = p.waitFor();
            out.print(new String(answer, StandardCharsets.UTF_8));
            out.flush();
            return code;
        } catch (IOException e) {
            p.destroy(); // nothing printed yet: this JVM fetches for itself, and says what goes wrong
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            return null;
        }
    }
}
