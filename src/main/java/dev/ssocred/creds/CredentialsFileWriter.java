package dev.ssocred.creds;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.CredentialsFileEditor;
import dev.ssocred.config.IniFile;
import dev.ssocred.config.IniParser;
import dev.ssocred.io.FileLock;
import dev.ssocred.io.SecretFiles;
import dev.ssocred.io.TextFiles;
import dev.ssocred.io.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts temporary credentials into one section of ~/.aws/credentials for tools that read only that file. The rest
 * of the file is kept byte for byte, the write is atomic and the file ends up rw-------.
 */
public final class CredentialsFileWriter {
    /** Not read by the SDKs; tells people (and ssocred) when the keys stop working. */
    public static final String EXPIRATION_KEY = "aws_session_expiration";

    private final Path file;
    private final String display;
    private final Consumer<String> warnings;
    private final java.time.Clock clock;
    private final java.time.Duration lockTimeout;

    public CredentialsFileWriter(Path file, String display, Consumer<String> warnings, java.time.Clock clock,
                                 java.time.Duration lockTimeout) {
        this.file = file;
        this.display = display;
        this.warnings = warnings;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
    }

    /**
     * Writes {@code creds} into {@code [section]}; refuses to replace long-term keys unless {@code force}. Read, edit
     * and replace happen under a lock ({@code .credentials.lock} beside the file), so parallel writers of different
     * sections all land instead of the last one's copy erasing the others'.
     */
    public void write(String section, RoleCredentials creds, boolean force) {
        Path lockFile = FileLock.besideFile(file);
        try (FileLock lock = FileLock.acquire(lockFile, lockTimeout, clock,
                FileLock.describeSelf("ssocred writing [" + section + "] of " + display), holder -> { })) {
            writeLocked(section, creds, force);
        } catch (FileLock.TimeoutException e) {
            throw new SsocredException(ExitCode.TIMEOUT, "timed out after " + lockTimeout.toSeconds() + " s waiting for "
                    + e.holder() + " to finish writing " + display, "retry; the lock frees itself when that process exits");
        } catch (IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot lock " + lockFile + " to write " + display + ": "
                    + e.getMessage(), "check the permissions of " + display + "'s directory");
        }
    }

    private void writeLocked(String section, RoleCredentials creds, boolean force) {
        String text = read();
        IniFile parsed = IniParser.parse(text, display);
        parsed.section(section).ifPresent(s -> {
            if (!force && s.get("aws_access_key_id").isPresent() && s.get("aws_session_token").isEmpty()) {
                throw new SsocredException(ExitCode.USAGE, "[" + section + "] in " + display + " (line " + s.line()
                        + ") holds long-term access keys; ssocred will not overwrite them",
                        "pass --as OTHER_NAME to write elsewhere, or --force to replace them");
            }
        });
        Map<String, String> values = new LinkedHashMap<>();
        values.put("aws_access_key_id", creds.accessKeyId());
        values.put("aws_secret_access_key", creds.secretAccessKey());
        if (creds.sessionToken() != null) {
            values.put("aws_session_token", creds.sessionToken());
        }
        values.put(EXPIRATION_KEY, Timestamps.format(creds.expiration()));
        values.forEach((k, v) -> {
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                // Only a broken or hostile answer from the service can do this; the file cannot hold it.
                throw new SsocredException(ExitCode.AWS, "the credentials IAM Identity Center returned hold a line break "
                        + "in " + k + ", which " + display + " cannot store", "retry; 'ssocred env --format json' "
                        + "shows such values exactly");
            }
        });
        String updated = CredentialsFileEditor.upsert(text, display, section, values);
        try {
            // A linked ~/.aws/credentials (a dotfile repository's) is written through; the link stays.
            SecretFiles.write(file, updated.getBytes(StandardCharsets.UTF_8), warnings, display, true);
        } catch (IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot write " + display + ": " + e.getMessage(),
                    "check the permissions of " + display + " and its directory");
        }
    }

    private String read() {
        return TextFiles.readUtf8(file, display).orElse("");
    }
}
