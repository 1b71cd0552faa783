package dev.ssocred.sso;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.config.SsoSession;
import dev.ssocred.io.FileLock;
import dev.ssocred.io.Timestamps;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * "Give me a usable token": the cached one while it has more than {@link #REFRESH_WINDOW} left, else a silently
 * refreshed one. Never opens a browser; when a login is needed it says why and which command to run.
 * <p>
 * Refreshes are single-flight across processes: the refresher holds the session's lock file, and a process that
 * waited for it re-reads the cache and uses the token the holder wrote. Identity Center rotates refresh tokens, so
 * a second refresh with the old refresh token would be refused and end the session for everyone.
 */
public final class TokenService {
    /** The AWS CLI refreshes tokens that have less than this left (botocore's _REFRESH_WINDOW). */
    public static final Duration REFRESH_WINDOW = Duration.ofMinutes(15);

    private final TokenCache cache;
    private final OidcApi.Factory oidc;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final Duration lockTimeout;

    public TokenService(TokenCache cache, OidcApi.Factory oidc, Clock clock, Consumer<String> warnings,
                        Duration lockTimeout) {
        this.cache = cache;
        this.oidc = oidc;
        this.clock = clock;
        this.warnings = warnings;
        this.lockTimeout = lockTimeout;
    }

    /** A token with time left, refreshing it when due. {@code fix} is the login command for this session. */
    public SsoToken usableToken(SsoSession session, ServiceEndpoints endpoints, String fix) {
        SsoToken token = read(session, fix);
        if (!needsRefresh(session, token, fix)) {
            return token;
        }
        try (FileLock lock = FileLock.acquire(cache.lockPath(session), lockTimeout, clock,
                FileLock.describeSelf("ssocred refreshing " + session.label()), FileLock.QUIET)) {
            SsoToken current = read(session, fix); // someone may have refreshed while we waited
            if (!needsRefresh(session, current, fix)) {
                return current;
            }
            return refresh(session, endpoints, current, fix);
        } catch (FileLock.TimeoutException e) {
            SsoToken current = read(session, fix);
            if (!current.isExpired(clock.instant())) {
                warnings.accept("gave up waiting for " + e.holder() + " to refresh the token for " + session.label()
                        + "; using the current one until " + local(current.expiresAt()));
                return current;
            }
            throw new SsocredException(ExitCode.TIMEOUT, "timed out after " + lockTimeout.toSeconds()
                    + " s waiting for " + e.holder() + " to refresh the token for " + session.label(),
                    "retry; the lock frees itself when that process exits");
        } catch (IOException e) {
            warnings.accept("cannot lock " + cache.lockPath(session) + " (" + e.getMessage() + "); refreshing without it");
            return refresh(session, endpoints, token, fix);
        }
    }

    private SsoToken read(SsoSession session, String fix) {
        Optional<SsoToken> token = cache.readToken(session, fix);
        if (token.isEmpty()) {
            throw SsocredException.loginNeeded("not logged in to " + session.label() + " (no cached token)",
                    "run '" + fix + "'");
        }
        return token.get();
    }

    /**
     * Whether a token is in its refresh window. botocore refreshes when "remaining < _REFRESH_WINDOW": with exactly
     * 15:00 left it uses the token as it is.
     */
    private static boolean dueForRefresh(SsoToken token, Instant now) {
        return token.remaining(now).compareTo(REFRESH_WINDOW) < 0;
    }

    /**
     * True when the token should be refreshed and can be. A token that cannot be refreshed is used as long as it
     * is valid; once expired, that is a login-needed error saying why.
     */
    private boolean needsRefresh(SsoSession session, SsoToken token, String fix) {
        Instant now = clock.instant();
        if (!dueForRefresh(token, now)) {
            return false;
        }
        Optional<String> cannot = whyNotRefreshable(session, token, now);
        if (cannot.isEmpty()) {
            return true;
        }
        if (token.isExpired(now)) {
            throw SsocredException.loginNeeded("the login for " + session.label() + " expired at "
                    + local(token.expiresAt()) + " and " + cannot.get(), loginAdvice(session, fix));
        }
        return false;
    }

    private SsoToken refresh(SsoSession session, ServiceEndpoints endpoints, SsoToken token, String fix) {
        Instant now = clock.instant();
        try {
            OidcApi.TokenGrant grant = oidc.create(session.region(), endpoints)
                    .createTokenWithRefreshToken(token.clientId(), token.clientSecret(), token.refreshToken());
            SsoToken fresh = token.refreshed(grant.accessToken(), clock.instant().plusSeconds(grant.expiresIn()),
                    grant.refreshToken());
            try {
                cache.writeToken(session, fresh);
            } catch (SsocredException e) {
                // The server has rotated the refresh token; without the file the next call cannot refresh.
                warnings.accept(e.getMessage() + "; the refreshed token is used now but not saved, so the next call "
                        + "will need '" + fix + "'");
            }
            return fresh;
        } catch (ServiceException e) {
            boolean refused = e.kind() == ServiceException.Kind.INVALID_GRANT
                    || e.kind() == ServiceException.Kind.INVALID_CLIENT || e.kind() == ServiceException.Kind.UNAUTHORIZED;
            if (!token.isExpired(now)) {
                // Still valid for a while: use it, but tell the user their session is about to end.
                warnings.accept("could not refresh the token for " + session.label() + " (" + e.getMessage()
                        + "); using the current one until " + local(token.expiresAt()));
                return token;
            }
            if (refused) {
                throw SsocredException.loginNeeded("the IAM Identity Center session for " + session.label()
                        + " has ended (refresh refused: " + e.getMessage() + "); the last token expired at "
                        + local(token.expiresAt()), "run '" + fix + "'");
            }
            throw new SsocredException(ExitCode.AWS, "could not refresh the expired token for " + session.label()
                    + ": " + e.describe(), "check your network, then retry; if it persists run '" + fix + "'", e);
        }
    }

    private Optional<String> whyNotRefreshable(SsoSession session, SsoToken token, Instant now) {
        if (session.isLegacy()) {
            return Optional.of("tokens of legacy profiles (sso_start_url on the profile) cannot be refreshed");
        }
        if (!token.canRefresh()) {
            return Optional.of("it has no refresh token (sso_registration_scopes was not set when it was issued)");
        }
        Optional<Instant> regExpiry = Timestamps.parse(token.registrationExpiresAt());
        if (regExpiry.isPresent() && !regExpiry.get().isAfter(now)) {
            return Optional.of("its client registration expired at " + local(regExpiry.get()));
        }
        return Optional.empty();
    }

    private static String loginAdvice(SsoSession session, String fix) {
        String run = "run '" + fix + "'";
        if (session.isLegacy()) {
            return run + "; to stop re-logging in every few hours, move the profile to an [sso-session] with "
                    + "sso_registration_scopes = sso:account:access";
        }
        return run;
    }

    private String local(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(t.atZone(clock.getZone()));
    }
}
