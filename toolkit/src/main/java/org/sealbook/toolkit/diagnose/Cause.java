package org.sealbook.toolkit.diagnose;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One possible cause of what the curves show, computed from the curves or the sealed records, with the strength of
 * its evidence (0 to 1, how causes are ranked), the numbers behind it, what to try and why it ranks where it does.
 *
 * @param run      the run it is about, or null for the whole batch (the split, the data)
 * @param evidence the numbers behind it, by name (finite only)
 * @param finding  what was found, in plain words, every number in it from {@code evidence}
 * @param attempt  what to try: a cell in the reader's front end, or for a log from elsewhere, an instruction
 * @param reason   why it ranks where it does; set by {@link Causes#rank}
 */
public record Cause(Kind kind, String run, double strength, Map<String, Double> evidence, String finding,
                    String attempt, String reason) {
    /** The kinds of cause, each with the words a sentence names it by. */
    public enum Kind {
        SPLIT_DIFFERS("the validation rows differ from the training rows", "adversarial validation"),
        CLASS_MIX("the target's mix differs between the splits", "stratified split"),
        DRIFT("the data drifts over time", "drift"),
        LEAKED_ANSWER("a column carries the answer", "leakage"),
        TOO_FEW_ROWS("too few rows for the model's size", "complexity"),
        LEARNING_RATE("the learning rate is too high", "learning rate"),
        TOO_SIMPLE("the model is too simple", "underfitting"),
        TOO_FEW_STEPS("training stopped too soon", "still improving"),
        TOO_MANY_STEPS("training went on past its best", "overfitting");

        private final String words;
        private final String term;

        Kind(String words, String term) {
            this.words = words;
            this.term = term;
        }

        /** The glossary term a reader looks up to learn more about this cause. */
        public String term() {
            return term;
        }

        public String words() {
            return words;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind byLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public Cause {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("A cause's strength is between 0 and 1, not " + strength + ".");
        }
        Map<String, Double> finite = new LinkedHashMap<>();
        evidence.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        evidence = java.util.Collections.unmodifiableMap(finite);
    }

    /** The same cause with the reason for its rank. */
    public Cause because(String why) {
        return new Cause(kind, run, strength, evidence, finding, attempt, why);
    }
}
