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
    private static final Duration TICK = Duration.ofSeconds(1);

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
        ClientRegistration reg = registration(session, fix);
        OidcApi.DeviceAuthorization auth = oidc.startDeviceAuthorization(reg.clientId(), reg.clientSecret(),
                session.startUrl());
        Instant deadline = clock.instant().plusSeconds(auth.expiresIn());
        // Like the CLI, try once before prompting: an already-approved authorization needs no prompt.
        OidcApi.TokenGrant grant = attempt(reg, auth, fix).grant();
        if (grant == null) {
            boolean opened = openBrowser && browser.open(auth.verificationUriComplete());
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

    private ClientRegistration registration(SsoSession session, String fix) {
        Instant now = clock.instant();
        Optional<ClientRegistration> cached;
        try {
            cached = cache.readRegistration(session, fix).filter(r -> r.usableForDeviceFlow(now));
        } catch (SsocredException e) {
            // A login is what replaces a damaged registration: say so and register anew.
            warnings.accept(e.getMessage() + "; registering a new client");
            cached = Optional.empty();
        }
        if (cached.isPresent()) {
            return cached.get();
        }
        String clientName = "ssocred-client-" + session.name().orElse(Long.toString(now.getEpochSecond()));
        OidcApi.Registered r = oidc.registerClient(clientName, session.scopes());
        Instant expires = Instant.ofEpochSecond(r.clientSecretExpiresAt());
        ClientRegistration reg = new ClientRegistration(r.clientId(), r.clientSecret(), expires,
                Timestamps.format(expires), session.scopes(), null);
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
        Instant until = clock.instant().plus(interval);
        try {
            while (clock.instant().isBefore(until)) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw expired(fix);
                }
                listener.waiting(left);
                Duration step = Duration.between(clock.instant(), until);
                sleeper.sleep(step.compareTo(TICK) < 0 ? step : TICK);
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
