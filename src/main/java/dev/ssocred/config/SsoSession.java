package dev.ssocred.config;

import java.util.List;
import java.util.Optional;

/**
 * What a login needs: the Identity Center start URL and region, and for the refreshable kind the sso-session's
 * name and registration scopes. {@code name} is empty for a legacy profile (start URL on the profile itself).
 * {@code scopes} is null when {@code sso_registration_scopes} is absent, which the CLI's registration key hashes as null.
 */
public record SsoSession(Optional<String> name, String startUrl, String region, List<String> scopes) {

    public SsoSession {
        scopes = scopes == null ? null : List.copyOf(scopes);
    }

    /**
     * The scopes to register with, as the AWS CLI sends and stores them ({@code if scopes:}): none for an absent or
     * blank {@code sso_registration_scopes}. {@link #scopes()} keeps the difference, which the registration file's
     * name depends on (null and [] hash differently).
     */
    public List<String> requestedScopes() {
        return scopes == null || scopes.isEmpty() ? null : scopes;
    }

    public boolean isLegacy() {
        return name.isEmpty();
    }

    /** How messages refer to it: {@code sso-session 'corp'} or the start URL. */
    public String label() {
        return name.isPresent() ? "sso-session '" + name.get() + "'" : startUrl;
    }

    /** botocore's parsing: comma-separated, each piece trimmed, empty pieces dropped. */
    public static List<String> parseScopes(String raw) {
        // A loop, not a stream: this runs on every credential_process call, and java.util.stream is ~50 classes.
        List<String> scopes = new java.util.ArrayList<>();
        for (String piece : raw.split(",")) {
            String s = piece.strip();
            if (!s.isEmpty()) {
                scopes.add(s);
            }
        }
        return List.copyOf(scopes);
    }
}
