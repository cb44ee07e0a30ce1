package org.sealbook.toolkit.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Plain-language definitions of the words the stages use, looked up by name, any case, singular or plural. */
public final class Glossary {
    private static final LevenshteinDistance EDITS = LevenshteinDistance.getDefaultInstance();
    private static final Map<String, String> ALIASES = Map.of(
            "generalization gap", "generalisation gap",
            "median absolute deviation", "MAD",
            "area under the curve", "AUC",
            "z score", "modified z-score",
            "label", "target",
            "population stability index", "PSI",
            "kolmogorov smirnov distance", "KS distance",
            "outcome", "target");

    private final List<Term> terms;
    private final Map<String, Term> byKey = new LinkedHashMap<>();
    private final Map<String, Term> bySingular = new LinkedHashMap<>();

    private Glossary(List<Term> terms) {
        this.terms = List.copyOf(terms);
        for (Term term : this.terms) {
            byKey.put(key(term.name()), term);
        }
        ALIASES.forEach((alias, name) -> byKey.put(key(alias), byKey.get(key(name))));
        // Terms that are plural themselves ("class weights") are found from the singular too.
        byKey.forEach((key, term) -> bySingular.putIfAbsent(singular(key), term));
    }

    /** The glossary the stages use. */
    public static Glossary standard() {
        return new Glossary(Definitions.ALL);
    }

    /** Every term, in the order the glossary lists them. */
    public List<Term> terms() {
        return terms;
    }

    /** The term {@code word} names, ignoring case, dashes and a plural ending; empty if none. */
    public Optional<Term> find(String word) {
        if (word == null || word.isBlank()) {
            return Optional.empty();
        }
        String key = key(word);
        Term term = byKey.get(key);
        if (term == null) {
            term = bySingular.get(singular(key));
        }
        return Optional.ofNullable(term);
    }

    /** What {@code %glossary WORD} prints: the definition, or a sentence naming the nearest terms. */
    public String lookup(String word) {
        return find(word).map(t -> t.name() + ": " + t.definition()).orElseGet(() -> unknown(word));
    }

    /** The sentence for a word the glossary lacks, naming the closest terms it has. */
    public String unknown(String word) {
        if (word == null || word.isBlank()) {
            return "Name a term to look up, for example %glossary outlier; the glossary has "
                    + terms.size() + " terms.";
        }
        List<String> nearest = nearest(word, 3);
        return "The glossary has no entry for \"" + word.strip() + "\"; the nearest terms are "
                + String.join(", ", nearest) + ", so try %glossary " + nearest.get(0) + ".";
    }

    /** The {@code count} terms whose names are closest in spelling to {@code word}. */
    public List<String> nearest(String word, int count) {
        String key = singular(key(word));
        return terms.stream()
                .sorted(Comparator.comparingInt((Term t) -> distance(key, key(t.name())))
                        .thenComparing(Term::name))
                .limit(count).map(Term::name).collect(Collectors.toCollection(ArrayList::new));
    }

    static String key(String word) {
        return word.strip().toLowerCase(Locale.ROOT).replaceAll("[-_\\s]+", " ");
    }

    static String singular(String key) {
        if (key.endsWith("ies")) {
            return key.substring(0, key.length() - 3) + "y";
        }
        if (key.endsWith("sses") || key.endsWith("xes") || key.endsWith("ches") || key.endsWith("shes")) {
            return key.substring(0, key.length() - 2);
        }
        if (key.endsWith("s") && !key.endsWith("ss")) {
            return key.substring(0, key.length() - 1);
        }
        return key;
    }

    private static int distance(String a, String b) {
        // A word that starts a term ("class" in "class weights") counts as close as a one-letter slip.
        if (b.startsWith(a) || a.startsWith(b)) {
            return Math.min(1, Math.abs(a.length() - b.length()));
        }
        return EDITS.apply(a, b);
    }
}
