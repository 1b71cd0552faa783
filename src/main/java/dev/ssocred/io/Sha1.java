package dev.ssocred.io;

import java.nio.charset.StandardCharsets;

/**
 * Lower-case SHA-1 hex of a UTF-8 string: how every AWS tool names its cache files. Computed here (FIPS 180-4,
 * section 6.1) rather than through {@code MessageDigest}: the cache-hit path would otherwise initialise the JCA
 * provider framework, ~12 ms of a ~120 ms run. It names files; it protects nothing.
 */
public final class Sha1 {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private Sha1() {
    }

    /** Built from bytes, not chars: {@code new String(char[])} loads and sets up StringUTF16 on a hit for nothing. */
    public static String hex(String s) {
        byte[] digest = digest(s.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[40];
        for (int i = 0; i < 20; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Rotations spelled out: interpreted, as on every cache hit, each Integer.rotateLeft is a call, ~300 a block. */
    static byte[] digest(byte[] message) {
        byte[] m = pad(message);
        int padded = m.length;
        int h0 = 0x67452301;
        int h1 = 0xEFCDAB89;
        int h2 = 0x98BADCFE;
        int h3 = 0x10325476;
        int h4 = 0xC3D2E1F0;
        int[] w = new int[80];
        for (int block = 0; block < padded; block += 64) {
            for (int t = 0; t < 16; t++) {
                int j = block + 4 * t;
                w[t] = (m[j] & 0xff) << 24 | (m[j + 1] & 0xff) << 16 | (m[j + 2] & 0xff) << 8 | (m[j + 3] & 0xff);
            }
            for (int t = 16; t < 80; t++) {
                int x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
                w[t] = x << 1 | x >>> 31;
            }
            int a = h0;
            int b = h1;
            int c = h2;
            int d = h3;
            int e = h4;
            for (int t = 0; t < 80; t++) {
                int f;
                int k;
                if (t < 20) {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                } else if (t < 40) {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                } else if (t < 60) {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                } else {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }
                int temp = (a << 5 | a >>> 27) + f + e + k + w[t];
                e = d;
                d = c;
                c = b << 30 | b >>> 2;
                b = a;
                a = temp;
            }
            h0 += a;
            h1 += b;
            h2 += c;
            h3 += d;
            h4 += e;
        }
        return bytes(new int[] {h0, h1, h2, h3, h4});
    }

    /** The digest's words, big-endian, as SHA-1 and SHA-256 both give them out. */
    static byte[] bytes(int[] words) {
        byte[] out = new byte[4 * words.length];
        for (int i = 0; i < words.length; i++) {
            out[4 * i] = (byte) (words[i] >>> 24);
            out[4 * i + 1] = (byte) (words[i] >>> 16);
            out[4 * i + 2] = (byte) (words[i] >>> 8);
            out[4 * i + 3] = (byte) words[i];
        }
        return out;
    }

    /** The padding SHA-1 and SHA-256 share: 0x80, zeros, then the bit length (64-bit big-endian), to 64-byte blocks. */
    static byte[] pad(byte[] message) {
        int padded = ((message.length + 8) / 64 + 1) * 64;
        byte[] m = new byte[padded];
        System.arraycopy(message, 0, m, 0, message.length);
        m[message.length] = (byte) 0x80;
        long bits = (long) message.length * 8;
        for (int i = 0; i < 8; i++) {
            m[padded - 1 - i] = (byte) (bits >>> (8 * i));
        }
        return m;
    }
}
