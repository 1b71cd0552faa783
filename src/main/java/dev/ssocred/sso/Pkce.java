package dev.ssocred.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636: a 64-character verifier from the unreserved characters, and its S256 challenge. */
public record Pkce(String verifier, String challenge) {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    public Pkce {
        dev.ssocred.io.Secrets.hold(verifier);
    }

    public static Pkce generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            sb.append(UNRESERVED.charAt(random.nextInt(UNRESERVED.length())));
        }
        return of(sb.toString());
    }

    public static Pkce of(String verifier) {
        return new Pkce(verifier, challenge(verifier));
    }

    /** base64url(sha256(verifier)) without padding: 43 characters. */
    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[verifier=***, challenge=" + challenge + "]";
    }
}
