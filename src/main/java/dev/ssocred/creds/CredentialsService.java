package dev.ssocred.creds;

import dev.ssocred.ExitCode;
import dev.ssocred.ServiceException;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoProfile;
import dev.ssocred.io.FileLock;
import dev.ssocred.sso.SsoToken;
import dev.ssocred.sso.TokenService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Role credentials for a profile: from ~/.aws/cli/cache while more than
 * {@link RoleCredentialsCache#REUSE_WINDOW_SECONDS} remains (as the AWS CLI does), else GetRoleCredentials with a
 * usable token, cached for the next caller. Fetches are single-flight across processes: N parallel callers on a cold
 * cache make one GetRoleCredentials call.
 */
public final class CredentialsService {
    private final RoleCredentialsCache cache;
    private final TokenService tokens;
    private final PortalApi.Factory portal;
    private final Clock clock;
    private final Duration lockTimeout;
    private final java.util.function.Consumer<String> warnings;

    public CredentialsService(RoleCredentialsCache cache, TokenService tokens, PortalApi.Factory portal, Clock clock,
                              Duration lockTimeout, java.util.function.Consumer<String> warnings) {
        this.warnings = warnings;
        this.cache = cache;
        this.tokens = tokens;
        this.portal = portal;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
    }

    public RoleCredentials credentials(SsoProfile profile, String fix) {
        Optional<RoleCredentials> cached = cache.readFresh(profile, clock.instant());
        if (cached.isPresent()) {
            return cached.get();
        }
        // Lock order: role entry, then (inside usableToken) the session. Nothing takes them the other way round.
        // While another process fetches, its entry is looked for at every poll: every waiter answers when it is
        // written, instead of taking the lock in turn to read it.
        FileLock.Waited<RoleCredentials> waited;
        try {
            waited = FileLock.acquireOrFind(cache.lockPath(profile), lockTimeout, clock,
                    FileLock.describeSelf("ssocred fetching role credentials for " + profile.name()), FileLock.QUIET,
                    new java.util.function.Supplier<Optional<RoleCredentials>>() { // a class: no lambda on a miss
                        @Override
                        public Optional<RoleCredentials> get() {
                            return cache.readFresh(profile, clock.instant());
                        }
                    });
        } catch (FileLock.TimeoutException e) {
            throw timedOut(lockTimeout, e.holder());
        } catch (IOException e) {
            return withoutLock(profile, fix, e);
        }
        if (waited.lock() == null) {
            return waited.found();
        }
        try (FileLock lock = waited.lock()) {
            cached = cache.readFresh(profile, clock.instant()); // written by the holder we waited for, or just before
            if (cached.isPresent()) {
                return cached.get();
            }
            return fetchAndCache(profile, fix);
        }
    }

    /** The error of a caller that waited {@code lockTimeout} for {@code holder}'s fetch (here and in cli.FastPath). */
    public static SsocredException timedOut(Duration lockTimeout, String holder) {
        return new SsocredException(ExitCode.TIMEOUT, "timed out after " + lockTimeout.toSeconds() + " s waiting for "
                + holder + " to fetch role credentials", "retry; the lock frees itself when that process exits");
    }

    /** A cache directory we cannot write is no reason to withhold credentials: fetch without the lock. */
    private RoleCredentials withoutLock(SsoProfile profile, String fix, IOException e) {
        warnings.accept("cannot lock " + cache.lockPath(profile) + " (" + e.getMessage() + "); fetching without it");
        return fetchAndCache(profile, fix);
    }

    private RoleCredentials fetchAndCache(SsoProfile profile, String fix) {
        SsoToken token = tokens.usableToken(profile.session(), profile.endpoints(), fix);
        RoleCredentials creds = fetch(profile, token, fix);
        try {
            cache.write(profile, creds);
        } catch (SsocredException e) {
            warnings.accept(e.getMessage() + "; the credentials are not cached");
        }
        return creds;
    }

    private RoleCredentials fetch(SsoProfile p, SsoToken token, String fix) {
        try {
            return portal.create(p.session().region(), p.endpoints())
                    .getRoleCredentials(token.accessToken(), p.accountId(), p.roleName());
        } catch (ServiceException e) {
            switch (e.kind()) {
                case UNAUTHORIZED:
                    throw SsocredException.loginNeeded("IAM Identity Center rejected the token for "
                            + p.session().label() + " (" + e.getMessage() + ")", "run '" + fix + "'");
                case NOT_FOUND:
                case ACCESS_DENIED:
                    throw SsocredException.config("role '" + p.roleName() + "' in account " + p.accountId()
                            + " is not assigned to you (" + e.getMessage() + ")", "check sso_account_id and "
                            + "sso_role_name of profile '" + p.name() + "'; the portal lists your roles");
                default:
                    throw new SsocredException(ExitCode.AWS, "could not get role credentials: " + e.describe(),
                            e.kind().isTransient() ? "retry in a moment" : "run with --debug for details", e);
            }
        }
    }
}
