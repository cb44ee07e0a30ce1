package org.sealbook.toolkit.explain;

/** One glossary entry: the term and its definition in plain words. */
public record Term(String name, String definition) {
    public Term {
        if (name == null || name.isBlank() || definition == null || definition.isBlank()) {
            throw new IllegalArgumentException("A glossary term needs a name and a definition; pass both.");
        }
    }

    /**
     * The short gloss shown in brackets the first time a term is used: the definition's first
     * sentence, starting lower case and without its full stop.
     */
    public String gloss() {
        int end = definition.indexOf(". ");
        String first = end < 0 ? definition : definition.substring(0, end + 1);
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        return Character.toLowerCase(first.charAt(0)) + first.substring(1);
    }
}
