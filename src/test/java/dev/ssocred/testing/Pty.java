package dev.ssocred.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command on a real pseudo-terminal, as a person runs it: util-linux {@code script} allocates the pty, so the
 * program sees a terminal on stdin, stdout and stderr, Ctrl-C becomes SIGINT through the line discipline, and we
 * read what the screen would show.
 */
public final class Pty implements AutoCloseable {
    private final Process process;
    private final OutputStream keys;
    private final StringBuffer screen = new StringBuffer();

    private Pty(Process process) {
        this.process = process;
        this.keys = process.getOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream()), "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code shellCommand} (a {@code sh -c} line) on a new pty with exactly {@code env}. */
    public static Pty start(Map<String, String> env, String shellCommand) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qfec", shellCommand, "/dev/null"));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("SHELL", "/bin/sh");
        pb.redirectErrorStream(true);
        return new Pty(pb.start());
    }

    private void copy(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Everything shown so far, escape sequences included. */
    public String screen() {
        return screen.toString();
    }

    /** Waits until the screen matches {@code regex}, and returns the match's first group (or the whole match). */
    public String await(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            Matcher m = p.matcher(screen);
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive() && p.matcher(screen).results().findAny().isEmpty()) {
                Thread.sleep(200); // let the reader drain what the process wrote last
                m = p.matcher(screen);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                throw new AssertionError("exited (" + process.exitValue() + ") without showing /" + regex + "/:\n" + screen);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not shown within " + timeout + ": /" + regex + "/\n" + screen);
    }

    /** Types {@code text}; "\u0003" is Ctrl-C. */
    public void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + ":\n" + screen);
        }
        Thread.sleep(100);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
