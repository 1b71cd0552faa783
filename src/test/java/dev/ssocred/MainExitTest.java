package dev.ssocred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Main returns from main instead of calling System.exit(0) only when no other thread would keep the JVM alive
 * (docs/performance.md): a wrong answer would leave a JVM hanging after its work, or lose nothing but ~9 ms.
 */
class MainExitTest {

    @Test
    void aLiveNonDaemonThreadMeansSystemExit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> await(release), "still-working");
        worker.setDaemon(false);
        worker.start();
        try {
            assertFalse(Main.onlyDaemonsBeside(Thread.currentThread()));
        } finally {
            release.countDown();
            worker.join();
        }
    }

    @Test
    void inAJvmWithOnlyDaemonsLeftMainMayReturn() throws Exception {
        // A JVM of its own: the test runner's threads would decide the answer here.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("alone=true with-daemon=true with-worker=false\n", out);
    }

    /** Run in its own JVM: the answer alone, with a daemon thread, then with a non-daemon one. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Thread me = Thread.currentThread();
            boolean alone = Main.onlyDaemonsBeside(me);
            CountDownLatch release = new CountDownLatch(1);
            Thread daemon = new Thread(() -> await(release), "daemon");
            daemon.setDaemon(true);
            daemon.start();
            boolean withDaemon = Main.onlyDaemonsBeside(me);
            Thread worker = new Thread(() -> await(release), "worker");
            worker.start();
            boolean withWorker = Main.onlyDaemonsBeside(me);
            release.countDown();
            worker.join();
            System.out.println("alone=" + alone + " with-daemon=" + withDaemon + " with-worker=" + withWorker);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
