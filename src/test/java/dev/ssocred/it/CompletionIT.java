package dev.ssocred.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ssocred.testing.Files2;
import dev.ssocred.testing.Launcher;
import dev.ssocred.testing.Run;
import dev.ssocred.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts in the shells themselves: bash completes what a person types (names read from the config at
 * completion time, AWS_CONFIG_FILE honoured), fish through its own {@code complete -C}, zsh registers the function
 * both sourced and autoloaded; and the man page renders without a groff warning.
 */
class CompletionIT {
    @TempDir
    Path home;
    Map<String, String> env;

    @BeforeEach
    void setUp() {
        Files2.write(home.resolve(".aws/config"), Files2.lines("[default]", "region = us-east-1",
                "[profile dev]", "sso_session = corp", "[profile \"data lake\"]", "region = eu-west-1",
                "[profile prod-deploy]", "role_arn = arn:aws:iam::1:role/D", "source_profile = dev",
                "[profile p*]", "region = us-east-1",
                "[sso-session corp]", "sso_start_url = https://x.awsapps.com/start", "[services local]"));
        Files2.write(home.resolve(".aws/credentials"), Files2.lines("[ci]", "aws_access_key_id = AKIA1"));
        env = Launcher.env(home);
    }

    /** What bash's completion offers for {@code line} (the cursor at its end). */
    private List<String> bash(String line) throws Exception {
        Path script = home.resolve("complete.bash");
        Files.writeString(script, "source <('" + Launcher.path() + "' completion bash)\n"
                + "read -r -a COMP_WORDS <<< \"$1\"\n"
                + "case \"$1\" in *' ') COMP_WORDS+=(\"\") ;; esac\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_ssocred\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n");
        Run.Result r = Run.run(env, home, List.of("bash", script.toString(), line));
        assertEquals(0, r.code(), r.toString());
        return r.out().lines().filter(s -> !s.isEmpty()).sorted().toList();
    }

    @Test
    void bashCompletesCommandsOptionsAndTheProfilesOfTheConfigAndCredentialsFiles() throws Exception {
        assertEquals(List.of("ci", "data\\ lake", "default", "dev", "p*", "prod-deploy"), bash("ssocred env "));
        assertEquals(List.of("default", "dev"), bash("ssocred login de"));
        assertEquals(List.of("ci", "data\\ lake", "default", "dev", "p*", "prod-deploy"), bash("ssocred -p "));
        assertEquals(List.of("prod-deploy"), bash("ssocred -p dev console pr"));
        Files.writeString(home.resolve("plan.txt"), ""); // what an unquoted p* would expand to in the working directory
        assertEquals(List.of("p*", "prod-deploy"), bash("ssocred env p"), "a name with * is not expanded to files");
        assertEquals(List.of("corp"), bash("ssocred login --sso-session "));
        assertEquals(List.of("emulator", "env", "exec"), bash("ssocred e"));
        assertEquals(List.of("powershell"), bash("ssocred env --format p"));
        assertEquals(List.of("--print"), bash("ssocred console --pri"));
        assertEquals(List.of("bash"), bash("ssocred completion b"));
        env.put("AWS_CONFIG_FILE", home.resolve("other.ini").toString());
        Files2.write(home.resolve("other.ini"), Files2.lines("[profile elsewhere]"));
        assertEquals(List.of("ci", "elsewhere"), bash("ssocred env "));
    }

    @Test
    void fishCompletesProfilesThroughItsOwnCompleteCommand() throws Exception {
        String fish = Tools.require(Tools.onPath("fish"), "fish", "apt-get install fish");
        Path script = home.resolve("ssocred.fish");
        Files.writeString(script, Launcher.run(env, "completion", "fish").out());
        Run.Result r = Run.run(env, home, List.of(fish, "--no-config", "-c", "source " + script
                + "; complete -C 'ssocred env '; echo ---; complete -C 'ssocred env --format '; echo ---; complete -C 'ssocred wh'"));
        assertEquals(0, r.code(), r.toString());
        String[] parts = r.out().split("---\n");
        assertEquals(List.of("ci", "data lake", "default", "dev", "p*", "prod-deploy"),
                parts[0].lines().map(l -> l.split("\t")[0]).sorted().toList());
        assertTrue(parts[1].lines().anyMatch(l -> l.startsWith("dotenv")), parts[1]);
        assertTrue(parts[2].startsWith("whoami\t"), parts[2]);
    }

    @Test
    void zshRegistersTheCompletionSourcedAndAutoloaded() throws Exception {
        String zsh = Tools.require(Tools.onPath("zsh"), "zsh", "apt-get install zsh");
        Path dir = Files.createDirectories(home.resolve("zfunc"));
        Files.writeString(dir.resolve("_ssocred"), Launcher.run(env, "completion", "zsh").out());
        Run.Result syntax = Run.run(env, home, List.of(zsh, "-n", dir.resolve("_ssocred").toString()));
        assertEquals(0, syntax.code(), syntax.toString());
        Run.Result sourced = Run.run(env, home, List.of(zsh, "-f", "-c", "autoload -U compinit && compinit -u -D && "
                + "source " + dir.resolve("_ssocred") + " && print -r -- ${_comps[ssocred]}"));
        assertEquals("_ssocred", sourced.out().strip(), sourced.toString());
        Run.Result autoloaded = Run.run(env, home, List.of(zsh, "-f", "-c", "fpath=(" + dir + " $fpath); "
                + "autoload -U compinit && compinit -u -D && print -r -- ${_comps[ssocred]}"));
        assertEquals("_ssocred", autoloaded.out().strip(), autoloaded.toString());
    }

    @Test
    void theManPageRendersWithoutWarningsAndListsEveryCommandAndExitCode() throws Exception {
        Path page = home.resolve("ssocred.1");
        Files.writeString(page, Launcher.run(env, "man").out());
        String groff = Tools.require(Tools.onPath("groff"), "groff", "apt-get install groff-base");
        Run.Result warnings = Run.run(env, home, List.of(groff, "-man", "-Tutf8", "-ww", "-z", page.toString()));
        assertEquals("", warnings.err(), "groff warnings");
        Run.Result text = Run.run(env, home, List.of(groff, "-man", "-Tascii", "-P", "-cbou", page.toString()));
        String out = text.out().replaceAll("\\s+", " "); // groff justifies: spaces vary
        assertTrue(out.contains("ssocred - credentials from AWS IAM Identity Center"), out);
        for (String verb : List.of("login", "process", "env", "write", "exec", "serve", "whoami", "console",
                "completion", "doctor")) {
            assertTrue(out.contains("ssocred " + verb), verb);
        }
        assertTrue(out.contains("EXIT STATUS"), out);
        assertTrue(out.contains("--format FORMAT"), out);
    }
}
