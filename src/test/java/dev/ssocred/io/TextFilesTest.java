package dev.ssocred.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.SsocredException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading user files (missing is empty, strict UTF-8, errors that name the file) and the line ending added lines get.
 */
class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileADanglingLinkAndAMissingDirectoryReadAsAbsent() throws Exception {
        assertEquals(Optional.empty(), TextFiles.readUtf8(dir.resolve("config"), "~/.aws/config"));
        assertEquals(Optional.empty(), TextFiles.readBytes(dir.resolve("no/such/dir/config")));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertEquals(Optional.empty(), TextFiles.readBytes(dir.resolve("dangling")));
    }

    @Test
    void aLinkTheUserMadeIsFollowedAndTheBytesComeBackWhole() throws Exception {
        byte[] big = new byte[200_000]; // more than one read's buffer
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        Files.write(dir.resolve("dotfiles-config"), big);
        Files.createSymbolicLink(dir.resolve("config"), dir.resolve("dotfiles-config"));
        assertTrue(java.util.Arrays.equals(big, TextFiles.readBytes(dir.resolve("config")).orElseThrow()));
        assertEquals(new String(big, StandardCharsets.US_ASCII), TextFiles.readUtf8(dir.resolve("config"), "c").get());
    }

    @Test
    void somethingThatIsThereButCannotBeReadIsAnErrorNamingTheFile() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        SsocredException e = assertThrows(SsocredException.class,
                () -> TextFiles.readUtf8(dir.resolve("config"), "~/.aws/config"));
        assertTrue(e.getMessage().startsWith("cannot read ~/.aws/config: "), e.getMessage());
        assertTrue(e.getMessage().contains("Is a directory"), e.getMessage());
        assertEquals("check the permissions of ~/.aws/config", e.hint());
        // A path the file system cannot follow (here through a regular file; for a user, a directory they may not
        // search) is an error as it was through NIO, not a missing file: only a file known not to exist is absent.
        Files.writeString(dir.resolve("plain"), "x");
        SsocredException through = assertThrows(SsocredException.class,
                () -> TextFiles.readUtf8(dir.resolve("plain/config"), "~/.aws/config"));
        assertTrue(through.getMessage().startsWith("cannot read ~/.aws/config: "), through.getMessage());
        // A link that loops is listed in its directory, so the shortcut for a missing file does not take it: an error
        // naming the file, as through NIO (a shortcut that only asked whether the directory is searchable fails here).
        Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        SsocredException loop = assertThrows(SsocredException.class,
                () -> TextFiles.readUtf8(dir.resolve("loop"), "~/.aws/config"));
        assertTrue(loop.getMessage().startsWith("cannot read ~/.aws/config: "), loop.getMessage());
    }

    @Test
    void utf8IsDecodedStrictlyWithOrWithoutNonAsciiBytes() throws Exception {
        assertEquals("[default]\nregion = eu-west-1\n",
                TextFiles.utf8("[default]\nregion = eu-west-1\n".getBytes(StandardCharsets.UTF_8)));
        String accents = "# caf\u00e9 \u2603 \ud83d\ude00\n[profile \u00fc]";
        assertEquals(accents, TextFiles.utf8(accents.getBytes(StandardCharsets.UTF_8)));
        assertEquals("", TextFiles.utf8(new byte[0]));
        // Latin-1 bytes, a sequence cut short, an overlong '/': each an error, never U+FFFD.
        for (byte[] bad : new byte[][] {{'c', 'a', 'f', (byte) 0xe9}, {(byte) 0xe2, (byte) 0x98},
                {(byte) 0xc0, (byte) 0xaf}}) {
            assertThrows(CharacterCodingException.class, () -> TextFiles.utf8(bad));
        }
        Files.write(dir.resolve("config"), new byte[] {'[', (byte) 0xff, ']'});
        SsocredException e = assertThrows(SsocredException.class,
                () -> TextFiles.readUtf8(dir.resolve("config"), "~/.aws/config"));
        assertEquals("~/.aws/config is not valid UTF-8 text", e.getMessage());
    }

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
