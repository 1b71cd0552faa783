package dev.ssocred.io;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a cache file can only have been written by us: it is a regular file (not a link), and it and its directory
 * belong to us (or root) and are not writable by group or others. A role credential or a token from a file another
 * user could have written would run our commands in their account, so such files are not used.
 */
public final class Provenance {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final Integer SELF = self();

    private Provenance() {
    }

    /** Why {@code file} could have been written by someone else, or empty when only we (or root) could have. */
    public static Optional<String> doubt(Path file, java.util.function.Function<Path, String> display) {
        if (SELF == null) {
            return Optional.empty(); // not a POSIX system with /proc: nothing to check with
        }
        try {
            Map<String, Object> f = java.nio.file.Files.readAttributes(file, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) f.get("mode");
            if ((mode & S_IFMT) != S_IFREG) {
                return Optional.of("it is not a regular file (a symbolic link?)");
            }
            Optional<String> fileDoubt = doubt((Integer) f.get("uid"), mode, "it");
            if (fileDoubt.isPresent()) {
                return fileDoubt;
            }
            Path dir = file.toAbsolutePath().getParent();
            Map<String, Object> d = java.nio.file.Files.readAttributes(dir, "unix:uid,mode");
            return doubt((Integer) d.get("uid"), (Integer) d.get("mode"), "its directory " + display.apply(dir));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable attributes: the read that follows reports the real problem
        }
    }

    private static Optional<String> doubt(int uid, int mode, String what) {
        if (uid != SELF && uid != 0) {
            return Optional.of(what + " belongs to another user (uid " + uid + ")");
        }
        if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
            return Optional.of(what + " is writable by " + ((mode & 0002) != 0 ? "everyone" : "its group") + " (mode "
                    + Integer.toOctalString(mode & 07777) + ")");
        }
        return Optional.empty();
    }

    /** Our effective uid: the owner of /proc/self on Linux; null elsewhere. */
    private static Integer self() {
        try {
            return (Integer) java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
