package dev.ssocred.cli;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.io.FileLock;
import dev.ssocred.io.SecretFiles;
import dev.ssocred.io.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * How {@code populate} and {@code doctor --fix} change ~/.aws/config: under its lock ({@code .config.lock}), read it,
 * let {@code change} compute the new text (the same text: write nothing), and replace it atomically, keeping its
 * mode and, through a dotfile link, the link.
 */
final class ConfigEdit {
    private ConfigEdit() {
    }

    static void apply(Context ctx, String who, UnaryOperator<String> change) {
        Path file = ctx.paths().configFile();
        String display = ctx.display(file);
        try (FileLock lock = FileLock.acquire(FileLock.besideFile(file), ctx.lockTimeout(), ctx.clock(),
                FileLock.describeSelf(who + " of " + display), holder -> { })) {
            String text = TextFiles.readUtf8(file, display).orElse("");
            String updated = change.apply(text);
            if (!updated.equals(text)) {
                SecretFiles.replaceKeepingMode(file, updated.getBytes(StandardCharsets.UTF_8), display);
            }
        } catch (FileLock.TimeoutException e) {
            throw new SsocredException(ExitCode.TIMEOUT, "timed out waiting for " + e.holder() + " to finish writing "
                    + display, "retry; the lock frees itself when that process exits");
        } catch (IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot write " + display + ": " + e.getMessage(),
                    "check the permissions of " + display + " and its directory");
        }
    }
}
