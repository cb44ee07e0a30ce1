package org.sealbook.toolkit.explain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Finds the names closest to a mistyped one, by edit distance ignoring case: the "did you mean" of every refusal. */
public final class Names {
    private static final LevenshteinDistance EDITS = LevenshteinDistance.getDefaultInstance();

    private Names() {
    }

    public static List<String> closest(String wanted, Collection<String> known, int limit) {
        List<String> sorted = new ArrayList<>(known);
        String w = wanted.toLowerCase(Locale.ROOT);
        // Stable sort: ties keep the file's column order.
        sorted.sort(Comparator.comparingInt(n -> EDITS.apply(w, n.toLowerCase(Locale.ROOT))));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }
}
