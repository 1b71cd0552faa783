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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock shared by every ssocred process on the machine: an OS file lock on a {@code .lock} file
 * beside the cache entry. The OS drops the lock when its holder dies, so a killed process never blocks the next
 * one. Waiting is bounded; the holder writes who it is into the file so that a waiter can say what it waits for.
 * Threads of one JVM are serialised too (the OS lock belongs to the process, not the thread).
 */
public final class FileLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(25);
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
        Instant deadline = clock.instant().plus(timeout);
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
                long left = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
                if (finder == null) {
                    if (!local.tryLock(left, TimeUnit.MILLISECONDS)) {
                        throw new TimeoutException(holder(lockFile));
                    }
                } else {
                    while (!local.tryLock(Math.min(POLL.toMillis(), left), TimeUnit.MILLISECONDS)) {
                        if (finder.found()) {
                            return null;
                        }
                        left -= POLL.toMillis();
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
            SecretFiles.createPrivateDirectories(lockFile.toAbsolutePath().getParent());
            channel = open(lockFile);
            boolean told = waited;
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
                if (!clock.instant().isBefore(deadline)) {
                    throw new TimeoutException(holder(lockFile));
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TimeoutException(holder(lockFile));
                }
                if (finder != null && finder.found()) {
                    break;
                }
            }
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
            // Leave the file in place: deleting it would let a waiter lock an unlinked inode while a newcomer locks
            // a fresh file under the same name, and both would believe they hold the lock.
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
