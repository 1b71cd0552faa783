package dev.ssocred.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.creds.RoleCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import dev.ssocred.testing.Generated;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every shell format either carries any value its consumer can hold exactly, or refuses it: never a value that the
 * consumer reads as something else (a second variable, a command, an expansion). Consumers that run here run for
 * real (sh); PowerShell's and fish's quoting are checked against their documented grammar. Values come from a seeded
 * generator ({@link Generated}); jqwik was tried and not kept (docs/architecture.md).
 */
class CredentialFormatProperties {
    static final Instant EXP = Instant.parse("2024-01-02T03:04:05Z");

    /** Characters that make quoting hard: quotes of every kind, shell syntax, line breaks, NUL, non-ASCII. */
    static final String ODD = "'\"`$\\\n\r\t #%!{}();&|<>*?=\0\u2018\u2019\u201a\u201b\u00a0\u2028é日";
    static final String PLAIN = "abcXYZ0189/+=-_.:";

    static List<String> values(int samples) {
        List<String> out = new java.util.ArrayList<>(Generated.samples(samples, CredentialFormatProperties::value));
        out.addAll(List.of("", "'", "''", "\\", "\n", "$(id)", "`id`", "${HOME}", "a\nB=1", "\u2019", "\0"));
        return out;
    }

    static String value(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(25);
        for (int i = 0; i < n; i++) {
            String from = r.nextInt(8) < 3 ? ODD : PLAIN;
            sb.append(from.charAt(r.nextInt(from.length())));
        }
        return sb.toString();
    }

    private static RoleCredentials secret(String value) {
        return new RoleCredentials("AKIAEXAMPLE", value, "T", EXP, "1");
    }

    private static Optional<String> render(CredentialFormat f, String value) {
        try {
            return Optional.of(f.render(secret(value), Optional.empty()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Test
    void bashAndZshExportsEvaluateInShToTheExactValueOrAreRefusedOnlyForNul() {
        Generated.forAll(values(150), this::bashCase);
    }

    private void bashCase(String value) throws Exception {
        Optional<String> out = render(CredentialFormat.BASH, value);
        if (out.isEmpty()) {
            assertTrue(value.indexOf('\0') >= 0, "refused without a NUL: " + value);
            return;
        }
        assertEquals(value, sh(out.get() + "printf '%s' \"$AWS_SECRET_ACCESS_KEY\""));
    }

    @Test
    void dotenvIsReadAlikeByDockerAndShOrRefused() {
        Generated.forAll(values(150), this::dotenvCase);
    }

    private void dotenvCase(String value) throws Exception {
        Optional<String> out = render(CredentialFormat.DOTENV, value);
        if (out.isEmpty()) {
            return; // refused: nothing a reader could misread was written
        }
        String line = out.get().split("\n")[1];
        // docker --env-file: everything after the first '=' is the value, literally.
        assertEquals(value, line.substring(line.indexOf('=') + 1));
        assertEquals(value, sh("set -a\n" + out.get() + "set +a\nprintf '%s' \"$AWS_SECRET_ACCESS_KEY\""));
    }

    @Test
    void pythonDotenvReadsEveryDotenvFileExactly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String python = dev.ssocred.testing.Tools.require(dev.ssocred.testing.Tools.python(), "python3 with python-dotenv",
                "pip install python-dotenv");
        List<String> written = new java.util.ArrayList<>();
        StringBuilder files = new StringBuilder();
        int i = 0;
        List<String> candidates = new java.util.ArrayList<>(values(100));
        candidates.addAll(Generated.samples(300, r -> Generated.string(r, PLAIN + "@,", 40)));
        for (String value : candidates) {
            Optional<String> out = render(CredentialFormat.DOTENV, value);
            if (out.isPresent()) {
                java.nio.file.Path f = dir.resolve("env-" + i++);
                java.nio.file.Files.writeString(f, out.get(), StandardCharsets.UTF_8);
                written.add(value);
                files.append(f).append('\n');
            }
        }
        assertTrue(written.size() > 300, written.size() + " values were writable");
        java.nio.file.Path list = java.nio.file.Files.writeString(dir.resolve("files"), files.toString());
        Process p = new ProcessBuilder(python, "-c", "import sys, json\nfrom dotenv import dotenv_values\n"
                + "print(json.dumps([dotenv_values(f.strip())['AWS_SECRET_ACCESS_KEY'] for f in open(sys.argv[1])]))",
                list.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Object read = dev.ssocred.io.Json.parseObject("{\"v\": " + out.strip() + "}").get("v");
        assertEquals(written, read, "python-dotenv read something else");
    }

    @Test
    void powershellSingleQuotedStringsHoldTheExactValue() {
        Generated.forAll(values(2000), CredentialFormatProperties::powershellCase);
    }

    private static void powershellCase(String value) {
        Optional<String> out = render(CredentialFormat.POWERSHELL, value);
        if (out.isEmpty()) {
            assertTrue(value.indexOf('\0') >= 0);
            return;
        }
        String line = out.get().split("\n", -1)[1];
        String prefix = "$Env:AWS_SECRET_ACCESS_KEY = ";
        assertTrue(line.startsWith(prefix));
        assertEquals(value, PowerShellGrammar.singleQuoted(out.get().substring(out.get().indexOf(prefix, 1)
                + prefix.length())));
    }

    @Test
    void fishSingleQuotedStringsHoldTheExactValue() {
        Generated.forAll(values(2000), CredentialFormatProperties::fishCase);
    }

    private static void fishCase(String value) {
        Optional<String> out = render(CredentialFormat.FISH, value);
        if (out.isEmpty()) {
            assertTrue(value.indexOf('\0') >= 0);
            return;
        }
        String prefix = "set -gx AWS_SECRET_ACCESS_KEY ";
        String rest = out.get().substring(out.get().indexOf(prefix) + prefix.length());
        assertEquals(value, FishGrammar.singleQuoted(rest));
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** PowerShell's single-quoted string: ends at any of ' ‘ ’ ‚ ‛ unless it is doubled (about_Quoting_Rules). */
    static final class PowerShellGrammar {
        static final String QUOTES = "'\u2018\u2019\u201a\u201b";

        static String singleQuoted(String text) {
            assertTrue(QUOTES.indexOf(text.charAt(0)) >= 0);
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (QUOTES.indexOf(c) >= 0) {
                    if (i + 1 < text.length() && QUOTES.indexOf(text.charAt(i + 1)) >= 0) {
                        sb.append(c);
                        i++;
                        continue;
                    }
                    assertEquals("\n", text.substring(i + 1, Math.min(text.length(), i + 2)), "the string ended early");
                    return sb.toString();
                }
                sb.append(c);
            }
            throw new AssertionError("unterminated: " + text);
        }
    }

    /** fish's single-quoted string: \\' and \\\\ are the only escapes; it ends at an unescaped '. */
    static final class FishGrammar {
        static String singleQuoted(String text) {
            assertEquals('\'', text.charAt(0));
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '\\')) {
                    sb.append(text.charAt(++i));
                } else if (c == '\'') {
                    assertEquals("\n", text.substring(i + 1, Math.min(text.length(), i + 2)), "the string ended early");
                    return sb.toString();
                } else {
                    sb.append(c);
                }
            }
            throw new AssertionError("unterminated: " + text);
        }
    }

}
