package dev.ssocred.sso;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoSession;
import dev.ssocred.io.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The OAuth 2.0 device-authorization grant (RFC 8628) against Identity Center, as {@code aws sso login
 * --use-device-code} runs it: reuse or make a client registration, start the authorization, show the code, poll
 * CreateToken honouring {@code interval} and {@code slow_down}, and return the token in the cache's shape.
 */
public final class DeviceLogin {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final TokenCache cache;
    private final OidcApi oidc;
    private final Browser browser;
    private final Clock clock;
    private final Sleeper sleeper;
    private final java.util.function.Consumer<String> warnings;

    public DeviceLogin(TokenCache cache, OidcApi oidc, Browser browser, Clock clock, Sleeper sleeper,
                       java.util.function.Consumer<String> warnings) {
        this.warnings = warnings;
        this.cache = cache;
        this.oidc = oidc;
        this.browser = browser;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Signs in and returns the new token; the caller stores it. {@code openBrowser} false prints the URL only. */
    public SsoToken login(SsoSession session, boolean openBrowser, LoginListener listener, String fix) {
        Started started = start(session, fix);
        ClientRegistration reg = started.registration();
        OidcApi.DeviceAuthorization auth = started.authorization();
        Instant deadline = clock.instant().plusSeconds(auth.expiresIn());
        // Like the CLI, try once before prompting: an already-approved authorization needs no prompt.
        OidcApi.TokenGrant grant = attempt(reg, auth, fix).grant();
        if (grant == null) {
            // verificationUriComplete is optional in the API model; without it the person types the code.
            String url = auth.verificationUriComplete() != null ? auth.verificationUriComplete() : auth.verificationUri();
            boolean opened = openBrowser && url != null && browser.open(url);
            listener.prompt(auth, opened, deadline);
            try {
                grant = poll(reg, auth, deadline, listener, fix);
            } finally {
                listener.done();
            }
        }
        Instant now = clock.instant();
        return new SsoToken(session.startUrl(), session.region(), grant.accessToken(), now.plusSeconds(grant.expiresIn()),
                reg.clientId(), reg.clientSecret(), reg.expiresAtRaw(), grant.refreshToken());
    }

    private record Started(ClientRegistration registration, OidcApi.DeviceAuthorization authorization) {
    }

    /**
     * A registration and a started authorization. A cached registration the service no longer accepts (revoked,
     * or issued by another endpoint) is replaced once: otherwise only deleting the cache file by hand would help.
     */
    private Started start(SsoSession session, String fix) {
        Optional<ClientRegistration> cached = cachedRegistration(session, fix);
        // Plain code, not lambdas, up to the code's prompt: each lambda a JVM links costs ~0.1 ms.
        ClientRegistration reg = cached.isPresent() ? cached.get() : register(session);
        try {
            return new Started(reg, oidc.startDeviceAuthorization(reg.clientId(), reg.clientSecret(),
                    session.startUrl()));
        } catch (ServiceException e) {
            if (cached.isEmpty() || e.kind() != ServiceException.Kind.INVALID_CLIENT) {
                throw e;
            }
            warnings.accept("IAM Identity Center no longer accepts the cached client registration ("
                    + e.getMessage() + "); registering a new client");
            ClientRegistration fresh = register(session);
            return new Started(fresh, oidc.startDeviceAuthorization(fresh.clientId(), fresh.clientSecret(),
                    session.startUrl()));
        }
    }

    private Optional<ClientRegistration> cachedRegistration(SsoSession session, String fix) {
        Instant now = clock.instant();
        try {
            Optional<ClientRegistration> reg = cache.readRegistration(session, fix);
            return reg.isPresent() && reg.get().usableForDeviceFlow(now) ? reg : Optional.empty();
        } catch (SsocredException e) {
            // A login is what replaces a damaged registration: say so and register anew.
            warnings.accept(e.getMessage() + "; registering a new client");
            return Optional.empty();
        }
    }

    private ClientRegistration register(SsoSession session) {
        Instant now = clock.instant();
        String clientName = "ssocred-client-" + session.name().orElse(Long.toString(now.getEpochSecond()));
        OidcApi.Registered r = oidc.registerClient(clientName, session.requestedScopes());
        Instant expires = Instant.ofEpochSecond(r.clientSecretExpiresAt());
        ClientRegistration reg = new ClientRegistration(r.clientId(), r.clientSecret(), expires,
                Timestamps.format(expires), session.requestedScopes(), null);
        cache.writeRegistration(session, reg);
        return reg;
    }

    private OidcApi.TokenGrant poll(ClientRegistration reg, OidcApi.DeviceAuthorization auth, Instant deadline,
                                    LoginListener listener, String fix) {
        Duration interval = auth.interval() > 0 ? Duration.ofSeconds(auth.interval()) : DEFAULT_INTERVAL;
        while (true) {
            Outcome outcome = attempt(reg, auth, fix);
            if (outcome.grant() != null) {
                return outcome.grant();
            }
            if (outcome.slowDown()) {
                interval = interval.plus(SLOW_DOWN_STEP); // RFC 8628 section 3.5
            }
            wait(interval, deadline, listener, fix);
        }
    }

    /** A CreateToken result: the grant, or none yet (and whether the server asked us to slow down). */
    private record Outcome(OidcApi.TokenGrant grant, boolean slowDown) {
    }

    private Outcome attempt(ClientRegistration reg, OidcApi.DeviceAuthorization auth, String fix) {
        try {
            return new Outcome(oidc.createTokenWithDeviceCode(reg.clientId(), reg.clientSecret(), auth.deviceCode()), false);
        } catch (ServiceException e) {
            switch (e.kind()) {
                case AUTHORIZATION_PENDING:
                    return new Outcome(null, false);
                case SLOW_DOWN:
                    return new Outcome(null, true);
                case EXPIRED_TOKEN:
                    throw expired(fix);
                case ACCESS_DENIED:
                    throw new SsocredException(ExitCode.LOGIN_NEEDED, "the sign-in request was denied in the browser",
                            "run '" + fix + "' again and choose Allow");
                default:
                    throw e;
            }
        }
    }

    private void wait(Duration interval, Instant deadline, LoginListener listener, String fix) {
        try {
            if (!new Countdown(clock, sleeper).waitUntil(clock.instant().plus(interval), deadline,
                    new java.util.function.Consumer<Duration>() {
                        @Override
                        public void accept(Duration left) {
                            listener.waiting(left);
                        }
                    })) {
                throw expired(fix);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsocredException(ExitCode.TIMEOUT, "login interrupted", "run '" + fix + "' again");
        }
    }

    private static SsocredException expired(String fix) {
        return new SsocredException(ExitCode.LOGIN_NEEDED,
                "the sign-in code expired before it was confirmed in the browser", "run '" + fix + "' again");
    }
}
