package dev.ssocred.sso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomBytesTest {
    @TempDir
    Path dir;

    @Test
    void theSystemSourceGivesDifferentBytesEachTime() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        RandomBytes.SYSTEM.fill(a);
        RandomBytes.SYSTEM.fill(b);
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(a, new byte[32]));
    }

    @Test
    void theDeviceIsWhatIsRead() throws Exception {
        byte[] known = new byte[40];
        for (int i = 0; i < known.length; i++) {
            known[i] = (byte) (i * 7);
        }
        Path device = Files.write(dir.resolve("device"), known);
        byte[] got = new byte[40];
        RandomBytes.from(device).fill(got);
        assertArrayEquals(known, got);
    }

    @Test
    void withoutTheDeviceOrWithTooFewBytesTheJdkGeneratorFillsIn() throws Exception {
        for (Path device : new Path[] {dir.resolve("none"), Files.write(dir.resolve("short"), new byte[3])}) {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            RandomBytes.from(device).fill(a);
            RandomBytes.from(device).fill(b);
            assertFalse(Arrays.equals(a, b), device.toString());
        }
    }

    @Test
    void aStateIsAVersion4Uuid() throws Exception {
        byte[] ones = new byte[16];
        Arrays.fill(ones, (byte) 0xff);
        assertEquals("ffffffff-ffff-4fff-bfff-ffffffffffff",
                RandomBytes.from(Files.write(dir.resolve("ones"), ones)).uuid());
        UUID u = UUID.fromString(RandomBytes.SYSTEM.uuid());
        assertEquals(4, u.version());
        assertEquals(2, u.variant());
    }

    @Test
    void theVerifierTakesOnlyBytesBelowAMultipleOfTheAlphabetSoEveryCharacterIsEquallyLikely() throws Exception {
        // 50 bytes that must be drawn again (198 and above), then 0..45: each fill gives 46 characters.
        byte[] bytes = new byte[96];
        Arrays.fill(bytes, 0, 50, (byte) 198);
        for (int i = 50; i < 96; i++) {
            bytes[i] = (byte) (i - 50 + (i % 2 == 0 ? 0 : 132)); // 0..45, odd ones shifted by two alphabets
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        StringBuilder expected = new StringBuilder();
        while (expected.length() < 64) {
            for (int i = 0; i < 46 && expected.length() < 64; i++) {
                expected.append(alphabet.charAt(i));
            }
        }
        Pkce p = Pkce.generate(RandomBytes.from(Files.write(dir.resolve("device"), bytes)));
        assertEquals(expected.toString(), p.verifier());
    }
}
