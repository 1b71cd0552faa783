package dev.ssocred.cli;

import dev.ssocred.SsocredException;
import dev.ssocred.config.AwsConfig;
import dev.ssocred.config.AwsPaths;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ProfileResolver;
import dev.ssocred.config.CredentialSource;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SourceResolver;
import dev.ssocred.creds.AssumeRoleKey;
import dev.ssocred.creds.CredentialsService;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.creds.RoleCredentialsCache;
import dev.ssocred.io.FileLock;
import dev.ssocred.output.CredentialFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The front door for the calls that happen dozens of times a minute: {@code process} and {@code env}. It parses
 * just those verbs' options (names shared with picocli through {@link Verbs}), never loads picocli, and answers a
 * cache hit from the files alone (no AWS SDK, no network). Help is printed from pages rendered at build time
 * ({@link HelpPages}), and the usual {@code login} lines run without picocli too ({@link LoginLine}), for the time
 * to the prompt. Arguments it does not know (--debug, other verbs) go to the full command line, which owns usage
 * messages.
 */
public final class FastPath {
    private FastPath() {
    }

    /**
     * How ssocred runs a command line (Main, and the demo in-process): this front door first, else the full picocli
     * command line with {@code extra} verbs. The cache-hit check compares instants only: {@link SystemClock}
     * loads no time zone at all (the system's costs ~7 ms; even {@code Clock.systemUTC()} sets up {@code ZoneId}'s
     * tables, ~0.1 ms of every call).
     */
    public static int run(String[] args, Environment env, PrintWriter out, java.util.function.Supplier<Context> contexts,
                          java.util.function.Supplier<java.util.Map<String, Object>> extra) {
        return run(args, env, out, contexts, extra, null);
    }

    /** The same, handing a miss to a second JVM when {@code handOff} is not null (see {@link MissHandOff}). */
    public static int run(String[] args, Environment env, PrintWriter out, java.util.function.Supplier<Context> contexts,
                          java.util.function.Supplier<java.util.Map<String, Object>> extra, MissHandOff handOff) {
        Optional<Integer> fast = tryAnswer(args, env, new SystemClock(), out, contexts, handOff);
        return fast.isPresent() ? fast.get() : Cli.execute(contexts.get(), extra.get(), args);
    }

    /**
     * The exit code after answering a {@code process} or {@code env} call, a help page or a {@code login}, or empty
     * (having printed nothing) when the arguments are for picocli: other verbs, --debug, anything unusual. A cache hit is answered from
     * the files alone; a miss runs the same {@link CredentialVerb} the picocli commands run, in a Context from
     * {@code contexts}, still without loading picocli.
     */
    public static Optional<Integer> tryAnswer(String[] args, Environment env, Clock clock, PrintWriter out,
                                              java.util.function.Supplier<Context> contexts) {
        return tryAnswer(args, env, clock, out, contexts, null);
    }

    /** The same, handing a miss to a second JVM when {@code handOff} is not null. */
    public static Optional<Integer> tryAnswer(String[] args, Environment env, Clock clock, PrintWriter out,
                                              java.util.function.Supplier<Context> contexts, MissHandOff handOff) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Without picocli, whose Java 5 classes no archive can hold: ~4x a hello world otherwise.
            for (String line : BuildInfo.lines()) {
                out.println(line);
            }
            out.flush();
            return Optional.of(0);
        }
        Optional<Request> request = Request.parse(args);
        if (request.isEmpty()) {
            // Not a credentials call (a hit never comes here): help, else picocli's.
            String page = HelpPages.requested(args);
            String text = page == null ? null : HelpPages.text(page, Platform.colors(env));
            if (text == null) {
                // A login as people type it, without picocli either (LoginLine); everything else is picocli's.
                Optional<LoginLine> login = LoginLine.parse(args);
                return login.isPresent() ? Optional.of(login.get().run(contexts.get())) : Optional.empty();
            }
            out.print(text);
            out.flush();
            return Optional.of(0);
        }
        Request r = request.get();
        // The second JVM of a handed-off miss does not look: its parent just did, holding the entry's lock, and the
        // fetch below looks again before it calls the service.
        Look look = MissHandOff.isSecond(env) ? Look.UNKNOWN : cacheHit(r, env, clock, out, null);
        if (look == Look.ANSWERED) {
            return Optional.of(0);
        }
        // A miss that needs no SDK (an SSO role's: see fetchedHere) is fetched here; one that assumes a role goes to
        // the second JVM, whose archive holds the SDK.
        if (handOff != null && look.lock != null && !look.fetchHere) {
            Integer code = handOff.run(args, look.lock, new MissHandOff.Recheck() {
                @Override
                public boolean answered() {
                    return cacheHit(r, env, clock, out, null) == Look.ANSWERED;
                }
            }, clock, out);
            if (code != null) {
                return Optional.of(code);
            }
        }
        // An SSO role's miss takes the entry's lock here, before the Context is made, and holds it through the fetch
        // below, whose own acquire on this thread is then nested (FileLock). A caller that finds it taken waits here and
        // answers from the entry once it is written, as a hit does: in a burst of 32 callers on two cores, building
        // the Context only to wait cost each waiter ~15 ms of CPU, most of what the burst cost over 32 hits.
        FileLock held = null;
        if (look.lock != null && look.fetchHere) {
            FileLock.Waited<Boolean> turn;
            try {
                turn = fetchTurn(r, env, clock, out, look);
            } catch (FileLock.TimeoutException e) {
                Context ctx = contexts.get();
                int code = ErrorReporter.report(ctx, CredentialsService.timedOut(Context.lockTimeout(env), e.holder()));
                ctx.err().flush();
                return Optional.of(code);
            }
            if (turn != null && turn.lock() == null) {
                return Optional.of(0);
            }
            if (turn != null) {
                held = turn.lock();
            }
        }
        try {
            return Optional.of(print(r, env, contexts.get(), look.config));
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }

    /**
     * The entry's lock, or (with a null lock) the entry's answer, printed, when another caller wrote it while we
     * waited; null when there is no lock to be had (a directory we cannot write, a bad SSOCRED_LOCK_TIMEOUT): the
     * full path then says so, as before.
     */
    private static FileLock.Waited<Boolean> fetchTurn(Request r, Environment env, Clock clock, PrintWriter out,
                                                      Look look) throws FileLock.TimeoutException {
        try {
            return FileLock.acquireOrFind(look.lock, Context.lockTimeout(env), clock,
                    FileLock.describeSelf("ssocred fetching role credentials"), FileLock.QUIET,
                    new Written(look, r, env, clock, out));
        } catch (java.io.IOException | SsocredException e) {
            return null;
        }
    }

    /**
     * What a waiter asks at each poll: has the entry been written, and does it answer the call now (then it is
     * printed)? It looks again only when the entry's file changed, since a look parses the config and reads the entry
     * (~1 ms interpreted) where a stat does not: 31 waiters looking at every poll of 25 ms starved the one fetch they
     * were waiting for (a burst took 1.75 s instead of 1.2).
     */
    private static final class Written implements java.util.function.Supplier<Optional<Boolean>> {
        private final java.io.File entry;
        private final AwsConfig config;
        private final Request r;
        private final Environment env;
        private final Clock clock;
        private final PrintWriter out;
        private long modified;
        private long size;

        Written(Look look, Request r, Environment env, Clock clock, PrintWriter out) {
            this.entry = look.entry.toFile();
            this.config = look.config;
            this.r = r;
            this.env = env;
            this.clock = clock;
            this.out = out;
            this.modified = this.entry.lastModified();
            this.size = this.entry.length();
        }

        /**
         * java.io.File's stat, which says 0 for a missing file: NIO's throws an exception for it, and a waiter of a
         * burst, whose entry is missing until the fetch, made and dropped 40 a second (~15 ms of CPU a second).
         * Only a look, not the answer, depends on it: a change it misses leaves the waiter to the lock.
         */
        @Override
        public Optional<Boolean> get() {
            long m = entry.lastModified();
            long s = entry.length();
            if (m == 0 || (m == modified && s == size)) {
                return Optional.empty();
            }
            modified = m;
            size = s;
            // The config the first look read: parsing it again would cost each waiter of a burst its parse.
            return cacheHit(r, env, clock, out, config) == Look.ANSWERED ? Optional.of(Boolean.TRUE) : Optional.empty();
        }
    }

    /** The full path of a credentials call: the Context, the fetch, any error reported. */
    private static int print(Request r, Environment env, Context ctx, AwsConfig config) {
        if (config != null) {
            ctx.reuse(config); // parsed once: ~5 ms of a miss with 600 profiles
        }
        try {
            CredentialVerb.print(ctx, ProfileResolver.selectName(Optional.ofNullable(r.profile), env), r.format,
                    Optional.ofNullable(r.region));
            return 0;
        } catch (RuntimeException e) {
            return ErrorReporter.report(ctx, e);
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /**
     * What a look at the cache found: the answer printed; a miss (the lock the full path takes before it fetches the
     * entry, whether this JVM can fetch it without the SDK, and the config it read); or nothing to go by (the full
     * path says why).
     */
    private record Look(Path lock, Path entry, boolean fetchHere, AwsConfig config) {
        static final Look ANSWERED = new Look(null, null, false, null);
        static final Look UNKNOWN = new Look(null, null, false, null);
    }

    /**
     * Answers from ~/.aws/cli/cache alone, else says what is missing, having printed nothing; {@link Look#UNKNOWN}
     * when the files alone say something is wrong (a warning, an error): the full path reports it. Like everything a
     * hit runs, written without lambdas or method references (see {@link AwsConfig}). {@code parsed}: the config a
     * first look read, or null to read it.
     */
    private static Look cacheHit(Request r, Environment env, Clock clock, PrintWriter out, AwsConfig parsed) {
        try {
            Collected warnings = new Collected();
            AwsPaths paths = AwsPaths.from(env);
            AwsConfig config = parsed != null ? parsed : AwsConfig.load(paths, env, warnings);
            CredentialSource source = new SourceResolver(new ProfileResolver(config, env), env, warnings).resolve(
                    ProfileResolver.selectName(Optional.ofNullable(r.profile), env));
            RoleCredentialsCache cache = new RoleCredentialsCache(paths.cliCacheDir(), RoleCredentialsCache.UNNAMED,
                    warnings);
            String key = entryKey(source);
            Optional<RoleCredentials> creds = key == null
                    ? Optional.of(RoleCredentials.of((CredentialSource.StaticKeys) source))
                    : cache.readFresh(key, clock.instant());
            if (!warnings.list.isEmpty()) {
                return Look.UNKNOWN;
            }
            if (creds.isEmpty()) {
                return new Look(cache.lockPath(key), cache.path(key), fetchedHere(source), config);
            }
            Optional<String> region = Optional.empty();
            if (r.format != CredentialFormat.PROCESS) {
                region = r.region != null ? Optional.of(r.region) : source.region();
            }
            out.print(r.format.render(creds.get(), region));
            out.flush();
            return Look.ANSWERED;
        } catch (SsocredException | IllegalArgumentException e) {
            return Look.UNKNOWN;
        }
    }

    /**
     * Whether this JVM fetches a missing entry itself: an SSO role's refresh and GetRoleCredentials need no SDK
     * (aws.HttpOidcApi, aws.HttpPortalApi), unless the SDK's rules pick their endpoints (FIPS or dual-stack asked for,
     * none configured), by the same rule the clients follow. A role assumed through STS (signed requests, an MFA
     * prompt) goes to the second JVM.
     */
    private static boolean fetchedHere(CredentialSource source) {
        if (!(source instanceof CredentialSource.SsoRole s)) {
            return false;
        }
        ServiceEndpoints endpoints = s.sso().endpoints();
        return !endpoints.sdkPicks("sso") && !endpoints.sdkPicks("sso_oidc");
    }

    /** The ~/.aws/cli/cache key of a source's role credentials, or null for a profile's own keys (never cached). */
    private static String entryKey(CredentialSource source) {
        if (source instanceof CredentialSource.SsoRole s) {
            return RoleCredentialsCache.key(s.sso());
        }
        if (source instanceof CredentialSource.AssumedRole a) {
            return AssumeRoleKey.of(a);
        }
        return null;
    }

    /** Warnings kept for a look afterwards: any warning sends the call to the full path, which prints them. */
    private static final class Collected implements java.util.function.Consumer<String> {
        final List<String> list = new ArrayList<>();

        @Override
        public void accept(String warning) {
            list.add(warning);
        }
    }


    /** The arguments of a credential verb, when they are all ones this parser knows. */
    record Request(String profile, CredentialFormat format, String region) {
        static Optional<Request> parse(String[] args) {
            int verb = 0;
            String global = null;
            if (args.length > 1 && isProfileFlag(args[0])) { // ssocred -p dev env
                global = args[1];
                verb = 2;
            } else if (args.length > 0 && args[0].startsWith(Verbs.PROFILE + "=")) {
                global = args[0].substring(Verbs.PROFILE.length() + 1);
                verb = 1;
            }
            if (args.length <= verb) {
                return Optional.empty();
            }
            boolean env = args[verb].equals(Verbs.ENV);
            if (!env && !args[verb].equals(Verbs.PROCESS) && !args[verb].equals(Verbs.PROCESS_ALIAS)) {
                return Optional.empty();
            }
            List<String> names = new ArrayList<>();
            if (global != null) {
                names.add(global);
            }
            String format = env ? Verbs.DEFAULT_FORMAT : null;
            String region = null;
            boolean positional = false;
            for (int i = verb + 1; i < args.length; i++) {
                String a = args[i];
                if (isProfileFlag(a) && i + 1 < args.length) {
                    names.add(args[++i]);
                } else if (a.startsWith(Verbs.PROFILE + "=")) {
                    names.add(a.substring(Verbs.PROFILE.length() + 1));
                } else if (env && a.equals(Verbs.FORMAT) && i + 1 < args.length) {
                    format = args[++i];
                } else if (env && a.startsWith(Verbs.FORMAT + "=")) {
                    format = a.substring(Verbs.FORMAT.length() + 1);
                } else if (env && a.equals(Verbs.REGION) && i + 1 < args.length) {
                    region = args[++i];
                } else if (env && a.startsWith(Verbs.REGION + "=")) {
                    region = a.substring(Verbs.REGION.length() + 1);
                } else if (!a.startsWith("-") && !positional) {
                    names.add(a);
                    positional = true;
                } else {
                    return Optional.empty(); // --debug, --help, a second positional, anything unusual
                }
            }
            if (new java.util.HashSet<>(names).size() > 1) {
                return Optional.empty(); // two different profiles: picocli's command says so
            }
            Optional<CredentialFormat> f = env ? CredentialFormat.forEnv(format) : Optional.of(CredentialFormat.PROCESS);
            String name = names.isEmpty() ? null : names.get(0);
            return f.isPresent() ? Optional.of(new Request(name, f.get(), region)) : Optional.empty();
        }

        private static boolean isProfileFlag(String a) {
            return a.equals(Verbs.PROFILE) || a.equals(Verbs.PROFILE_SHORT);
        }
    }
}
