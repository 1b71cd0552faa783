package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha1Test {

    @Test
    void knownVectors() {
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", Sha1.hex(""));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", Sha1.hex("abc"));
        assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                Sha1.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    @Test
    void agreesWithMessageDigestOnEveryLengthAroundTheBlockBoundaries() throws Exception {
        Random random = new Random(7);
        for (int len = 0; len < 300; len++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) {
                sb.append((char) (random.nextInt(0x2FF) + 1)); // includes multi-byte UTF-8
            }
            String s = sb.toString();
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, Sha1.hex(s), "length " + len);
        }
    }
}
