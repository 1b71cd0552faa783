package dev.ssocred.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Did you mean": edit distance with transpositions, and how far off a name may be for its length. */
class SuggestTest {
    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertEquals(0, Suggest.distance("dev", "dev"));
        assertEquals(1, Suggest.distance("dve", "dev"), "a swap is one edit");
        assertEquals(1, Suggest.distance("de", "dev"));
        assertEquals(1, Suggest.distance("devv", "dev"));
        assertEquals(1, Suggest.distance("dex", "dev"));
        assertEquals(3, Suggest.distance("", "dev"));
        assertEquals(3, Suggest.distance("abc", ""));
        assertEquals(2, Suggest.distance("ab", "bac"), "a swap and an insertion");
        assertEquals(3, Suggest.distance("kitten", "sitting"));
    }

    @Test
    void theClosestNameWithinAThirdOfItsLengthOneToTwoEdits() {
        List<String> names = List.of("dev", "prod", "production", "staging");
        assertEquals(Optional.of("dev"), Suggest.closest("dve", names));
        assertEquals(Optional.of("dev"), Suggest.closest("DEV", names), "case alone is distance 0");
        assertEquals(Optional.of("staging"), Suggest.closest("stagign", names));
        assertEquals(Optional.of("production"), Suggest.closest("prodution", names));
        assertEquals(Optional.of("staging"), Suggest.closest("stagxxg", names), "7 letters allow 2 edits");
        assertEquals(Optional.empty(), Suggest.closest("stxxxng", names), "3 edits is too far");
        assertEquals(Optional.empty(), Suggest.closest("dxx", names), "3 letters allow 1 edit");
        assertEquals(Optional.of("dev"), Suggest.closest("dxv", names));
        assertEquals(Optional.empty(), Suggest.closest("x", List.of()));
        assertEquals(Optional.of("prod"), Suggest.closest("prd", names), "the nearer of prod and production");
    }
}
