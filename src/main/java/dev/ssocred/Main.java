package dev.ssocred;

import dev.ssocred.aws.HttpOidcApi;
import dev.ssocred.aws.HttpPortalApi;
import dev.ssocred.aws.SdkClients;
import dev.ssocred.cli.Context;
import dev.ssocred.cli.FastPath;
import dev.ssocred.cli.MissHandOff;
import dev.ssocred.cli.Platform;
import dev.ssocred.config.Environment;
import dev.ssocred.demo.DemoCommand;
import dev.ssocred.demo.EmulatorCommand;
import dev.ssocred.demo.Training;
import dev.ssocred.demo.WarmupCommand;
import dev.ssocred.io.Utf8Writer;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.sso.OidcApi;
import dev.ssocred.sso.Browser;
import dev.ssocred.sso.Sleeper;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

/** Composition root: the only place that knows the real adapters (SDK clients, system clock, browser, streams). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        // From JDK 21 on, Runtime.exit logs itself (System.Logger "java.lang.Runtime"), and getting that logger searches
        // the modules and the class path for a LoggerFinder: ~9 ms of every call on JDK 25, over a third of its hello
        // world (docs/performance.md). Returning from main ends the JVM the same way, shutdown hooks included, when
        // only daemon threads are left; otherwise, or for any other code, System.exit.
        if (code == 0 && onlyDaemonsBeside(Thread.currentThread())) {
            return;
        }
        System.exit(code);
    }

    /** True when no thread but {@code self} would keep the JVM alive once main returns. */
    static boolean onlyDaemonsBeside(Thread self) {
        ThreadGroup root = self.getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int n = root.enumerate(threads, true);
        if (n == threads.length) {
            return false; // more than it had room for: cannot tell
        }
        for (int i = 0; i < n; i++) {
            if (threads[i] != self && !threads[i].isDaemon() && threads[i].isAlive()) {
                return false;
            }
        }
        return true;
    }

    static int run(String[] args) {
        Environment env = Environment.system();
        // Utf8Writer, not OutputStreamWriter: the same bytes without a charset encoder (docs/performance.md).
        PrintWriter out = new PrintWriter(new Utf8Writer(stdoutStream()));
        // stderr flushes on every line: a note such as "Waiting for ..." must reach the terminal before the wait.
        PrintWriter err = new PrintWriter(new Utf8Writer(new FileOutputStream(FileDescriptor.err)), true);
        if (args.length == 2 && args[0].equals("warmup") && (args[1].startsWith("--train") || args[1].equals("--prepare"))) {
            return train(err, args[1], env);
        }
        // process and env are answered without picocli; cache hits without the SDK either (docs/performance.md).
        // The launcher names itself when a miss that needs the SDK (an assumed role) can go to a second JVM with the
        // whole archive.
        MissHandOff handOff = MissHandOff.wire(System.getProperty("ssocred.launcher"), env);
        return FastPath.run(args, env, out, contexts(env, out, err), extras(env, out, err), handOff);
    }

    /**
     * The real Contexts, built only on a miss or for picocli. An anonymous class, not a lambda: on a cache hit the
     * first lambda would start the JVM's invokedynamic machinery (docs/performance.md).
     */
    private static java.util.function.Supplier<Context> contexts(Environment env, PrintWriter out, PrintWriter err) {
        return new java.util.function.Supplier<Context>() {
            @Override
            public Context get() {
                return context(env, out, err, Platform.browser(env), Platform.stderrIsTerminal());
            }
        };
    }

    private static java.util.function.Supplier<Map<String, Object>> extras(Environment env, PrintWriter out,
                                                                         PrintWriter err) {
        return new java.util.function.Supplier<Map<String, Object>>() {
            @Override
            public Map<String, Object> get() {
                return extraVerbs(env, out, err);
            }
        };
    }

    /** The verbs that live outside cli/; built only when picocli runs, never for a cache hit. */
    static Map<String, Object> extraVerbs(Environment env, PrintWriter out, PrintWriter err) {
        DemoCommand.Contexts contexts = (demoEnv, o, e, browser) -> context(demoEnv, o, e, browser, false);
        // In this order in --help, every time (Map.of's order changes from one JVM to the next).
        Map<String, Object> verbs = new java.util.LinkedHashMap<>();
        verbs.put("demo", new DemoCommand(err, contexts, env.vars()));
        verbs.put("warmup", new WarmupCommand(err, contexts, env.vars()));
        verbs.put("emulator", new EmulatorCommand(out, err));
        return verbs;
    }

    /**
     * Where our stdout is. The launcher gives the JVM stderr as its fd 1, so that whatever the JVM itself prints
     * there (a crash report, which it writes before any option can move it) can never corrupt a credential_process
     * answer, and hands the caller's stdout over as fd 9, named in {@code ssocred.stdout.fd}. Java has no public way
     * to wrap a descriptor number; the launcher opens java.io to us for this one field.
     */
    static java.io.OutputStream stdoutStream() {
        String path = System.getProperty("ssocred.stdout.path");
        if (path != null) { // a pipe or a terminal: the launcher checked; reopening it writes to the same one
            try {
                return new FileOutputStream(path);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot open stdout (" + path + ")", e);
            }
        }
        return new FileOutputStream(stdout());
    }

    static FileDescriptor stdout() {
        String number = System.getProperty("ssocred.stdout.fd");
        if (number != null) {
            try {
                FileDescriptor fd = new FileDescriptor();
                java.lang.reflect.Field f = FileDescriptor.class.getDeclaredField("fd");
                f.setAccessible(true);
                f.setInt(fd, Integer.parseInt(number));
                return fd;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot use stdout (fd " + number + ")", e);
            }
        }
        return FileDescriptor.out;
    }

    /**
     * The launcher's archive training runs (docs/performance.md, demo.Training): {@code --train}, {@code --train-login},
     * {@code --prepare} and {@code --train-hits} in the HOME the launcher prepared. Failures only mean no archive.
     */
    private static int train(PrintWriter err, String which, Environment env) {
        try {
            String classList = System.getProperty("ssocred.classlist");
            if ("--train-hits".equals(which) && classList != null) {
                // A static archive's list is recorded in the calls' own JVMs; this one only runs them, so nothing it
                // loads goes into the archive and the set-up below would be for nothing.
                return Training.hitsList(env.home(), java.nio.file.Path.of(classList));
            }
            // Every call makes these two suppliers and wires the hand-off: made here, their classes go into the archive
            // instead of being read from the jar on each call (the first class read opens the jar's 4,000-entry
            // directory, ~3 ms).
            contexts(env, err, err);
            extras(env, err, err);
            MissHandOff.wire(null, env);
            if (!"--train-hits".equals(which)) {
                // What a miss makes before the fetch: the first JVM's own fetch, and the second JVM's.
                Platform.browser(env);
                Platform.stderrIsTerminal();
            }
            return switch (which) {
                case "--train" -> Training.run(e -> context(e, new PrintWriter(java.io.Writer.nullWriter()),
                        new PrintWriter(java.io.Writer.nullWriter()), Training.BROWSER, false));
                case "--train-login" -> Training.logins(env.home(), e -> context(e,
                        new PrintWriter(java.io.Writer.nullWriter()), new PrintWriter(java.io.Writer.nullWriter()),
                        Training.BROWSER, false));
                case "--prepare" -> Training.prepare(env.home());
                // An AOT cache learns from this JVM: hits only.
                default -> Training.hits(env.home());
            };
        } catch (Exception e) {
            err.println("ssocred: warmup training failed: " + e);
            err.flush();
            return 1;
        }
    }

    /** The real wiring. The SDK is touched only through the suppliers, so a cache hit never loads an SDK class. */
    static Context context(Environment env, PrintWriter out, PrintWriter err, Browser browser, boolean terminal) {
        // The refresh and GetRoleCredentials are made without the SDK (docs/architecture.md, "Calls without the
        // SDK"); the SDK's clients behind them serve everything else.
        // Classes, not lambdas: each lambda a JVM links costs ~0.1 ms, and every Context is made with these.
        return new Context(env, Platform.clock(), out, err, terminal, new Supplier<OidcApi.Factory>() {
            @Override
            public OidcApi.Factory get() {
                return HttpOidcApi.factory();
            }
        }, new Supplier<PortalApi.Factory>() {
            @Override
            public PortalApi.Factory get() {
                return HttpPortalApi.factory();
            }
        }, browser, Sleeper.SYSTEM).withSts(new Supplier<dev.ssocred.creds.StsApi>() {
            @Override
            public dev.ssocred.creds.StsApi get() {
                return new dev.ssocred.aws.SdkSts(SdkClients.defaults());
            }
        }).withSignin(new Supplier<dev.ssocred.console.SigninApi>() {
            @Override
            public dev.ssocred.console.SigninApi get() {
                return new dev.ssocred.aws.HttpSignin(SdkClients.defaults());
            }
        });
    }
}
