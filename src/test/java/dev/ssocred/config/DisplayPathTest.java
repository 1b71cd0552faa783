package dev.ssocred.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How messages name a file: {@code ~/...} under HOME, else the path as given. */
class DisplayPathTest {
    /** The rule as Path spells it: names, not text (the way display worked before it compared text). */
    private static String byNames(Path file, Path home) {
        Path h = home.toAbsolutePath();
        Path abs = file.toAbsolutePath();
        return abs.startsWith(h) && !abs.equals(h) ? "~/" + h.relativize(abs).toString() : file.toString();
    }

    @Test
    void aFileIsNamedFromHomeExactlyWhenItsNamesStartWithHomesNames() {
        List<String> homes = List.of("/home/u", "/home/u/", "/", "/home//u", "/home/u/../u", "relative/home", "/h");
        List<String> files = List.of("/home/u/.aws/config", "/home/u", "/home/u/", "/home/user2/.aws/config",
                "/home/u2", "/etc/aws/config", "/home/u/../u/.aws/credentials", "relative/home/.aws/config",
                "other/config", "/h/x", "/hx/y", "/home//u//.aws/config", "/home/u/./.aws/config", "/home/u/x/../.aws/config",
                "/home/u/..", "/home/u/.", "/home/u/..aws/config", "/home/u/.../c", "/home/u/x/..");
        for (String home : homes) {
            Environment env = new Environment(Map.of("HOME", home));
            for (String file : files) {
                Path p = Path.of(file);
                assertEquals(byNames(p, Path.of(home)), AwsConfig.display(p, env), home + " / " + file);
            }
        }
        assertEquals("~/.aws/config", AwsConfig.display(Path.of("/home/u/.aws/config"),
                new Environment(Map.of("HOME", "/home/u"))));
        assertEquals("/home/user2/.aws/config", AwsConfig.display(Path.of("/home/user2/.aws/config"),
                new Environment(Map.of("HOME", "/home/u"))));
    }
}
