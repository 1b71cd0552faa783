package dev.ssocred.sso;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a browser login's secrets come from: the PKCE verifier and the OAuth state. {@link #SYSTEM} reads the
 * kernel's generator, {@code /dev/urandom}, which is what the JDK's default {@code SecureRandom} on Linux and macOS
 * reads as well; without the JCA provider framework, which takes ~10 ms to set up before a login's prompt. Where
 * there is no such device, {@code SecureRandom}.
 */
@FunctionalInterface
public interface RandomBytes {
    /** Fills {@code into} with unpredictable bytes. */
    void fill(byte[] into);

    RandomBytes SYSTEM = from(Path.of("/dev/urandom"));

    /** Reads {@code device}; when it cannot be read, a {@code SecureRandom}. For tests: any path. */
    static RandomBytes from(Path device) {
        return new RandomBytes() {
            @Override
            public void fill(byte[] into) {
                try (InputStream in = Files.newInputStream(device)) {
                    if (in.readNBytes(into, 0, into.length) == into.length) {
                        return;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // no such device here: the JDK's generator below
                }
                new java.security.SecureRandom().nextBytes(into);
            }
        };
    }

    /** A version 4 (random) UUID, as {@code UUID.randomUUID()} makes one, from these bytes. */
    default String uuid() {
        byte[] b = new byte[16];
        fill(b);
        b[6] = (byte) (b[6] & 0x0f | 0x40); // version 4
        b[8] = (byte) (b[8] & 0x3f | 0x80); // the IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = msb << 8 | (b[i] & 0xff);
            lsb = lsb << 8 | (b[8 + i] & 0xff);
        }
        return new java.util.UUID(msb, lsb).toString();
    }
}
