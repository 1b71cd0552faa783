package dev.ssocred.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock shared by every ssocred process on the machine: an OS file lock on a {@code .lock} file
 * beside the cache entry. The OS drops the lock when its holder dies, so a killed process never blocks the next
 * one. Waiting is bounded; the holder writes who it is into the file so that a waiter can say what it waits for,
 * and clears it when it lets go, so that a waiter for something the holder makes can watch for it without the OS
 * lock's file channel while the line is new and its process alive ({@link #heldElsewhere}).
 * Threads of one JVM are serialised too (the OS lock belongs to the process, not the thread).
 */
public final class FileLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 25;
    /**
     * How long a holder's line in the lock file is taken at its word (see {@link #heldElsewhere}): longer than a
     * fetch or a refresh usually takes (waiters of a holder still at work then turn to the OS lock, as they did
     * before there was a line to watch), short enough that a process id reused meanwhile costs little.
     */
    static final long HOLDER_LINE_MILLIS = 2_000;
    /** For callers with nothing to say while they wait. A class, not a lambda: see {@link #acquire}. */
    public static final java.util.function.Consumer<String> QUIET = new java.util.function.Consumer<>() {
        @Override
        public void accept(String holder) {
        }
    };
    /** The lock our parent process holds for us (the launcher's second JVM, see cli.MissHandOff), or null. */
    private static volatile Path inherited;

    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;
    private final ReentrantLock local;
    private final boolean waited;

    private FileLock(FileChannel channel, java.nio.channels.FileLock lock, ReentrantLock local, boolean waited) {
        this.channel = channel;
        this.lock = lock;
        this.local = local;
        this.waited = waited;
    }

    /** Thrown when the lock could not be had within the timeout; {@code holder} is what the holder wrote. */
    public static final class TimeoutException extends Exception {
        private final String holder;

        TimeoutException(String holder) {
            super("lock timeout");
            this.holder = holder;
        }

        public String holder() {
            return holder;
        }
    }

    /**
     * Takes the lock at {@code lockFile}, waiting at most {@code timeout}. {@code onWait} runs once, with the
     * holder's description, if the lock is busy. {@code whoAmI} is written into the file while we hold it.
     */
    public static FileLock acquire(Path lockFile, Duration timeout, Clock clock, String whoAmI,
                                   java.util.function.Consumer<String> onWait) throws IOException, TimeoutException {
        return take(lockFile, timeout, clock, whoAmI, onWait, null);
    }

    /** What {@link #acquireOrFind} ended with: the lock, or (with a null lock) what the holder made meanwhile. */
    public record Waited<T>(FileLock lock, T found) {
    }

    /**
     * {@link #acquire}, for a lock that guards the making of something a waiter can read without it (a cache entry
     * written whole, by a rename): while the lock is busy, {@code find} is asked at every poll, and what it finds ends
     * the wait. Waiting for the lock itself would have the waiters take it one after another, each to read what the
     * holder wrote: a burst of 32 callers on one entry spent ~0.3 s in that queue after the fetch
     * (docs/performance.md); this way every waiter answers within one poll of the write.
     */
    public static <T> Waited<T> acquireOrFind(Path lockFile, Duration timeout, Clock clock, String whoAmI,
                                              java.util.function.Consumer<String> onWait,
                                              java.util.function.Supplier<java.util.Optional<T>> find)
            throws IOException, TimeoutException {
        Finder<T> finder = new Finder<>(find);
        FileLock lock = take(lockFile, timeout, clock, whoAmI, onWait, finder);
        return new Waited<>(lock, lock == null ? finder.found : null);
    }

    /** Asks its supplier and keeps what it found. A class, not a lambda: see {@link #acquire}. */
    private static final class Finder<T> {
        private final java.util.function.Supplier<java.util.Optional<T>> find;
        private T found;

        Finder(java.util.function.Supplier<java.util.Optional<T>> find) {
            this.find = find;
        }

        boolean found() {
            java.util.Optional<T> f = find.get();
            if (f.isPresent()) {
                found = f.get();
            }
            return f.isPresent();
        }
    }

    /** The lock; null only when {@code finder} (if any) found what we waited for first. */
    private static FileLock take(Path lockFile, Duration timeout, Clock clock, String whoAmI,
                                 java.util.function.Consumer<String> onWait, Finder<?> finder)
            throws IOException, TimeoutException {
        long deadline = deadline(clock, timeout);
        // No lambda (computeIfAbsent's): the first JVM of a cache miss comes here, and the first lambda of a JVM
        // costs it ~5 ms of invokedynamic set-up (docs/performance.md).
        Path key = lockFile.toAbsolutePath();
        ReentrantLock local = IN_PROCESS.get(key);
        if (local == null) {
            ReentrantLock fresh = new ReentrantLock();
            local = IN_PROCESS.putIfAbsent(key, fresh);
            if (local == null) {
                local = fresh;
            }
        }
        boolean waited = false;
        try {
            if (!local.tryLock()) {
                waited = true;
                tell(onWait, lockFile);
                // Another thread of this JVM holds it: the JVM times the wait; with something to look for, in steps of
                // a poll, looking between them, for the same time in all.
                long left = Math.max(0, deadline - clock.millis());
                if (finder == null) {
                    if (!local.tryLock(left, TimeUnit.MILLISECONDS)) {
                        throw new TimeoutException(holder(lockFile));
                    }
                } else {
                    while (!local.tryLock(Math.min(POLL_MILLIS, left), TimeUnit.MILLISECONDS)) {
                        if (finder.found()) {
                            return null;
                        }
                        left -= POLL_MILLIS;
                        if (left <= 0) {
                            throw new TimeoutException(holder(lockFile));
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException(holder(lockFile));
        }
        // Our parent holds the OS lock for us; or this thread holds it already, through an outer FileLock it keeps
        // open (the front door holds an entry's lock through the fetch: cli.FastPath): the in-process count only.
        if (key.equals(inherited) || local.getHoldCount() > 1) {
            return new FileLock(null, null, local, waited);
        }
        FileChannel channel = null;
        try {
            boolean told = waited;
            java.io.File file = lockFile.toFile();
            if (finder != null && heldElsewhere(file)) {
                // A holder at work says so in its line: watch for what it makes without opening a file channel. A
                // waiter of a burst then never sets up a file channel and its lock table (~2 ms of each of 31 waiters'
                // CPU on two cores: docs/performance.md). The line is a hint, never the lock: once it is cleared or
                // old, the OS lock below decides.
                waited = true;
                tell(onWait, lockFile);
                told = true;
                do {
                    if (polledAndFound(lockFile, deadline, clock, finder)) {
                        local.unlock();
                        return null;
                    }
                } while (heldElsewhere(file));
            }
            SecretFiles.createPrivateDirectories(lockFile.toAbsolutePath().getParent());
            channel = open(lockFile);
            while (true) {
                java.nio.channels.FileLock l;
                try {
                    l = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l != null) {
                    writeHolder(channel, whoAmI);
                    return new FileLock(channel, l, local, waited);
                }
                waited = true;
                if (!told) {
                    tell(onWait, lockFile);
                    told = true;
                }
                if (polledAndFound(lockFile, deadline, clock, finder)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw new TimeoutException(holder(lockFile));
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
        // What we waited for is there: let go of the lock we never took.
        try {
            channel.close();
        } catch (IOException e) {
            // no lock was taken on it; the OS closes it at exit at the latest
        } finally {
            local.unlock();
        }
        return null;
    }

    /**
     * Declares that the process that started us holds the OS lock at {@code lockFile} on our behalf and keeps it
     * until we exit: {@link #acquire} then takes only the in-process lock for that file. Without this, the second
     * JVM of a cache miss would wait for its own parent until the timeout.
     */
    public static void inherit(Path lockFile) {
        inherited = lockFile == null ? null : lockFile.toAbsolutePath(); // null: none (tests)
    }

    /**
     * One step of a wait: a timeout past {@code deadline}, else a poll's sleep and then whether {@code finder} (if
     * any) has what we wait for.
     */
    private static boolean polledAndFound(Path lockFile, long deadline, Clock clock, Finder<?> finder)
            throws TimeoutException, InterruptedException {
        if (clock.millis() >= deadline) {
            throw new TimeoutException(holder(lockFile));
        }
        Thread.sleep(POLL_MILLIS);
        return finder != null && finder.found();
    }

    /** Now plus {@code timeout}, in the clock's milliseconds; a timeout too long to count is forever. */
    private static long deadline(Clock clock, Duration timeout) {
        long now = clock.millis();
        try {
            return Math.addExact(now, timeout.toMillis());
        } catch (ArithmeticException e) {
            return timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Whether the lock file carries the line of a holder at work: written within {@link #HOLDER_LINE_MILLIS}, naming a
     * process that is alive. A holder writes its line when it takes the lock and clears it before letting go
     * ({@link #close}); a holder that was killed, or an older ssocred that never cleared its line, names a process
     * that is gone. A stat, a read of a few bytes and a stat of /proc, no file channel: this is what a burst's waiters
     * ask 40 times a second. The age bounds what a reused process id could cost; where /proc does not list processes,
     * or lists another PID namespace's (a container sharing the HOME), the line is not believed and the OS lock
     * decides, as it always does in the end. The file's time is the kernel's, so it is compared with the system
     * clock, not the injected one. Only a regular file is read (a link is followed: the directory is the user's own,
     * 0700, so only they could have put one there).
     */
    static boolean heldElsewhere(java.io.File lockFile) {
        long age = System.currentTimeMillis() - lockFile.lastModified(); // 0 when missing: very old
        if (age >= HOLDER_LINE_MILLIS || age <= -HOLDER_LINE_MILLIS || !lockFile.isFile()) {
            return false;
        }
        byte[] line = new byte[200];
        int n;
        try (java.io.FileInputStream in = new java.io.FileInputStream(lockFile)) {
            n = in.read(line);
        } catch (IOException e) {
            return false;
        }
        long pid = pidIn(line, n);
        return pid > 0 && new java.io.File("/proc/" + pid).exists();
    }

    /**
     * The N of the last "(pid N)" in {@code line}'s first {@code n} bytes, else 0: {@link #describeSelf} puts it at the
     * end, after what the holder does, which may name a profile.
     */
    static long pidIn(byte[] line, int n) {
        byte[] mark = {'(', 'p', 'i', 'd', ' '};
        outer:
        for (int i = n - mark.length; i >= 0; i--) {
            for (int k = 0; k < mark.length; k++) {
                if (line[i + k] != mark[k]) {
                    continue outer;
                }
            }
            long pid = 0;
            int d = i + mark.length;
            for (; d < n && d - i - mark.length < 18 && line[d] >= '0' && line[d] <= '9'; d++) {
                pid = pid * 10 + (line[d] - '0');
            }
            return d < n && line[d] == ')' && d > i + mark.length ? pid : 0;
        }
        return 0;
    }

    /** Whether another holder had the lock when we asked: then the thing it guards may have changed meanwhile. */
    public boolean waited() {
        return waited;
    }

    /**
     * Releases the lock. Never throws: callers catch IOException from {@link #acquire} to go on without a lock, and
     * a failure here must not make them redo the work they just did under it. The OS drops the lock with the
     * channel, or at exit at the latest.
     */
    @Override
    public void close() {
        if (channel == null) { // inherited: the parent releases the OS lock
            local.unlock();
            return;
        }
        try {
            // Clear our line while we still hold the lock (a newer holder's is never touched): waiters watching it
            // (heldElsewhere) turn to the OS lock at once. Leave the file in place: deleting it would let a waiter
            // lock an unlinked inode while a newcomer locks a fresh file under the same name, and both would believe
            // they hold the lock.
            channel.truncate(0);
        } catch (IOException e) {
            // the line stays: waiters believe it for HOLDER_LINE_MILLIS at most
        }
        try {
            lock.release();
        } catch (IOException e) {
            // released with the channel below
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do; the OS releases it at exit
            }
            local.unlock();
        }
    }

    /**
     * Opens (or creates, rw-------) the lock file without following a symbolic link and without truncating: a link
     * planted in its place fails to open (the caller goes on without the lock, with a warning) and its target is
     * never touched.
     */
    private static FileChannel open(Path lockFile) throws IOException {
        java.util.Set<java.nio.file.OpenOption> options = java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        try {
            return FileChannel.open(lockFile, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(lockFile, options);
        }
    }

    /** Only while holding the lock on the file we opened ourselves (no link followed) is it rewritten. */
    private static void writeHolder(FileChannel channel, String whoAmI) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((whoAmI + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    }

    /** Tells {@code onWait} who holds the lock, unless it is {@link #QUIET}: the waiters of a burst read nothing. */
    private static void tell(java.util.function.Consumer<String> onWait, Path lockFile) {
        if (onWait != QUIET) {
            onWait.accept(holder(lockFile));
        }
    }

    /** What the holder wrote: at most one short line, printable characters only, and never through a link. */
    static String holder(Path lockFile) { // package-private for its test
        try (var ch = Files.newByteChannel(lockFile, StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate(200);
            ch.read(buf);
            String s = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            s = printable(nl < 0 ? s : s.substring(0, nl)).strip();
            return s.isEmpty() ? "another ssocred process" : s;
        } catch (IOException e) {
            return "another ssocred process";
        }
    }

    /** {@code s} with each ASCII control character (regex {@code \\p{Cntrl}}: U+0000-U+001F, U+007F) as '?'. */
    static String printable(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] < 0x20 || chars[i] == 0x7f) {
                chars[i] = '?';
            }
        }
        return new String(chars);
    }

    /** The hidden lock beside a file we rewrite whole: {@code ~/.aws/.config.lock} for {@code ~/.aws/config}. */
    public static Path besideFile(Path file) {
        return file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".lock");
    }

    /** "ssocred process (pid 1234)": how a holder describes itself. */
    public static String describeSelf(String what) {
        return what + " (pid " + pid() + ")";
    }

    /**
     * This process's id: the target of /proc/self where there is one, since ProcessHandle's set-up runs the JVM's
     * first lambdas (~5 ms of a cache miss: docs/performance.md); else ProcessHandle's.
     */
    static long pid() {
        try {
            return Long.parseLong(Path.of("/proc/self").toRealPath().getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }

}
