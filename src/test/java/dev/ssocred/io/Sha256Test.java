package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
    private static String hex(String s) {
        return HexFormat.of().formatHex(Sha256.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void knownVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    @Test
    void agreesWithMessageDigestOnEveryLengthAroundTheBlockBoundaries() throws Exception {
        Random random = new Random(11);
        for (int len = 0; len < 300; len++) {
            byte[] message = new byte[len];
            random.nextBytes(message);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(message), Sha256.digest(message), "length " + len);
        }
    }
}
