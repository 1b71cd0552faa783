package dev.ssocred.sso;

import java.time.Duration;
import java.time.Instant;

/** What the device flow tells the person at the terminal. Implemented in cli/; tests record the calls. */
public interface LoginListener {

    /** Shown once: where to go and which code to confirm. {@code browserOpened} says whether a browser started. */
    void prompt(OidcApi.DeviceAuthorization auth, boolean browserOpened, Instant expiresAt);

    /**
     * Shown once in the authorization-code flow: the URL the browser was sent to (or should be opened at), and
     * until when the answer is awaited.
     */
    void promptBrowser(String authorizeUrl, boolean browserOpened, Instant until);

    /** Called while waiting, about once a second, with the time left before the code expires. */
    void waiting(Duration remaining);

    /** The wait is over, successfully or not: clear any live line. */
    void done();
}
