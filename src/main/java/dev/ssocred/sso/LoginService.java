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

    public LoginService(TokenCache cache, Clock clock, Duration lockTimeout) {
        this.cache = cache;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
    }

    /** Runs {@code login} under the session's lock and stores its token; {@code notes} hears about waiting. */
    public SsoToken login(SsoSession session, java.util.function.Supplier<SsoToken> login, Consumer<String> notes,
                          String fix) {
        Optional<SsoToken> before = cache.readTokenIfIntact(session);
        try (FileLock lock = FileLock.acquire(cache.lockPath(session), lockTimeout, clock,
                FileLock.describeSelf("ssocred login for " + session.label()),
                holder -> notes.accept("Waiting for " + holder + " to finish; its token will be used."))) {
            if (lock.waited()) {
                Optional<SsoToken> now = cache.readTokenIfIntact(session);
                if (now.isPresent() && !now.equals(before)
                        && now.get().remaining(clock.instant()).compareTo(TokenService.REFRESH_WINDOW) > 0) {
                    notes.accept("Another ssocred process has just signed in to " + session.label() + ".");
                    return now.get();
                }
            }
            SsoToken token = login.get();
            cache.writeToken(session, token);
            return token;
        } catch (FileLock.TimeoutException e) {
            throw new SsocredException(ExitCode.TIMEOUT, "timed out after " + lockTimeout.toMinutes()
                    + " min waiting for " + e.holder() + " to finish signing in", "run '" + fix + "' again");
        } catch (IOException e) {
            throw new SsocredException(ExitCode.CONFIG, "cannot lock " + cache.lockPath(session) + ": " + e.getMessage(),
                    "check that the token cache directory is writable");
        }
    }
}
