package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The line ending added lines get: the one most lines of the file already use. */
class TextFilesTest {
    @Test
    void theMostUsedLineEndingWinsAndLfWhenThereIsNone() {
        assertEquals("\n", TextFiles.dominantNewline(""));
        assertEquals("\n", TextFiles.dominantNewline("no ending"));
        assertEquals("\r\n", TextFiles.dominantNewline("a\r\nb\r\nc\n"));
        assertEquals("\n", TextFiles.dominantNewline("a\r\nb\nc\n"));
        assertEquals("\n", TextFiles.dominantNewline("a\r\nb\n"), "a tie between CRLF and LF: LF");
        assertEquals("\r\n", TextFiles.dominantNewline("a\r\nb\r"), "a tie between CRLF and CR: CRLF");
        assertEquals("\r", TextFiles.dominantNewline("a\rb\rc\n"));
        assertEquals("\n", TextFiles.dominantNewline("a\rb\n"), "a tie between CR and LF: LF");
        assertEquals("\r\n", TextFiles.dominantNewline("\r\n"));
        assertEquals("\r", TextFiles.dominantNewline("x\r"), "a CR at the very end is not half of a CRLF");
    }
}
