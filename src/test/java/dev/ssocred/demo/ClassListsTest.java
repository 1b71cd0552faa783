package dev.ssocred.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hit archive's class list, merged from what each recorded call loaded (Training.hitsList). */
class ClassListsTest {
    @TempDir
    Path dir;

    @Test
    void listsMergeInTheOrderFirstSeenWithOneHeaderAndEachLineOnce() throws Exception {
        Path hit = Files.writeString(dir.resolve("l.0"), "# NOTE: Do not modify this file.\n#\njava/lang/Object\n"
                + "dev/ssocred/Main\ndev/ssocred/cli/FastPath\n");
        Path miss = Files.writeString(dir.resolve("l.1"), "# NOTE: Do not modify this file.\n#\njava/lang/Object\n"
                + "dev/ssocred/Main\ndev/ssocred/aws/HttpPortalApi\n"
                + "@lambda-proxy sun/net/www/protocol/http/HttpURLConnection run ()V\n"
                + "dev/ssocred/cli/FastPath\n");
        Path into = dir.resolve("l");
        Training.mergeClassLists(List.of(hit, miss), into);
        assertEquals("# NOTE: Do not modify this file.\n#\njava/lang/Object\ndev/ssocred/Main\ndev/ssocred/cli/FastPath\n"
                + "dev/ssocred/aws/HttpPortalApi\n@lambda-proxy sun/net/www/protocol/http/HttpURLConnection run ()V\n",
                Files.readString(into, StandardCharsets.UTF_8));
    }
}
