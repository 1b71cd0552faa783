package dev.ssocred.demo;

import dev.ssocred.cli.Context;
import dev.ssocred.cli.FastPath;
import dev.ssocred.config.Environment;
import dev.ssocred.emulator.IdentityCenterEmulator;
import dev.ssocred.sso.Browser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssocred demo}: the whole product against the local Identity Center emulator in a throwaway HOME, with no
 * AWS account. Never reads or writes the user's real ~/.aws. Narration goes to stderr; exit 0 when every step passed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show every ssocred command working against a local IAM Identity Center emulator.",
                "Uses a throwaway HOME; your ~/.aws is never read or written. No AWS account needed."})
public final class DemoCommand implements Callable<Integer> {

    /** How the demo gets a Context wired like the real program, for a given environment and browser. */
    @FunctionalInterface
    public interface Contexts {
        Context create(Environment env, PrintWriter out, PrintWriter err, Browser browser);
    }

    private final PrintWriter err;
    private final Contexts contexts;
    private final Map<String, String> baseEnv;

    @Option(names = "--keep", description = "Keep the throwaway HOME and print where it is.")
    boolean keep;

    public DemoCommand(PrintWriter err, Contexts contexts, Map<String, String> baseEnv) {
        this.err = err;
        this.contexts = contexts;
        this.baseEnv = baseEnv;
    }

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("ssocred-demo-");
        try (IdentityCenterEmulator emu = IdentityCenterEmulator.start()) {
            Map<String, String> vars = new HashMap<>();
            for (String keepVar : new String[] {"PATH", "LANG", "TZ"}) {
                if (baseEnv.containsKey(keepVar)) {
                    vars.put(keepVar, baseEnv.get(keepVar));
                }
            }
            vars.put("HOME", home.toString());
            vars.put("AWS_ENDPOINT_URL", emu.baseUrl());
            // A browser is there (the stand-in below), so login takes the browser flow, as on a desktop.
            vars.put("BROWSER", "ssocred-demo-browser");
            Environment env = new Environment(vars);
            say("ssocred demo: a local IAM Identity Center emulator is listening on " + emu.baseUrl() + ".");
            say("Throwaway HOME: " + home + " (AWS_ENDPOINT_URL points every call at the emulator).");
            new DemoSteps(this, emu, env, home).run();
            say("");
            say("All steps passed. Try it for real: ssocred login --profile <your profile>");
            return 0;
        } catch (DemoSteps.StepFailed e) {
            err.println("ssocred: demo step failed: " + e.getMessage());
            err.println("hint: run 'ssocred --debug demo --keep' and inspect the files it leaves");
            err.flush();
            return 1;
        } finally {
            if (keep) {
                say("Kept " + home);
            } else {
                deleteTree(home);
            }
        }
    }

    void say(String line) {
        err.println(line);
        err.flush();
    }

    /**
     * Runs one ssocred command in-process in the demo's environment, as Main does (the cache-hit fast path first),
     * and returns {stdout, stderr, exit code}.
     */
    String[] ssocred(Environment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter errText = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(errText);
        int code = FastPath.run(args, env, outWriter,
                () -> contexts.create(env, outWriter, errWriter, DemoCommand::clickAllow), java.util.Map::of);
        return new String[] {out.toString(), errText.toString(), Integer.toString(code)};
    }

    /**
     * The stand-in browser: it opens the URL and follows the redirect, as a signed-in browser does. For the browser
     * flow that lands on ssocred's loopback listener with the code; a device verification URL approves the code,
     * as clicking "Allow" would.
     */
    static boolean clickAllow(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.getInputStream().readAllBytes();
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
