package dev.ssocred.doctor;

import java.util.List;

/**
 * One thing {@code ssocred doctor} found: where ({@code ~/.aws/config:14} or a path), what is wrong, and the exact fix.
 * {@code edits} are the safe fixes {@code doctor --fix} applies to the config file; {@code chmod} a mode to set.
 */
public record Finding(String where, String what, String fix, List<TextEdit> edits, ModeFix chmod) {

    public static Finding advice(String where, String what, String fix) {
        return new Finding(where, what, fix, List.of(), null);
    }

    public boolean fixable() {
        return !edits.isEmpty() || chmod != null;
    }

    /** A mode to give a path ({@code 700} for a cache directory). */
    public record ModeFix(java.nio.file.Path path, String mode) {
    }
}
