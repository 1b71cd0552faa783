package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Utf8Writer writes the bytes the JDK's OutputStreamWriter wrote for the same calls, and only when flushed. */
class Utf8WriterTest {
    private static final String POOL = "aZ09 \n\"\\\u0000\u007f\u00e9\u2603\ud83d\ude00\ud800\udfff";

    @Test
    void theBytesAreOutputStreamWritersForAnyTextCutAnywhere() throws Exception {
        Random random = new Random(1129);
        for (int n = 0; n < 500; n++) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            ByteArrayOutputStream jdks = new ByteArrayOutputStream();
            try (PrintWriter a = new PrintWriter(new Utf8Writer(ours));
                 PrintWriter b = new PrintWriter(new OutputStreamWriter(jdks, StandardCharsets.UTF_8))) {
                for (int calls = random.nextInt(6); calls >= 0; calls--) {
                    // Sometimes past the buffer, so that a pair can straddle its end.
                    int length = random.nextInt(4) == 0 ? 8190 + random.nextInt(20) : random.nextInt(30);
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        text.append(POOL.charAt(random.nextInt(POOL.length())));
                    }
                    String s = text.toString();
                    switch (random.nextInt(3)) {
                        case 0 -> {
                            a.print(s);
                            b.print(s);
                        }
                        case 1 -> {
                            a.write(s.toCharArray(), 0, s.length());
                            b.write(s.toCharArray(), 0, s.length());
                        }
                        default -> {
                            for (char c : s.toCharArray()) {
                                a.write(c);
                                b.write(c);
                            }
                        }
                    }
                }
            }
            assertArrayEquals(jdks.toByteArray(), ours.toByteArray(), "case " + n);
        }
    }

    @Test
    void aPairCutAcrossTwoWritesStaysOneCharacterAndALoneHalfBecomesAQuestionMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Writer w = new Utf8Writer(bytes)) {
            w.write("x".repeat(8191) + "\ud83d");
            w.write("\ude00 \ud83d");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("x".repeat(8191) + "\ud83d\ude00 ?", text);
    }

    @Test
    void nothingIsWrittenBeforeAFlushUnlessABufferIsFull() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new Utf8Writer(bytes));
        out.print("{\"Version\": 1}");
        assertEquals(0, bytes.size(), "a short answer waits for the flush");
        out.flush();
        assertEquals("{\"Version\": 1}", bytes.toString(StandardCharsets.UTF_8));
        out.print("y".repeat(9000));
        assertTrue(bytes.size() >= 8192, "a full buffer goes out by itself");
        PrintWriter err = new PrintWriter(new Utf8Writer(bytes), true);
        bytes.reset();
        err.println("Waiting for the browser");
        assertEquals("Waiting for the browser" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8),
                "stderr's autoflush still flushes each line");
    }
}
