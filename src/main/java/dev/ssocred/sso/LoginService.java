package dev.ssocred.sso;

import dev.ssocred.ExitCode;
import dev.ssocred.SsocredException;
import dev.ssocred.config.SsoSession;
import dev.ssocred.io.FileLock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A login that is single-flight per session across processes: while one ssocred login waits for the browser,
 * a second one for the same session waits for it and then uses the token it wrote, instead of opening a second
 * browser flow (the "21 to 74 tabs per expiry" that parallel callers caused with other tools).
 */
public final class LoginService {
    /** Longer than a device code lives (10 minutes), so a waiter outlasts the flow it waits for. */
    public static final Duration LOGIN_LOCK_TIMEOUT = Duration.ofMinutes(15);

    private final TokenCache cache;
    private final Clock clock;
    private final Duration lockTimeout;
    private final Duration writeLockTimeout;

    /**
     * {@code lockTimeout} bounds the wait for another login; {@code writeLockTimeout} the wait for a refresh in
     * progress when the new token is stored.
     */
    public LoginService(TokenCache cache, Clock clock, Duration lockTimeout, Duration writeLockTimeout) {
        this.cache = cache;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
        this.writeLockTimeout = writeLockTimeout;
    }

    /**
     * Runs {@code login} under the session's login lock and stores its token; {@code notes} hears about waiting.
     * The login lock is not the lock that refreshes and role fetches take: a person typing a password and an MFA
     * code in one terminal must not stall {@code credential_process} in another, whose refresh token still works.
     * The session's own lock is taken only for the moment of writing.
     */
    public SsoToken login(SsoSession session, java.util.function.Supplier<SsoToken> login, Consumer<String> notes,
                          String fix) {
        Optional<SsoToken> before = cache.readTokenIfIntact(session);
        try (FileLock lock = FileLock.acquire(cache.loginLockPath(session), lockTimeout, clock,
                FileLock.describeSelf("ssocred login for " + session.label()),
                new Consumer<String>() { // a class, not a lambda: a login links none before its prompt
                    @Override
                    public void accept(String holder) {
                        notes.accept("Waiting for " + holder + " to finish; its token will be used.");
                    }
                })) {
            if (lock.waited()) {
                Optional<SsoToken> now = cache.readTokenIfIntact(session);
                if (now.isPresent() && !now.equals(before)
                        && now.get().remaining(clock.instant()).compareTo(TokenService.REFRESH_WINDOW) >= 0) {
                    notes.accept("Another ssocred process has just signed in to " + session.label() + ".");
                    return now.get();
                }
            }
            SsoToken token = login.get();
            store(session, token, notes);
            return token;
        } catch (FileLock.TimeoutException e) {
            throw new SsocredException(ExitCode.TIMEOUT, "timed out after " + lockTimeout.toMinutes()
                    + " min waiting for " + e.holder() + " to finish signing in", "run '" + fix + "' again");
        } catch (IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot lock " + cache.loginLockPath(session) + ": "
                    + e.getMessage(), "check that the token cache directory is writable");
        }
    }

    /** Writes under the session's lock, so a refresh that is under way finishes first; the write is atomic anyway. */
    private void store(SsoSession session, SsoToken token, Consumer<String> notes) {
        try (FileLock lock = FileLock.acquire(cache.lockPath(session), writeLockTimeout, clock,
                FileLock.describeSelf("ssocred storing a new login for " + session.label()), FileLock.QUIET)) {
            cache.writeToken(session, token);
        } catch (FileLock.TimeoutException | IOException e) {
            notes.accept("ssocred: warning: could not lock " + cache.lockPath(session) + "; storing the token without it");
            cache.writeToken(session, token);
        }
    }
}
