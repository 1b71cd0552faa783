package dev.ssocred.io;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reading user files strictly as UTF-8 and writing secret JSON, with errors that name the file and the fix. */
public final class TextFiles {
    private TextFiles() {
    }

    /** The file's text, or empty when it does not exist. Invalid UTF-8 is an error, never silently replaced. */
    public static Optional<String> readUtf8(Path file, String display) {
        try {
            return readText(file);
        } catch (CharacterCodingException e) {
            throw SsocredException.config(display + " is not valid UTF-8 text", "save " + display + " as UTF-8");
        } catch (IOException e) {
            throw SsocredException.config("cannot read " + display + ": " + e.getMessage(),
                    "check the permissions of " + display);
        }
    }

    /**
     * The file's text as strict UTF-8, or empty when it does not exist; for callers that report a failure their own
     * way (a cache entry that is only a cache). Invalid UTF-8 throws a {@link CharacterCodingException}.
     */
    public static Optional<String> readText(Path file) throws IOException {
        Optional<byte[]> bytes = readBytes(file);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(utf8(bytes.get()));
    }

    /**
     * The file's bytes (following links, as {@code Files.readAllBytes}), or empty when it does not exist.
     * Read through java.io, not NIO: a file channel costs a credential_process call ~35 classes, the networking
     * library (NIO's {@code IOUtil} loads it) and a direct buffer, ~0.6 ms of a 30 ms call, on a path that reads two
     * small files (docs/performance.md). java.io says "not found" for a missing file and a denied one alike, so
     * a failed open asks the file system which it was: only a file known not to exist is absent, and one behind a
     * directory we may not search stays an error, as it was through NIO.
     */
    static Optional<byte[]> readBytes(Path file) throws IOException {
        java.io.File f = file.toFile();
        if (!f.exists() && notListed(f)) {
            return Optional.empty();
        }
        FileInputStream in;
        try {
            in = new FileInputStream(f);
        } catch (FileNotFoundException e) {
            if (Files.notExists(file)) {
                return Optional.empty();
            }
            throw e;
        }
        try (in) {
            return Optional.of(in.readAllBytes());
        }
    }

    /**
     * True when {@code f}'s directory can be listed and holds no entry of its name: a file that is simply missing,
     * such as the ~/.aws/credentials an SSO user never made, known without the failed open and the NIO look in
     * {@link #readBytes} (an exception each, ~0.15 ms of a credential_process call). A name that is listed but not
     * there to java.io (a dangling or looping link) and a directory we cannot list still go that way.
     */
    private static boolean notListed(java.io.File f) {
        java.io.File dir = f.getAbsoluteFile().getParentFile();
        String[] names = dir == null ? null : dir.list();
        if (names == null) {
            return false;
        }
        String name = f.getName();
        for (String n : names) {
            if (n.equals(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code bytes} as strict UTF-8: malformed input throws instead of becoming U+FFFD. ASCII, which config files
     * and caches nearly always are, is decoded without a {@link java.nio.charset.CharsetDecoder} (six classes fewer
     * on a credential_process call).
     */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        for (byte b : bytes) {
            if (b < 0) {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes {@code json} as the AWS CLI does (Python's json.dumps: one line, no trailing newline) through
     * {@link SecretFiles#write}: atomic, rw-------.
     */
    public static void writeSecretJson(Path file, Map<String, Object> json, Consumer<String> warnings, String display,
                                       String dirDisplay) {
        try {
            SecretFiles.write(file, PyJson.DEFAULT.dumps(json).getBytes(StandardCharsets.UTF_8), warnings, display);
        } catch (IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot write " + display + ": " + e.getMessage(),
                    "check that " + dirDisplay + " is a writable directory");
        }
    }

    /** The line ending most lines of {@code text} use (LF when there is none), for lines added to it. */
    public static String dominantNewline(String text) {
        int crlf = 0;
        int lf = 0;
        int cr = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                crlf++;
                i++;
            } else if (c == '\n') {
                lf++;
            } else if (c == '\r') {
                cr++;
            }
        }
        return crlf > lf && crlf >= cr ? "\r\n" : cr > lf ? "\r" : "\n";
    }
}
