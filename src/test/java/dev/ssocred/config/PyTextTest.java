package dev.ssocred.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Python's str.isspace() and str.splitlines() at every edge of their ranges; expected values printed by Python 3.11. */
class PyTextTest {
    @Test
    void isSpaceAgreesWithPythonAtEachEdgeOfItsRanges() {
        int[] spaces = {0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2005,
            0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000};
        int[] others = {0x8, 0xe, 0x1b, 0x21, 0x84, 0x86, 0x9f, 0xa1, 0x167f, 0x1681, 0x1fff, 0x200b, 0x2027, 0x202a,
            0x202e, 0x2030, 0x205e, 0x2060, 0x2fff, 0x3001, 'a'};
        for (int c : spaces) {
            assertEquals(true, PyText.isSpace((char) c), Integer.toHexString(c));
        }
        for (int c : others) {
            assertEquals(false, PyText.isSpace((char) c), Integer.toHexString(c));
        }
        assertEquals("x y", PyText.strip("\u3000\t x y \u2028\u00a0"));
        assertEquals("\u3000 x", PyText.rstrip("\u3000 x \u205f"));
        assertEquals("", PyText.strip(" \u2000 "));
    }

    @Test
    void splitlinesBreaksWherePythonDoes() {
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i\u001fj", "k", "l", "m"), PyText.splitlines(
                "a\nb\r\nc\rd\u000be\u000cf\u001cg\u001dh\u001ei\u001fj\u0085k\u2028l\u2029m\r"));
        assertEquals(List.of("x"), PyText.splitlines("x\n"));
        assertEquals(List.of(), PyText.splitlines(""));
        assertEquals(List.of("", ""), PyText.splitlines("\n\n"));
        assertEquals(List.of("", ""), PyText.splitlines("\r\r\n"));
    }
}
