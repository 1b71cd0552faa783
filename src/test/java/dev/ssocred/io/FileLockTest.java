package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process behaviour of the lock; the cross-process cases are in ConcurrencyIT with real processes. */
class FileLockTest {
    @TempDir
    Path dir;

    private FileLock acquire(Duration timeout, String who, List<String> waits) throws Exception {
        return FileLock.acquire(dir.resolve("x.lock"), timeout, Clock.systemUTC(), who, waits::add);
    }

    @Test
    void uncontendedLockDoesNotWait() throws Exception {
        try (FileLock l = acquire(Duration.ofSeconds(1), "me", new ArrayList<>())) {
            assertFalse(l.waited());
        }
    }

    @Test
    void timesOutNamingTheHolder() throws Exception {
        assertEquals("ssocred login (pid 42)", holderSeenByAWaiter("ssocred login (pid 42)"));
    }

    /** What a waiter that times out is told about a holder (another thread) that described itself as {@code who}. */
    private String holderSeenByAWaiter(String who) throws Exception {
        return whileHeld(who, () -> assertThrows(FileLock.TimeoutException.class, () -> acquire(Duration.ofMillis(100),
                "me", new ArrayList<>())).holder());
    }

    /** Runs {@code body} while another thread holds the lock as {@code who}. */
    private <T> T whileHeld(String who, java.util.concurrent.Callable<T> body) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var holder = CompletableFuture.runAsync(() -> {
            try (FileLock l = acquire(Duration.ofSeconds(5), who, new ArrayList<>())) {
                held.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try {
            assertTrue(held.await(5, TimeUnit.SECONDS));
            return body.call();
        } finally {
            release.countDown();
            holder.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWaiterGetsTheLockWhenTheHolderReleasesAndKnowsItWaited() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var holder = CompletableFuture.runAsync(() -> {
            try (FileLock l = acquire(Duration.ofSeconds(5), "first", new ArrayList<>())) {
                held.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(held.await(5, TimeUnit.SECONDS));
        CountDownLatch waiting = new CountDownLatch(1);
        var waiter = CompletableFuture.supplyAsync(() -> {
            try (FileLock l = FileLock.acquire(dir.resolve("x.lock"), Duration.ofSeconds(10), Clock.systemUTC(), "second",
                    holderSaid -> waiting.countDown())) {
                return l.waited();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS), "the waiter reports that it waits");
        release.countDown();
        assertTrue(waiter.get(10, TimeUnit.SECONDS));
        holder.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLockOurParentHoldsIsNotWaitedForButThreadsStillTakeTurns() throws Exception {
        Path lock = dir.resolve("held.lock");
        // The parent's OS lock, played by a channel of this JVM: acquire() would see it as busy and wait.
        try (var parent = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var held = parent.lock()) {
            assertThrows(FileLock.TimeoutException.class, () -> FileLock.acquire(lock, Duration.ofMillis(100),
                    Clock.systemUTC(), "me", FileLock.QUIET));
            FileLock.inherit(lock);
            try {
                FileLock first = FileLock.acquire(lock, Duration.ofSeconds(5), Clock.systemUTC(), "me", FileLock.QUIET);
                assertFalse(first.waited());
                var other = CompletableFuture.supplyAsync(() -> {
                    try (FileLock l = FileLock.acquire(lock, Duration.ofSeconds(5), Clock.systemUTC(), "t", FileLock.QUIET)) {
                        return l.waited();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                Thread.sleep(100);
                assertFalse(other.isDone(), "another thread waits for the in-process lock");
                first.close();
                assertTrue(other.get(5, TimeUnit.SECONDS), "and gets it once released");
                assertTrue(held.isValid(), "the parent's lock is not ours to release");
            } finally {
                FileLock.inherit(null);
            }
        }
    }

    @Test
    void aHolderThatSaidNothingOrOnlyOnItsSecondLineIsAnotherSsocredProcess() throws Exception {
        for (String who : new String[] {"", "\nsecond line", "  "}) {
            assertEquals("another ssocred process", holderSeenByAWaiter(who), "holder " + who.replace("\n", "\\n"));
        }
        assertEquals("another ssocred process", FileLock.holder(dir.resolve("gone.lock")), "a lock file that vanished");
    }

    @Test
    void takingReleasingAndTimingOutLeaveNoDescriptorOpen() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fds), "Linux only");
        for (int i = 0; i < 5; i++) { // warm up: class loading opens files of its own
            acquire(Duration.ofSeconds(1), "me", new ArrayList<>()).close();
        }
        long before = openDescriptors(fds);
        for (int i = 0; i < 40; i++) {
            acquire(Duration.ofSeconds(1), "me", new ArrayList<>()).close();
        }
        // A holder in this JVM is only the in-process lock; another channel's OS lock makes acquire open, poll and
        // time out, and it must close what it opened.
        try (var other = java.nio.channels.FileChannel.open(dir.resolve("x.lock"), java.nio.file.StandardOpenOption.WRITE);
             var held = other.lock()) {
            for (int i = 0; i < 20; i++) {
                assertThrows(FileLock.TimeoutException.class, () -> acquire(Duration.ofMillis(30), "me", new ArrayList<>()));
            }
        }
        assertTrue(openDescriptors(fds) <= before + 1, "descriptors before " + before + ", after " + openDescriptors(fds));
    }

    private static long openDescriptors(Path fds) throws Exception {
        try (var s = java.nio.file.Files.list(fds)) {
            return s.count();
        }
    }

    @Test
    void aWaiterThatIsInterruptedGivesUpAndKeepsItsInterruptFlag() throws Exception {
        boolean flagKept = whileHeld("holder", () -> {
            Thread.currentThread().interrupt();
            assertThrows(FileLock.TimeoutException.class, () -> acquire(Duration.ofSeconds(5), "me", new ArrayList<>()));
            return Thread.interrupted();
        });
        assertTrue(flagKept, "the interrupt is passed on, not swallowed");
        // The same while polling another holder's OS lock: the interrupt lands in the poll's sleep.
        Path lock = dir.resolve("polled.lock");
        try (var other = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var held = other.lock()) {
            assertThrows(FileLock.TimeoutException.class, () -> FileLock.acquire(lock, Duration.ofSeconds(5),
                    Clock.systemUTC(), "me", holder -> Thread.currentThread().interrupt()));
            assertTrue(Thread.interrupted(), "kept while polling too");
        }
    }

    @Test
    void aWaiterPollsAnotherProcesssLockAboutEvery25MsNotInABusyLoop() throws Exception {
        java.util.concurrent.atomic.AtomicInteger readings = new java.util.concurrent.atomic.AtomicInteger();
        Clock counting = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                readings.incrementAndGet();
                return java.time.Instant.now();
            }
        };
        Path lock = dir.resolve("busy.lock");
        try (var other = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var held = other.lock()) {
            assertThrows(FileLock.TimeoutException.class, () -> FileLock.acquire(lock, Duration.ofMillis(200), counting,
                    "me", FileLock.QUIET));
        }
        // About 200 / 25 = 8 polls, each reading the clock once; a loop without its sleep reads it thousands of times.
        assertTrue(readings.get() <= 40, readings.get() + " clock readings in 200 ms");
    }

    @Test
    void lockFileIsPrivate() throws Exception {
        try (FileLock l = acquire(Duration.ofSeconds(1), "me", new ArrayList<>())) {
            assertEquals("rw-------", dev.ssocred.testing.Files2.mode(dir.resolve("x.lock")));
        }
    }

    @Test
    void aLinkPlantedAsTheLockFileIsNotFollowedAndItsTargetIsUntouched(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path victim = java.nio.file.Files.writeString(tmp.resolve("victim"), "precious contents");
        Path lock = java.nio.file.Files.createSymbolicLink(tmp.resolve("x.lock"), victim);
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> FileLock.acquire(lock,
                java.time.Duration.ofSeconds(1), java.time.Clock.systemUTC(), "me", h -> { }));
        assertEquals("precious contents", java.nio.file.Files.readString(victim));
        // And the in-process lock is free again after the failure.
        Path real = tmp.resolve("y.lock");
        try (FileLock l = FileLock.acquire(real, java.time.Duration.ofSeconds(1), java.time.Clock.systemUTC(), "me", h -> { })) {
            assertEquals(false, l.waited());
        }
    }

    @Test
    void aFailedAcquireReleasesTheInProcessLockForOtherThreads(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path lock = java.nio.file.Files.createSymbolicLink(tmp.resolve("z.lock"), tmp.resolve("elsewhere"));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> FileLock.acquire(lock,
                java.time.Duration.ofSeconds(1), java.time.Clock.systemUTC(), "me", h -> { }));
        java.nio.file.Files.delete(lock);
        // Another thread: a ReentrantLock left held by this one would make it wait, then time out.
        var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (FileLock l = FileLock.acquire(lock, java.time.Duration.ofMillis(500), java.time.Clock.systemUTC(), "t",
                    h -> { })) {
                return l.waited();
            } catch (Exception e) {
                return null;
            }
        });
        assertEquals(false, result.get());
    }

    @Test
    void aLockHeldByAnotherProcessIsWaitedForAndItsHolderNamed(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path lock = tmp.resolve("p.lock");
        // POSIX record locks, as the JDK's FileChannel.lock takes them: a python3 holding one for 600 ms.
        Process other = new ProcessBuilder("python3", "-c", "import fcntl, os, sys, time\n"
                + "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\nfcntl.lockf(fd, fcntl.LOCK_EX)\n"
                + "os.write(fd, b'the other process (pid 1)')\nprint('locked', flush=True)\ntime.sleep(0.6)\n",
                lock.toString()).redirectErrorStream(true).start();
        assertEquals("locked", new String(other.getInputStream().readNBytes(6), java.nio.charset.StandardCharsets.UTF_8));
        java.util.List<String> waitedFor = new java.util.ArrayList<>();
        try (FileLock l = FileLock.acquire(lock, java.time.Duration.ofSeconds(10), java.time.Clock.systemUTC(), "me",
                waitedFor::add)) {
            assertEquals(true, l.waited());
        }
        assertEquals(java.util.List.of("the other process (pid 1)"), waitedFor);
        other.waitFor();
        Process again = new ProcessBuilder("python3", "-c", "import fcntl, os, sys, time\n"
                + "fd = os.open(sys.argv[1], os.O_RDWR)\nfcntl.lockf(fd, fcntl.LOCK_EX)\nos.ftruncate(fd, 0)\n"
                + "os.write(fd, b'a second process')\nprint('locked', flush=True)\n"
                + "time.sleep(5)\n", lock.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked", new String(again.getInputStream().readNBytes(6), java.nio.charset.StandardCharsets.UTF_8));
            var timeout = org.junit.jupiter.api.Assertions.assertThrows(FileLock.TimeoutException.class, () ->
                    FileLock.acquire(lock, java.time.Duration.ofMillis(200), java.time.Clock.systemUTC(), "me", h -> { }));
            assertEquals("a second process", timeout.holder());
        } finally {
            again.destroy();
        }
    }

    private static final Duration LONG = Duration.ofSeconds(20);

    private FileLock.Waited<String> acquireOrFind(java.util.concurrent.atomic.AtomicReference<String> made)
            throws Exception {
        return FileLock.acquireOrFind(dir.resolve("x.lock"), LONG, Clock.systemUTC(), "me", FileLock.QUIET,
                () -> java.util.Optional.ofNullable(made.get()));
    }

    /** A waiter on another thread, finding what {@code made} holds once it holds something. */
    private CompletableFuture<FileLock.Waited<String>> waiterFor(java.util.concurrent.atomic.AtomicReference<String> made) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return acquireOrFind(made);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aThreadThatHoldsALockTakesItAgainAtOnceAndTheOuterOneKeepsTheOsLock() throws Exception {
        try (FileLock outer = acquire(Duration.ofSeconds(1), "outer", new ArrayList<>())) {
            try (FileLock inner = acquire(Duration.ofSeconds(1), "inner", new ArrayList<>())) {
                assertFalse(inner.waited());
            }
            assertEquals("outer", FileLock.holder(dir.resolve("x.lock")), "the inner one wrote nothing");
            // Still held: another process (another channel) cannot have it, nor can another thread.
            try (var other = java.nio.channels.FileChannel.open(dir.resolve("x.lock"),
                    java.nio.file.StandardOpenOption.WRITE)) {
                assertThrows(java.nio.channels.OverlappingFileLockException.class, other::tryLock);
            }
            assertEquals("timed out", CompletableFuture.supplyAsync(() -> {
                try (FileLock l = acquire(Duration.ofMillis(100), "another thread", new ArrayList<>())) {
                    return "took it";
                } catch (FileLock.TimeoutException e) {
                    return "timed out";
                } catch (Exception e) {
                    return e.toString();
                }
            }).get(5, TimeUnit.SECONDS));
        }
        try (FileLock again = acquire(Duration.ofSeconds(1), "me", new ArrayList<>())) {
            assertFalse(again.waited(), "both released");
        }
    }

    @Test
    void aWaiterFindsWhatAnotherProcessMadeWhileItStillHoldsTheLock() throws Exception {
        var made = new java.util.concurrent.atomic.AtomicReference<String>();
        // Another channel's OS lock stands for another process (the JDK refuses a second lock of one file in a JVM).
        try (var other = java.nio.channels.FileChannel.open(dir.resolve("x.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = other.lock()) {
            CompletableFuture<FileLock.Waited<String>> waiter = waiterFor(made);
            Thread.sleep(120);
            assertFalse(waiter.isDone(), "nothing made yet: it waits");
            made.set("the entry");
            FileLock.Waited<String> w = waiter.get(2, TimeUnit.SECONDS); // within a poll or two, the holder still holding
            assertEquals("the entry", w.found());
            assertEquals(null, w.lock());
            assertTrue(held.isValid());
        }
        // It let go of everything: the lock is free for this thread and for others.
        try (FileLock l = acquire(Duration.ofSeconds(1), "me", new ArrayList<>())) {
            assertFalse(l.waited());
        }
        assertFalse(CompletableFuture.supplyAsync(() -> {
            try (FileLock l = acquire(Duration.ofSeconds(1), "me", new ArrayList<>())) {
                return l.waited();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aWaiterFindsWhatAnotherThreadMadeWhileItStillHoldsTheLock() throws Exception {
        var made = new java.util.concurrent.atomic.AtomicReference<String>();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try (FileLock l = acquire(Duration.ofSeconds(1), "holder", new ArrayList<>())) {
                holding.countDown();
                release.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        CompletableFuture<FileLock.Waited<String>> waiter = waiterFor(made);
        Thread.sleep(120);
        assertFalse(waiter.isDone());
        made.set("the entry");
        FileLock.Waited<String> w = waiter.get(2, TimeUnit.SECONDS);
        assertEquals("the entry", w.found());
        assertEquals(null, w.lock());
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWaiterThatFindsNothingGetsTheLockWhenItIsReleased() throws Exception {
        var made = new java.util.concurrent.atomic.AtomicReference<String>();
        try (var other = java.nio.channels.FileChannel.open(dir.resolve("x.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            var held = other.lock();
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
                // the lock is a thread's (ReentrantLock): released by the thread that took it
                try (FileLock l = acquireOrFind(made).lock()) {
                    return made.get() + (l.waited() ? ", waited" : "");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(120);
            held.release(); // the holder failed: it made nothing
            assertEquals("null, waited", waiter.get(2, TimeUnit.SECONDS));
        }
        // Uncontended, the finder is never asked and the lock is had at once.
        var asked = new java.util.concurrent.atomic.AtomicInteger();
        FileLock.Waited<String> w = FileLock.acquireOrFind(dir.resolve("x.lock"), LONG, Clock.systemUTC(), "me",
                FileLock.QUIET, () -> {
                    asked.incrementAndGet();
                    return java.util.Optional.of("never");
                });
        try (FileLock l = w.lock()) {
            assertFalse(l.waited());
        }
        assertEquals(0, asked.get());
    }

    /** A lock file as a holder leaves it: its line, written {@code ageMillis} ago. */
    private Path holdersLine(String line, long ageMillis) throws Exception {
        Path lock = dir.resolve("x.lock");
        java.nio.file.Files.writeString(lock, line + "\n");
        assertTrue(lock.toFile().setLastModified(System.currentTimeMillis() - ageMillis));
        return lock;
    }

    /** A holder's line naming a live process: this one. */
    private static String liveHolder() {
        return "ssocred fetching role credentials (pid " + ProcessHandle.current().pid() + ")";
    }

    /** The id of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
        assertFalse(java.nio.file.Files.exists(Path.of("/proc/" + p.pid())));
        return p.pid();
    }

    @Test
    void aHolderClearsItsLineBeforeLettingGo() throws Exception {
        Path lock = dir.resolve("x.lock");
        try (FileLock l = acquire(Duration.ofSeconds(1), FileLock.describeSelf("ssocred fetching"), new ArrayList<>())) {
            assertEquals(FileLock.describeSelf("ssocred fetching") + "\n", java.nio.file.Files.readString(lock));
            assertTrue(FileLock.heldElsewhere(lock.toFile()), "a new line of a live process: a holder at work");
        }
        assertEquals(0, java.nio.file.Files.size(lock), "the file stays (see close), its line goes");
        assertFalse(FileLock.heldElsewhere(lock.toFile()));
    }

    @Test
    void aHoldersLineIsBelievedOnlyWhenNewAndItsProcessAlive() throws Exception {
        java.io.File lock = holdersLine(liveHolder(), 0).toFile();
        assertTrue(FileLock.heldElsewhere(lock));
        assertFalse(FileLock.heldElsewhere(holdersLine(liveHolder(), FileLock.HOLDER_LINE_MILLIS + 1_000).toFile()),
                "old");
        assertFalse(FileLock.heldElsewhere(holdersLine(liveHolder(), -(FileLock.HOLDER_LINE_MILLIS + 1_000)).toFile()),
                "from the future: a clock set back");
        assertFalse(FileLock.heldElsewhere(holdersLine("ssocred (pid " + deadPid() + ")", 0).toFile()),
                "a killed holder's, or an older ssocred's that never cleared it");
        assertFalse(FileLock.heldElsewhere(holdersLine("another ssocred process", 0).toFile()), "no pid");
        assertFalse(FileLock.heldElsewhere(dir.resolve("missing.lock").toFile()));
        java.nio.file.Files.createDirectory(dir.resolve("dir.lock"));
        assertFalse(FileLock.heldElsewhere(dir.resolve("dir.lock").toFile()), "not a regular file");
    }

    @Test
    void aPidIsReadOnlyFromAWholeMark() {
        assertEquals(1234, pid("ssocred fetching (pid 1234)\n"));
        assertEquals(7, pid("x (pid 7)"));
        assertEquals(0, pid("x (pid 7"), "cut short");
        assertEquals(0, pid("x (pid )"));
        assertEquals(0, pid("x (pid 12a)"));
        assertEquals(0, pid("x (pid 1234567890123456789)"), "too long to be a pid");
        assertEquals(0, pid("x (pi"));
        assertEquals(0, pid(""));
        assertEquals(42, pid("ssocred fetching role credentials for x(pid 1) (pid 42)\n"), "the last mark");
        assertEquals(0, pid("x (pid 7) (pid 12a)"), "the last mark decides");
    }

    private static long pid(String line) {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return FileLock.pidIn(java.util.Arrays.copyOf(b, 200), b.length);
    }

    @Test
    void aWaiterWatchesALiveHoldersLineWithoutAskingTheOsLock() throws Exception {
        // No OS lock is held: only the line says a holder is at work. A waiter that went to the OS lock would take it
        // at once and never ask its finder; one that watches the line asks the finder and ends with what it found.
        holdersLine(liveHolder(), 0);
        var asked = new java.util.concurrent.atomic.AtomicInteger();
        List<String> told = new ArrayList<>();
        FileLock.Waited<String> w = FileLock.acquireOrFind(dir.resolve("x.lock"), LONG, Clock.systemUTC(), "me",
                told::add, () -> asked.incrementAndGet() < 3 ? java.util.Optional.empty()
                        : java.util.Optional.of("the entry"));
        assertEquals("the entry", w.found());
        assertEquals(null, w.lock());
        assertEquals(3, asked.get());
        assertEquals(List.of(liveHolder()), told, "told once who it waits for");
        try (FileLock l = acquire(Duration.ofSeconds(1), "me", new ArrayList<>())) {
            assertFalse(l.waited(), "it let go of the in-process lock");
        }
    }

    @Test
    void aLineThatIsNotBelievedSendsTheWaiterToTheOsLockAtOnce() throws Exception {
        for (Path lock : List.of(holdersLine(liveHolder(), FileLock.HOLDER_LINE_MILLIS + 5_000),
                holdersLine("ssocred fetching role credentials (pid " + deadPid() + ")", 0))) {
            var asked = new java.util.concurrent.atomic.AtomicInteger();
            FileLock.Waited<String> w = FileLock.acquireOrFind(lock, LONG, Clock.systemUTC(), "me", FileLock.QUIET,
                    () -> {
                        asked.incrementAndGet();
                        return java.util.Optional.of("never");
                    });
            try (FileLock l = w.lock()) {
                assertFalse(l.waited(), "the OS lock was free and taken at once");
            }
            assertEquals(0, asked.get());
        }
    }

    @Test
    void aLiveHoldersLineIsWatchedOnlyUntilItIsOldThenTheOsLockDecides() throws Exception {
        // A holder still at work after HOLDER_LINE_MILLIS (here: a line with no OS lock behind it) is waited for
        // through the OS lock, as before there was a line.
        holdersLine(liveHolder(), FileLock.HOLDER_LINE_MILLIS - 1_000);
        var asked = new java.util.concurrent.atomic.AtomicInteger();
        try (FileLock l = FileLock.acquireOrFind(dir.resolve("x.lock"), LONG, Clock.systemUTC(), "me",
                FileLock.QUIET, () -> {
                    asked.incrementAndGet();
                    return java.util.Optional.empty();
                }).lock()) {
            assertTrue(l.waited());
            assertTrue(asked.get() >= 1, "it watched before it turned to the lock");
            assertEquals("me\n", java.nio.file.Files.readString(dir.resolve("x.lock")), "its own line now");
        }
    }

    @Test
    void aWaiterWatchingALineStillTimesOutNamingTheHolder() throws Exception {
        Path lock = dir.resolve("x.lock");
        // A python3 holding the OS lock with its line, as an ssocred holder does, for 5 s.
        Process other = new ProcessBuilder("python3", "-c", "import fcntl, os, sys, time\n"
                + "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\nfcntl.lockf(fd, fcntl.LOCK_EX)\n"
                + "os.write(fd, b'the other process (pid %d)\\n' % os.getpid())\nprint('locked', flush=True)\n"
                + "time.sleep(5)\n",
                lock.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked", new String(other.getInputStream().readNBytes(6),
                    java.nio.charset.StandardCharsets.UTF_8));
            var timeout = assertThrows(FileLock.TimeoutException.class, () -> FileLock.acquireOrFind(lock,
                    Duration.ofMillis(200), Clock.systemUTC(), "me", FileLock.QUIET,
                    () -> java.util.Optional.empty()));
            assertEquals("the other process (pid " + other.pid() + ")", timeout.holder());
        } finally {
            other.destroy();
        }
        other.waitFor();
        try (FileLock l = acquire(Duration.ofSeconds(5), "me", new ArrayList<>())) {
            assertTrue(l != null, "the in-process lock was let go after the timeout");
        }
    }

    @Test
    void aFinderThatFailsEndsTheWaitAndLeavesTheLockFree() throws Exception {
        try (var other = java.nio.channels.FileChannel.open(dir.resolve("x.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = other.lock()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FileLock.acquireOrFind(
                    dir.resolve("x.lock"), LONG, Clock.systemUTC(), "me", FileLock.QUIET, () -> {
                        throw new IllegalStateException("the entry cannot be read");
                    }));
            assertEquals("the entry cannot be read", e.getMessage());
        }
        try (FileLock l = acquire(Duration.ofSeconds(1), "me", new ArrayList<>())) {
            assertFalse(l.waited());
        }
    }

    @Test
    void aHoldersLineLosesItsControlCharactersAsTheRegexItReplacedHadThem() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            every.append(c);
        }
        String all = every.toString();
        assertEquals(all.replaceAll("\\p{Cntrl}", "?"), FileLock.printable(all));
        assertEquals("a?b?c", FileLock.printable("a\u001bb\u007fc"));
    }
}
