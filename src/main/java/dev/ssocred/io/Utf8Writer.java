package dev.ssocred.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text onto a byte stream, as an {@code OutputStreamWriter} would write it (an unpaired surrogate becomes
 * {@code ?}), encoded by {@link String#getBytes} when flushed. The JDK's writer sets up a charset encoder and
 * converts through a CharBuffer, which a credential_process call runs interpreted twice over (stdout and stderr):
 * ~0.3 ms of a 30 ms call (docs/performance.md). Text waits here until a flush, or until there is a buffer's worth.
 */
public final class Utf8Writer extends Writer {
    private static final int BUFFER = 8192;
    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder();

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        pending.append(chars, off, len);
        spill();
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        pending.append(s, off, off + len);
        spill();
    }

    @Override
    public void write(int c) throws IOException {
        pending.append((char) c);
        spill();
    }

    /** Writes a buffer's worth, keeping a high surrogate whose pair has not come yet. */
    private void spill() throws IOException {
        if (pending.length() >= BUFFER) {
            int end = pending.length();
            if (Character.isHighSurrogate(pending.charAt(end - 1))) {
                end--;
            }
            out.write(pending.substring(0, end).getBytes(StandardCharsets.UTF_8));
            pending.delete(0, end);
        }
    }

    @Override
    public void flush() throws IOException {
        if (pending.length() > 0) {
            byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
            pending.setLength(0);
            out.write(bytes);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
