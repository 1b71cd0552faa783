package dev.ssocred.sso;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoSession;
import dev.ssocred.io.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The OAuth 2.0 authorization-code grant with PKCE (RFC 7636), as {@code aws sso login} runs it for sso-session
 * profiles since CLI 2.22: listen on 127.0.0.1, register (or reuse) a client for that grant, send the browser to
 * {@code /authorize} with an S256 challenge and a random state, receive the code on the loopback, and exchange it
 * with the verifier. Returns the token in the cache's shape; the caller stores it.
 */
public final class AuthCodeLogin {
    /** The AWS CLI waits this long for the browser. */
    public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(10);
    /** Registered without a port, as the AWS CLI registers it; the port is added when used. */
    static final String REGISTERED_REDIRECT = "http://127.0.0.1" + LoopbackCallback.PATH;
    static final List<String> DEFAULT_SCOPES = List.of("sso:account:access");

    private final TokenCache cache;
    private final OidcApi oidc;
    private final Browser browser;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final RandomBytes random;

    public AuthCodeLogin(TokenCache cache, OidcApi oidc, Browser browser, Clock clock, Consumer<String> warnings,
                         RandomBytes random) {
        this.cache = cache;
        this.oidc = oidc;
        this.browser = browser;
        this.clock = clock;
        this.warnings = warnings;
        this.random = random;
    }

    /** What to do when no browser could be started: wait for the URL to be opened by hand, or give up. */
    public enum NoBrowser { WAIT, GIVE_UP }

    /** Thrown when no browser started and the caller asked to give up: it falls back to the device code. */
    public static final class NoBrowserException extends RuntimeException {
        NoBrowserException() {
            super("no browser could be started", null, false, false);
        }
    }

    /**
     * Signs in. {@code port} 0 takes any free port; a fixed one makes {@code ssh -L port:127.0.0.1:port} work.
     * {@code openBrowser} false prints the URL only (someone opens it on this machine or through a tunnel).
     */
    public SsoToken login(SsoSession session, int port, boolean openBrowser, NoBrowser noBrowser, Duration limit,
                          LoginListener listener, String fix) {
        String state = random.uuid();
        // Listening first: a browser that is already signed in may come back at once.
        try (LoopbackCallback callback = LoopbackCallback.listen(port, state)) {
            ClientRegistration reg = registration(session);
            Pkce pkce = Pkce.generate(random);
            String url = authorizeUrl(reg, callback.redirectUri(), state, pkce, session);
            boolean opened = openBrowser && browser.open(url);
            if (openBrowser && !opened && noBrowser == NoBrowser.GIVE_UP) {
                throw new NoBrowserException();
            }
            Instant until = clock.instant().plus(limit);
            listener.promptBrowser(url, opened, until);
            LoopbackCallback.Result result;
            try {
                Optional<LoopbackCallback.Result> came = awaitWithCountdown(callback, until, listener);
                if (came.isEmpty()) {
                    throw expired(fix, limit);
                }
                result = came.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SsocredException(ExitCode.TIMEOUT, "login interrupted", "run '" + fix + "' again");
            } finally {
                listener.done();
            }
            if (callback.forged() > 0) {
                warnings.accept(callback.forged() + " answer(s) with a state that was not ours reached 127.0.0.1:"
                        + callback.port() + " and were ignored");
            }
            if (result.error() != null) {
                boolean denied = result.error().equals("access_denied");
                throw new SsocredException(ExitCode.LOGIN_NEEDED, denied ? "the sign-in was denied in the browser"
                        : "the browser came back without a sign-in (" + result.error() + ")",
                        denied ? "run '" + fix + "' again and choose Allow" : "run '" + fix + "' again");
            }
            OidcApi.TokenGrant grant = exchange(reg, result.code(), callback.redirectUri(), pkce, fix);
            Instant now = clock.instant();
            return new SsoToken(session.startUrl(), session.region(), grant.accessToken(),
                    now.plusSeconds(grant.expiresIn()), reg.clientId(), reg.clientSecret(), reg.expiresAtRaw(),
                    grant.refreshToken());
        }
    }

    /** Waits in steps of a second so the terminal can count down; empty when {@code until} passes. */
    private Optional<LoopbackCallback.Result> awaitWithCountdown(LoopbackCallback callback, Instant until,
                                                                 LoginListener listener) throws InterruptedException {
        while (true) {
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) {
                return Optional.empty();
            }
            listener.waiting(left);
            Optional<LoopbackCallback.Result> r = callback.await(Countdown.min(left, Countdown.TICK));
            if (r.isPresent()) {
                return r;
            }
        }
    }

    private OidcApi.TokenGrant exchange(ClientRegistration reg, String code, String redirectUri, Pkce pkce, String fix) {
        try {
            return oidc.createTokenWithAuthCode(reg.clientId(), reg.clientSecret(), code, redirectUri, pkce.verifier());
        } catch (ServiceException e) {
            if (e.kind() == ServiceException.Kind.EXPIRED_TOKEN || e.kind() == ServiceException.Kind.INVALID_GRANT) {
                throw new SsocredException(ExitCode.LOGIN_NEEDED, "IAM Identity Center did not accept the code the "
                        + "browser brought (" + e.getMessage() + ")", "run '" + fix + "' again");
            }
            throw e;
        }
    }

    /** A cached registration for this grant, else a new one, cached under the AWS CLI's key (which it shares). */
    private ClientRegistration registration(SsoSession session) {
        Instant now = clock.instant();
        Optional<ClientRegistration> cached;
        try {
            cached = cache.readRegistration(session, "");
            if (cached.isPresent() && !cached.get().usableForAuthCode(now)) {
                cached = Optional.empty();
            }
        } catch (SsocredException e) {
            warnings.accept(e.getMessage() + "; registering a new client");
            cached = Optional.empty();
        }
        if (cached.isPresent()) {
            return cached.get();
        }
        List<String> scopes = session.requestedScopes() != null ? session.requestedScopes() : DEFAULT_SCOPES;
        String name = "ssocred-client-" + session.name().orElse(Long.toString(now.getEpochSecond()));
        OidcApi.Registered r = oidc.registerClientForAuthCode(name, scopes, REGISTERED_REDIRECT, session.startUrl());
        Instant expires = Instant.ofEpochSecond(r.clientSecretExpiresAt());
        ClientRegistration reg = new ClientRegistration(r.clientId(), r.clientSecret(), expires,
                Timestamps.format(expires), scopes, List.of(ClientRegistration.AUTH_CODE_GRANT, "refresh_token"));
        cache.writeRegistration(session, reg);
        return reg;
    }

    /**
     * The AWS CLI's authorize URL: its parameters in its order, RFC 3986 percent-encoding, {@code scopes} (sic)
     * space-joined, and the challenge last.
     */
    String authorizeUrl(ClientRegistration reg, String redirectUri, String state, Pkce pkce, SsoSession session) {
        List<String> scopes = reg.scopes() != null ? reg.scopes() : DEFAULT_SCOPES;
        return oidc.authorizeBase() + "/authorize?response_type=code&client_id=" + encode(reg.clientId())
                + "&redirect_uri=" + encode(redirectUri) + "&state=" + encode(state)
                + "&code_challenge_method=S256&scopes=" + encode(String.join(" ", scopes))
                + "&code_challenge=" + pkce.challenge();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static SsocredException expired(String fix, Duration limit) {
        return new SsocredException(ExitCode.TIMEOUT, "the browser did not come back within " + limit.toMinutes()
                + " min", "run '" + fix + "' again, or use --use-device-code to sign in with a code instead");
    }
}
