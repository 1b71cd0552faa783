package dev.ssocred.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssocred.SsocredException;
import dev.ssocred.io.Json;
import dev.ssocred.testing.Run;
import dev.ssocred.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssocred promises to read ~/.aws/config as botocore does. This test has botocore itself (the one installed beside
 * boto3) read the same files and compares what each sees: which profiles, sso-sessions and services sections, with
 * which keys and values, or whether the file is rejected. The files are hand-written cases of the parser rules and
 * a seeded generator of odd files (Unicode spaces, line separators, comments, continuation lines, nested blocks,
 * CR/LF mixes, quoting in headers, duplicates). Deliberate differences are listed in docs/architecture.md and
 * are kept out of the generator: the {@code [DEFAULT]} section and a byte-order mark.
 */
class BotocoreConfigDifferentialIT {
    static final long SEED = 20261123L;
    static final int GENERATED = 400;

    @TempDir
    Path dir;

    static final List<String> CASES = List.of(
            "[profile dev]\nregion = us-east-1\n",
            "[default]\nregion=eu-west-1\n[profile default]\nregion = us-west-2\n",
            "[profile default]\nregion = us-west-2\n[default]\nregion=eu-west-1\n",
            "[profiles dev]\nregion = a\n[profile-x  dev2]\nregion = b\n",
            "[profile \"with space\"]\nregion = a\n[profile 'single q']\nregion = b\n",
            "[profile a b c]\nregion = a\n[profile \"unclosed]\nregion = b\n",
            "[profile\u2003dev]\nregion = a\n[profile\tdev2]\nregion = b\n",
            "[sso-session corp]\nsso_start_url = https://x\nsso_region = us-east-1\n[sso-sessions other]\nsso_region = b\n",
            "[services local]\nsso =\n  endpoint_url = http://127.0.0.1:1\nsso_oidc =\n  endpoint_url = http://127.0.0.1:2\n",
            "[profile dev]\nservices = local\nendpoint_url =\nregion = \n",
            "[profile dev]\nregion = us-east-1\u00a0\nsso_region =\u2007eu-west-1\u202f\n",
            "[profile dev]\nregion = us-\u2028east-1\n",
            "[profile dev]\nregion = a \u0085\nother = b\u0085c\n",
            "[profile dev]\nREGION = a\nSso_Start_Url : b\n",
            "[profile dev]\nregion = a # not a comment\n# whole-line\n; also\n  # indented comment\n",
            "[profile dev]\nmulti = first\n  second\n\n  fourth\nnext = x\n",
            "[profile dev]\nnested =\n  a = 1\n  b=2\n\n  c = 3 = 4\n",
            "[profile dev]\nnested =\n  no equals here\n",
            "[profile dev]\r\nregion = a\r\n[profile two]\rregion = b\r",
            "region = a\n[profile dev]\n",
            "[profile dev]\nregion = a\nregion = b\n",
            "[profile dev]\n[profile dev]\n",
            "[profile dev]\n= value\n",
            "[profile dev]\njust words\n",
            "[profile dev\nregion = a\n",
            "[profile dev] trailing\nregion = a\n",
            "[profile dev]\n\u00a0\u00a0indented = x\nkey = y\n\u00a0 continued\n",
            "[profile dev]\nkey\u000b= v\u000c\n",
            "[profile dev]\n\u001ckey = v\u001f\n",
            "[preview]\nregion = a\n[dev]\nregion = b\n",
            "[profile dev]\nsso-region = x\nsso_region = y\n",
            "[profile dev]\nkey=\n  =x\n",
            "\n\n   \n[profile dev]\n\n\nregion=a\n\n\n",
            "[profile dev]\nvalue = a:b=c\nother: d = e\n");

    @Test
    void ssocredReadsEveryFileAsBotocoreDoes() throws Exception {
        String python = Tools.require(Tools.python(), "python3 with boto3/botocore", "pip install boto3");
        List<String> texts = new ArrayList<>(CASES);
        Random random = new Random(SEED);
        for (int i = 0; i < GENERATED; i++) {
            texts.add(generate(random));
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Path f = dir.resolve("config-" + i);
            Files.writeString(f, texts.get(i), StandardCharsets.UTF_8);
            paths.add(f.toString());
        }
        Path script = dir.resolve("dump.py");
        try (var in = getClass().getResourceAsStream("/interop/botocore_config_dump.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(paths);
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME",
                dir.toString(), "LANG", "C.UTF-8", "PYTHONIOENCODING", "utf-8", "PYTHONUTF8", "1"));
        Run.Result r = Run.run(env, dir, command);
        assertEquals(0, r.code(), r.toString());
        String[] lines = r.out().split("\n");
        assertEquals(texts.size(), lines.length, r.toString());
        int errors = 0;
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> botocore = Json.parseObject(lines[i]);
            Map<String, Object> ours = ours(texts.get(i));
            errors += botocore.containsKey("error") ? 1 : 0;
            assertEquals(botocore.containsKey("error") ? Map.of("error", true) : botocore,
                    ours.containsKey("error") ? Map.of("error", true) : ours,
                    "file " + i + (i < CASES.size() ? " (hand-written)" : " (generated, seed " + SEED + ")") + ":\n"
                            + visible(texts.get(i)));
        }
        // The generator must exercise both sides of the line: files botocore reads and files it rejects.
        System.out.println("[differential] " + texts.size() + " files, " + errors + " rejected by both");
        org.junit.jupiter.api.Assertions.assertTrue(errors > 20 && errors < texts.size() - 100, errors + " rejected");
    }

    /** What ssocred's parser and section rules make of {@code text}, in the shape the Python script prints. */
    static Map<String, Object> ours(String text) {
        IniFile file;
        try {
            file = IniParser.parse(text, "config");
        } catch (SsocredException e) {
            return Map.of("error", e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String kind : List.of("profiles", "sso_sessions", "services")) {
            out.put(kind, new LinkedHashMap<String, Object>());
        }
        for (IniFile.Section s : file.sections()) {
            java.util.Optional.ofNullable(AwsConfig.classify(s.header())).ifPresent(n -> {
                String kind = switch (n.kind()) {
                    case "profile" -> "profiles";
                    case "sso-session" -> "sso_sessions";
                    default -> "services";
                };
                Map<String, Object> values = new LinkedHashMap<>();
                s.properties().forEach((k, p) -> values.put(k, p.value().startsWith("\n") ? p.nested() : p.value()));
                @SuppressWarnings("unchecked")
                Map<String, Object> section = (Map<String, Object>) out.get(kind);
                section.put(n.name(), values);
            });
        }
        return out;
    }

    private static final String[] HEADERS = {"[profile dev]", "[profile  dev]", "[default]", "[profile default]",
            "[sso-session corp]", "[services local]", "[profiles x]", "[profile \"a b\"]", "[profile 'q]", "[dev]",
            "[profile\u00a0nb]", "[ profile sp]", "[profile a b]", "[profile x] junk", "[sso-session\tcorp2]"};
    private static final String[] KEYS = {"region", "REGION", "sso_start_url", "Sso_Region", "sso-session", "endpoint_url",
            "services", "k", "key with space", "x.y", "ümlaut", "ΣΙΓΜΑΣ", "İd"};
    private static final String[] SEPARATORS = {"=", " = ", ":", " : ", "\t=\t", "\u00a0=\u00a0", " =", "= ", "=="};
    private static final String[] VALUES = {"us-east-1", "", "a b", "a # b", "a ; b", "x=y", "x:y", "\u00a0padded\u00a0",
            "\u2007fig\u202f", "in\u2028side", "nel\u0085", "tab\tin", "\u3000ideo", "\u001cfs", "${HOME}", "%(x)s",
            "\"quoted\"", "日本"};
    private static final String[] SPACES = {"", " ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\u000b", "\u000c"};
    private static final String[] NEWLINES = {"\n", "\n", "\n", "\r\n", "\r"};

    /** A file of 1 to 12 lines drawn from the pieces above; about one in five is malformed. */
    static String generate(Random r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(6) > 0) {
            sb.append(pick(r, HEADERS)).append(pick(r, NEWLINES));
        }
        int lines = 1 + r.nextInt(12);
        for (int i = 0; i < lines; i++) {
            int kind = r.nextInt(20);
            String indent = pick(r, SPACES);
            String line = switch (kind) {
                case 0 -> pick(r, HEADERS);
                case 1 -> "# comment " + pick(r, VALUES);
                case 2 -> ";" + pick(r, VALUES);
                case 3 -> "";
                case 4 -> pick(r, SPACES);
                case 5 -> "  " + pick(r, VALUES);                       // a continuation line
                case 6 -> pick(r, KEYS) + " =";                         // a nested block follows
                case 7 -> "  " + pick(r, KEYS) + " = " + pick(r, VALUES);
                case 8 -> pick(r, VALUES);                              // junk (unless a continuation)
                default -> pick(r, KEYS) + pick(r, SEPARATORS) + pick(r, VALUES);
            };
            sb.append(kind >= 9 ? indent.isEmpty() || r.nextBoolean() ? "" : indent : "").append(line)
                    .append(pick(r, SPACES.length > 0 && r.nextInt(4) == 0 ? SPACES : new String[] {""}))
                    .append(pick(r, NEWLINES));
        }
        return sb.toString();
    }

    private static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    /** The file with its invisible characters named, for a failure message. */
    static String visible(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                sb.append("\\n\n");
            } else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || (c >= 0x2000 && c <= 0x3000)) {
                sb.append(String.format("<U+%04X>", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
