package dev.ssocred.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssocred.config.Environment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When help is in colour (Platform.colors): the no-color.org and CLICOLOR conventions, then the terminal. */
class ColorsTest {
    @ParameterizedTest(name = "{0} on a terminal: {1}, elsewhere: {2}")
    @CsvSource({
        "'', true, false",
        "NO_COLOR=1, false, false",
        "NO_COLOR=, true, false",
        "CLICOLOR_FORCE=1, true, true",
        "CLICOLOR_FORCE=0, true, false",
        "CLICOLOR_FORCE=, true, false",
        "NO_COLOR=1 CLICOLOR_FORCE=1, false, false",
        "CLICOLOR=0, false, false",
        "CLICOLOR=1, true, false",
        "TERM=dumb, false, false",
        "TERM=dumb CLICOLOR_FORCE=1, true, true",
        "TERM=xterm-256color, true, false",
    })
    void followsTheConventionsThenTheTerminal(String vars, boolean onTerminal, boolean elsewhere) {
        Map<String, String> env = new HashMap<>();
        for (String v : vars.split(" ")) {
            if (!v.isEmpty()) {
                env.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
            }
        }
        String before = System.getProperty("ssocred.stdout.tty");
        try {
            System.setProperty("ssocred.stdout.tty", "true");
            assertEquals(onTerminal, Platform.colors(new Environment(env)), "stdout a terminal");
            System.setProperty("ssocred.stdout.tty", "false");
            assertEquals(elsewhere, Platform.colors(new Environment(env)), "stdout not a terminal");
            System.clearProperty("ssocred.stdout.tty");
            assertEquals(elsewhere, Platform.colors(new Environment(env)), "no launcher");
        } finally {
            if (before == null) {
                System.clearProperty("ssocred.stdout.tty");
            } else {
                System.setProperty("ssocred.stdout.tty", before);
            }
        }
    }
}
