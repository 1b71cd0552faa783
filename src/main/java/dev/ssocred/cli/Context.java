package dev.ssocred.cli;

import dev.ssocred.config.AwsConfig;
import dev.ssocred.config.AwsPaths;
import dev.ssocred.config.Environment;
import dev.ssocred.config.ProfileResolver;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.creds.CredentialsService;
import dev.ssocred.creds.PortalApi;
import dev.ssocred.creds.RoleCredentialsCache;
import dev.ssocred.sso.Browser;
import dev.ssocred.sso.DeviceLogin;
import dev.ssocred.sso.LoginService;
import dev.ssocred.sso.OidcApi;
import dev.ssocred.sso.Sleeper;
import dev.ssocred.sso.TokenCache;
import dev.ssocred.sso.TokenService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a command needs, built by {@code Main} (real adapters) or by tests (fakes). Services are created on
 * first use so that a command pays only for what it touches.
 */
public final class Context {
    /** Long enough for a refresh that retries through a slow network; a holder that dies frees the lock at once. */
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(120);
    private final Environment env;
    private final AwsPaths paths;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean stderrIsTerminal;
    private final Supplier<OidcApi.Factory> oidc;
    private final Supplier<PortalApi.Factory> portal;
    private final Browser browser;
    private final Sleeper sleeper;
    private final Set<String> warned = new LinkedHashSet<>();
    private boolean debug;
    private AwsConfig config;
    private TokenService tokenService;

    // Classes, not lambdas or method references, for what every Context makes: each lambda a JVM links costs ~0.1 ms
    // of invokedynamic, and a login or a cache miss linked ~30 of them before its prompt or fetch
    // (docs/performance.md).
    /** {@link #warn}, as the services take it. */
    private final java.util.function.Consumer<String> warnings = new java.util.function.Consumer<>() {
        @Override
        public void accept(String message) {
            warn(message);
        }
    };
    /** {@link #sts}, as the role chain takes it. */
    private final Supplier<dev.ssocred.creds.StsApi> stsApis = new Supplier<>() {
        @Override
        public dev.ssocred.creds.StsApi get() {
            return sts();
        }
    };
    /** {@link #display}, as the caches take it. */
    private final java.util.function.Function<Path, String> displays = new java.util.function.Function<>() {
        @Override
        public String apply(Path p) {
            return display(p);
        }
    };

    private Supplier<dev.ssocred.creds.StsApi> sts = new Supplier<>() {
        @Override
        public dev.ssocred.creds.StsApi get() {
            throw new IllegalStateException("no STS adapter wired");
        }
    };

    /** The STS adapter, wired by Main; tests give a fake. */
    public Context withSts(Supplier<dev.ssocred.creds.StsApi> sts) {
        this.sts = sts;
        return this;
    }

    public dev.ssocred.creds.StsApi sts() {
        return sts.get();
    }

    private Supplier<dev.ssocred.console.SigninApi> signin = new Supplier<>() {
        @Override
        public dev.ssocred.console.SigninApi get() {
            throw new IllegalStateException("no sign-in adapter wired");
        }
    };

    /** The federation endpoint adapter, wired by Main; tests give a fake or the emulator. */
    public Context withSignin(Supplier<dev.ssocred.console.SigninApi> signin) {
        this.signin = signin;
        return this;
    }

    public dev.ssocred.console.SigninApi signin() {
        return signin.get();
    }

    public Browser browser() {
        return browser;
    }

    public Context(Environment env, Clock clock, PrintWriter out, PrintWriter err, boolean stderrIsTerminal,
                   Supplier<OidcApi.Factory> oidc, Supplier<PortalApi.Factory> portal, Browser browser, Sleeper sleeper) {
        this.env = env;
        this.paths = AwsPaths.from(env);
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.stderrIsTerminal = stderrIsTerminal;
        this.oidc = oidc;
        this.portal = portal;
        this.browser = browser;
        this.sleeper = sleeper;
    }

    public Environment env() {
        return env;
    }

    public AwsPaths paths() {
        return paths;
    }

    public Clock clock() {
        return clock;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    public boolean debug() {
        return debug;
    }

    void setDebug(boolean debug) {
        this.debug = debug;
    }

    private String globalProfile;

    /** {@code ssocred -p dev env}: the profile named before the verb, or null. */
    String globalProfile() {
        return globalProfile;
    }

    void setGlobalProfile(String name) {
        this.globalProfile = name;
    }

    /** Prints a warning once per run on stderr. */
    public void warn(String message) {
        if (warned.add(message)) {
            err.println("ssocred: warning: " + Sanitize.line(message));
            err.flush();
        }
    }

    /** Diagnostics for --debug: names, paths and expiries only, never a secret. */
    public void debug(Supplier<String> message) {
        if (debug) {
            debug(message.get());
        }
    }

    /**
     * The same for a line already made. Up to a login's prompt and on a cache miss, callers build it under
     * {@code if (ctx.debug())} rather than hand over a lambda: each lambda a JVM links costs it ~0.1 ms
     * (docs/performance.md).
     */
    public void debug(String message) {
        if (debug) {
            err.println("ssocred: debug: " + Sanitize.line(message));
            err.flush();
        }
    }

    public String display(Path p) {
        return AwsConfig.display(p, env);
    }

    /**
     * The config the front door already read for this call (cli.FastPath), so that a miss does not parse the files
     * twice; it read them without a warning, or it would not have come this far.
     */
    void reuse(AwsConfig loaded) {
        if (config == null) {
            config = loaded.warningTo(warnings);
        }
    }

    private AwsConfig config() {
        if (config == null) {
            config = AwsConfig.load(paths, env, warnings);
            if (debug) {
                debug("config " + display(paths.configFile()) + ", credentials " + display(paths.credentialsFile()));
            }
        }
        return config;
    }

    public ProfileResolver resolver() {
        return new ProfileResolver(config(), env);
    }

    public TokenCache tokenCache() {
        return new TokenCache(paths.ssoCacheDir(), displays, warnings);
    }

    private TokenService tokenService() {
        if (tokenService == null) {
            tokenService = new TokenService(tokenCache(), new OidcApi.Factory() {
                @Override
                public OidcApi create(String region, ServiceEndpoints endpoints) {
                    return oidc.get().create(region, endpoints);
                }
            }, clock, warnings, lockTimeout());
        }
        return tokenService;
    }

    public RoleCredentialsCache roleCache() {
        return new RoleCredentialsCache(paths.cliCacheDir(), displays, warnings);
    }

    /** Which kind of source a profile is: role chain, Identity Center role or keys. */
    public dev.ssocred.config.SourceResolver sources() {
        return new dev.ssocred.config.SourceResolver(resolver(), env, warnings);
    }

    private dev.ssocred.creds.MfaPrompt mfa;

    /** Tests answer MFA prompts without a terminal. */
    public Context withMfaPrompt(dev.ssocred.creds.MfaPrompt mfa) {
        this.mfa = mfa;
        return this;
    }

    /**
     * Credentials for any source. {@code mayPrompt} false for credential_process: an MFA code that is needed and not
     * cached is an error with the command that asks for it, never a prompt the calling SDK cannot answer.
     */
    public dev.ssocred.creds.CredentialChain credentials(boolean mayPrompt) {
        return credentials(mayPrompt ? null : "credential_process cannot ask for it");
    }

    /** The same, never asking for an MFA code when {@code refusal} (why not) is given. */
    dev.ssocred.creds.CredentialChain credentials(String refusal) {
        dev.ssocred.creds.MfaPrompt prompt = mfa != null && refusal == null ? mfa : new TerminalMfaPrompt(refusal);
        return new dev.ssocred.creds.CredentialChain(credentialsService(), new dev.ssocred.creds.AssumeRoleService(
                roleCache(), stsApis, prompt, clock, lockTimeout(), warnings));
    }

    /** The credentials of profile {@code name} for a command a person runs (MFA may be asked for). */
    public dev.ssocred.creds.RoleCredentials credentials(dev.ssocred.config.CredentialSource source) {
        return credentials(true).credentials(source, CredentialVerb.loginCommand(source.profile()));
    }

    public CredentialsService credentialsService() {
        return new CredentialsService(new RoleCredentialsCache(paths.cliCacheDir(), displays, warnings),
                tokenService(), new PortalApi.Factory() {
                    @Override
                    public dev.ssocred.creds.PortalApi create(String region, ServiceEndpoints endpoints) {
                        return portal.get().create(region, endpoints);
                    }
                }, clock, lockTimeout(), warnings);
    }

    public LoginService loginService() {
        Duration timeout = env.get("SSOCRED_LOCK_TIMEOUT").isPresent() ? lockTimeout() : LoginService.LOGIN_LOCK_TIMEOUT;
        return new LoginService(tokenCache(), clock, timeout, lockTimeout());
    }

    /** How long to wait for another ssocred process holding a lock: SSOCRED_LOCK_TIMEOUT seconds, default 120. */
    Duration lockTimeout() {
        return lockTimeout(env);
    }

    /** {@code SSOCRED_LOCK_TIMEOUT} seconds, else the default; a usage error when it is not a number. */
    static Duration lockTimeout(Environment env) {
        Optional<String> raw = env.get("SSOCRED_LOCK_TIMEOUT");
        try {
            return raw.isPresent() ? Duration.ofSeconds(Long.parseLong(raw.get().strip())) : DEFAULT_LOCK_TIMEOUT;
        } catch (NumberFormatException e) {
            throw new dev.ssocred.SsocredException(dev.ssocred.ExitCode.USAGE, "SSOCRED_LOCK_TIMEOUT must be a number of "
                    + "seconds", "unset SSOCRED_LOCK_TIMEOUT or set it to e.g. 120");
        }
    }

    /** A token with time left for {@code session}, refreshed if due; never a browser. */
    public dev.ssocred.sso.SsoToken usableToken(dev.ssocred.config.SsoSession session,
                                                dev.ssocred.config.ServiceEndpoints endpoints, String fix) {
        return tokenService().usableToken(session, endpoints, fix);
    }

    public PortalApi portal(String region, dev.ssocred.config.ServiceEndpoints endpoints) {
        return portal.get().create(region, endpoints);
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public dev.ssocred.sso.AuthCodeLogin authCodeLogin(String region, dev.ssocred.config.ServiceEndpoints endpoints) {
        return new dev.ssocred.sso.AuthCodeLogin(tokenCache(), oidc.get().create(region, endpoints), browser, clock,
                warnings, dev.ssocred.sso.RandomBytes.SYSTEM);
    }

    public DeviceLogin deviceLogin(String region, dev.ssocred.config.ServiceEndpoints endpoints) {
        return new DeviceLogin(tokenCache(), oidc.get().create(region, endpoints), browser, clock, sleeper, warnings);
    }
}
