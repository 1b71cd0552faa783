package dev.ssocred.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Property tests without a framework: {@code samples} values drawn from a seeded {@link Random}, each checked, and a
 * failure names the seed and the sample so it can be replayed. The seed is fixed unless {@code -Dssocred.seed=N}
 * asks for another, so CI is repeatable and a developer can explore.
 */
public final class Generated {
    public static final long DEFAULT_SEED = 20261123L;

    private Generated() {
    }

    public static long seed() {
        return Long.getLong("ssocred.seed", DEFAULT_SEED);
    }

    /** {@code samples} values from {@code generator}, then edge cases appended by the caller's list. */
    public static <T> List<T> samples(int samples, Function<Random, T> generator) {
        Random r = new Random(seed());
        List<T> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            out.add(generator.apply(r));
        }
        return out;
    }

    /** Runs {@code check} on each sample; a failure names the seed, the index and the sample. */
    public static <T> void forAll(List<T> samples, ThrowingConsumer<T> check) {
        for (int i = 0; i < samples.size(); i++) {
            T sample = samples.get(i);
            try {
                check.accept(sample);
            } catch (Throwable t) {
                throw new AssertionError("sample " + i + " (seed " + seed() + "): " + show(sample), t);
            }
        }
    }

    /** A string from {@code alphabet}, up to {@code max} characters. */
    public static String string(Random r, String alphabet, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String show(Object sample) {
        StringBuilder sb = new StringBuilder();
        for (char c : String.valueOf(sample).toCharArray()) {
            sb.append(c < 0x20 || (c >= 0x7f && c <= 0xa0) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    @FunctionalInterface
    public interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }
}
