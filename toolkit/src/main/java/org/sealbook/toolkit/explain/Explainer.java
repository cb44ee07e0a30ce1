package org.sealbook.toolkit.explain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One per session: writes a glossary term with its short definition the first time the session
 * uses it, and plainly after that, so a reader meets each word explained exactly once.
 */
public final class Explainer {
    private final Glossary glossary;
    private final Set<String> used = new LinkedHashSet<>();

    public Explainer(Glossary glossary) {
        if (glossary == null) {
            throw new IllegalArgumentException("An explainer needs a glossary; pass Glossary.standard().");
        }
        this.glossary = glossary;
    }

    /** A new session's explainer over the standard glossary. */
    public static Explainer session() {
        return new Explainer(Glossary.standard());
    }

    /**
     * {@code word} as written, followed by its gloss in brackets if this session has not used the
     * term before. A word the glossary lacks is a mistake in the stage's text, so it is refused.
     */
    public synchronized String term(String word) {
        Term term = glossary.find(word).orElseThrow(() -> new IllegalArgumentException(glossary.unknown(word)));
        String written = word.strip();
        return used.add(term.name()) ? written + " (" + term.gloss() + ")" : written;
    }

    /** The glossary names of the terms this session has used, in the order it first used them. */
    public synchronized List<String> termsUsed() {
        return new ArrayList<>(used);
    }

    /** The glossary this explainer draws on. */
    public Glossary glossary() {
        return glossary;
    }
}
