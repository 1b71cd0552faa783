package dev.ssocred.sso;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 7636: a 64-character verifier from the unreserved characters, and its S256 challenge. */
public record Pkce(String verifier, String challenge) {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    public Pkce {
        dev.ssocred.io.Secrets.hold(verifier);
    }

    /** 64 characters drawn uniformly from the 66 unreserved ones (bytes of 198 and above are drawn again). */
    public static Pkce generate(RandomBytes random) {
        StringBuilder sb = new StringBuilder(64);
        byte[] bytes = new byte[96];
        while (sb.length() < 64) {
            random.fill(bytes);
            for (int i = 0; i < bytes.length && sb.length() < 64; i++) {
                int b = bytes[i] & 0xff;
                if (b < 3 * UNRESERVED.length()) {
                    sb.append(UNRESERVED.charAt(b % UNRESERVED.length()));
                }
            }
        }
        return of(sb.toString());
    }

    public static Pkce of(String verifier) {
        return new Pkce(verifier, challenge(verifier));
    }

    /** base64url(sha256(verifier)) without padding: 43 characters. */
    static String challenge(String verifier) {
        byte[] hash = dev.ssocred.io.Sha256.digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    @Override
    public String toString() {
        return "Pkce[verifier=***, challenge=" + challenge + "]";
    }
}
