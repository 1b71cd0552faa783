package dev.ssocred.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes files that hold secrets: a temp file in the same directory, created rw-------, written and fsynced, then
 * renamed over the target in one step. A reader (or a process killed mid-write) sees the old file or the new one,
 * never half of either. Directories we create are rwx------.
 */
public final class SecretFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final long ABANDONED_AFTER_MILLIS = 60_000;
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private SecretFiles() {
    }

    /**
     * Atomically replaces {@code target} with {@code content}. A symbolic link at {@code target} is replaced by the
     * file, never followed: caches are ours, and a link there was planted. {@code warnings} hears, once the new
     * file is in place, about an old one that others could read (the replacement narrows it to 0600).
     */
    public static void write(Path target, byte[] content, Consumer<String> warnings, String display) throws IOException {
        write(target, content, warnings, display, false);
    }

    /**
     * As above; with {@code followLink}, a symbolic link at {@code target} (a dotfile repository's
     * ~/.aws/credentials) is written through: the temp file goes beside the link's target, the link stays, and a
     * target that is missing or not a regular file is refused.
     */
    public static void write(Path target, byte[] content, Consumer<String> warnings, String display, boolean followLink)
            throws IOException {
        Path real = followLink ? linkTarget(target, display) : target;
        Path dir = real.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        String wasOpen = null;
        if (POSIX && Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(real, LinkOption.NOFOLLOW_LINKS);
            if (!FILE_MODE.containsAll(mode)) {
                wasOpen = PosixFilePermissions.toString(mode);
            }
        }
        replace(real, dir, content);
        if (wasOpen != null) {
            warnings.accept(display + " was readable by others (mode " + wasOpen + "); it is now rw-------");
        }
    }

    private static Path linkTarget(Path target, String display) throws IOException {
        if (!Files.isSymbolicLink(target)) {
            return target;
        }
        Path real;
        try {
            real = target.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(display + " is a symbolic link to " + Files.readSymbolicLink(target)
                    + ", which does not exist");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(display + " is a symbolic link to " + real + ", which is not a regular file");
        }
        return real;
    }

    /**
     * Atomically replaces a file that holds no secret but is the user's ({@code ~/.aws/config}): same temp file and
     * rename, written through a dotfile link, and the file keeps the mode it had (new files are rw-------).
     */
    public static void replaceKeepingMode(Path target, byte[] content, String display) throws IOException {
        Path real = linkTarget(target, display);
        Path dir = real.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        Set<PosixFilePermission> mode = POSIX && Files.exists(real, LinkOption.NOFOLLOW_LINKS)
                ? Files.getPosixFilePermissions(real, LinkOption.NOFOLLOW_LINKS) : FILE_MODE;
        replace(real, dir, content, mode);
    }

    private static void replace(Path target, Path dir, byte[] content) throws IOException {
        replace(target, dir, content, FILE_MODE);
    }

    private static void replace(Path target, Path dir, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        removeAbandonedTempFiles(dir, target.getFileName().toString());
        Path tmp = createTemp(dir, target.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (POSIX && !mode.equals(FILE_MODE)) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new empty file {@code .<target>.<random>.tmp} in {@code dir}, mode 0600, created exclusively (O_EXCL: an
     * existing file or a planted link there is never opened). Not {@link Files#createTempFile}: its name comes from
     * a SecureRandom, and setting up the JDK's security providers for it cost a credentials fetch ~8 ms. The name
     * needs to be unique, not secret: exclusive creation is what makes it safe.
     */
    static Path createTemp(Path dir, String target) throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target + "." + Long.toUnsignedString(random.nextLong()) + ".tmp");
            try {
                return POSIX ? Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE_MODE)) : Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * A writer killed between creating its temp file and renaming it leaves the temp file behind. Ours are named
     * {@code .<target>.<random>.tmp}; one older than a minute belongs to no live writer. Matched by the name's two ends,
     * not a glob: a glob is compiled to a regex on every write (~20 classes of java.util.regex in a miss's archive),
     * and a target's name could hold the glob's own metacharacters ({@code [}, <code>{</code>, {@code *}).
     */
    private static void removeAbandonedTempFiles(Path dir, String target) {
        removeAbandonedTempFiles(dir, target, System.currentTimeMillis());
    }

    /** The same at {@code nowMillis} (package-private for its test: a boundary needs a fixed now). */
    static void removeAbandonedTempFiles(Path dir, String target, long nowMillis) {
        long cutoff = nowMillis - ABANDONED_AFTER_MILLIS;
        String prefix = "." + target + ".";
        DirectoryStream.Filter<Path> ours = new DirectoryStream.Filter<>() {
            @Override
            public boolean accept(Path p) {
                String name = p.getFileName().toString();
                return name.length() >= prefix.length() + 4 && name.startsWith(prefix) && name.endsWith(".tmp");
            }
        };
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, ours)) {
            for (Path p : stream) {
                if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // best effort: leftovers are harmless, only untidy
        }
    }

    /** Creates missing directories rwx------; existing ones are left as they are. */
    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                Files.setPosixFilePermissions(dir, DIR_MODE); // the umask may have narrowed nothing, but be exact
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another process made it first: fine
        }
    }
}
