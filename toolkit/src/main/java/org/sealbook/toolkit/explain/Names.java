package org.sealbook.toolkit.explain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the names closest to a mistyped one, by edit distance ignoring case: the "did you mean" of every refusal. */
public final class Names {
    private Names() {
    }

    public static List<String> closest(String wanted, Collection<String> known, int limit) {
        List<String> sorted = new ArrayList<>(known);
        String w = wanted.toLowerCase(Locale.ROOT);
        // Stable sort: ties keep the file's column order.
        sorted.sort(Comparator.comparingInt(n -> distance(w, n.toLowerCase(Locale.ROOT))));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    /** Insertions, deletions and substitutions needed to turn one string into the other. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
