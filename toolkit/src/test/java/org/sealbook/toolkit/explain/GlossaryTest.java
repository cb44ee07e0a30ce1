package org.sealbook.toolkit.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GlossaryTest {
    private final Glossary glossary = Glossary.standard();

    @Test
    void thereAreAtLeastFortyTermsEachDefinedOnceWithAGlossThatReadsInBrackets() {
        List<Term> terms = glossary.terms();
        assertTrue(terms.size() >= 40, terms.size() + " terms");
        Set<String> keys = new HashSet<>();
        for (Term term : terms) {
            assertTrue(keys.add(Glossary.key(term.name())), "defined twice: " + term.name());
            assertTrue(term.definition().endsWith("."), term.name() + ": " + term.definition());
            String gloss = term.gloss();
            assertFalse(gloss.isBlank(), term.name());
            assertFalse(gloss.contains("(") || gloss.contains(")"), "brackets inside brackets: " + gloss);
            assertTrue(Character.isLowerCase(gloss.charAt(0)), "the gloss continues a sentence: " + gloss);
            assertFalse(gloss.endsWith("."), gloss);
            assertTrue(term.definition().split("(?<=\\.) ").length <= 2, "one or two sentences: " + term.name());
        }
    }

    @Test
    void theTermsTheIssueNamesAreAllThere() {
        for (String name : List.of("target", "feature", "row", "column", "outlier", "leakage", "skew", "correlation",
                "imputation", "median", "mean", "standard deviation", "variance", "missing value", "identifier",
                "stratified split", "training set", "validation set", "test set", "overfitting", "underfitting",
                "baseline", "class imbalance", "class weights", "log transform", "one-hot encoding", "scaling",
                "distribution", "duplicate row", "modified z-score", "MAD", "AUC", "accuracy", "precision", "recall",
                "regression", "classification", "hypothesis", "metric", "seed", "random forest", "gradient boosting",
                "logistic regression", "generalisation gap")) {
            assertEquals(name, glossary.find(name).map(Term::name).orElse("nothing"), name);
        }
    }

    /** %diagnose names a verdict and a cause through the explainer: each of those words is defined. */
    @Test
    void everyTermTheDiagnosisPrintsIsDefined() {
        List<String> terms = new java.util.ArrayList<>(List.of("learning curve", "loss", "smoothing",
                "adversarial validation", "AUC"));
        for (org.sealbook.toolkit.diagnose.CurveVerdict v : org.sealbook.toolkit.diagnose.CurveVerdict.values()) {
            terms.add(v.words());
        }
        for (org.sealbook.toolkit.diagnose.Cause.Kind k : org.sealbook.toolkit.diagnose.Cause.Kind.values()) {
            terms.add(k.term());
        }
        for (String name : terms) {
            assertTrue(glossary.find(name).isPresent(), "the glossary lacks " + name + ", which %diagnose prints");
        }
        assertEquals("learning rate", glossary.find("learning rates").orElseThrow().name());
    }

    @Test
    void theTermsScalingAndEvalPrintAreThere() {
        for (String name : List.of("scaling law", "power law", "AICc", "bootstrap interval", "extrapolation", "drift",
                "PSI", "KS distance")) {
            assertEquals(name, glossary.find(name).map(Term::name).orElse("nothing"), name);
        }
        assertEquals("PSI", glossary.find("population stability index").orElseThrow().name());
        assertEquals("KS distance", glossary.find("Kolmogorov-Smirnov distance").orElseThrow().name());
    }

    @Test
    void lookupIgnoresCaseDashesAndPlurals() {
        assertEquals("outlier", glossary.find("Outliers").orElseThrow().name());
        assertEquals("duplicate row", glossary.find("duplicate ROWS").orElseThrow().name());
        assertEquals("one-hot encoding", glossary.find("one hot encoding").orElseThrow().name());
        assertEquals("class", glossary.find("classes").orElseThrow().name());
        assertEquals("class weights", glossary.find("class weight").orElseThrow().name());
        assertEquals("validation set", glossary.find("Validation-Sets").orElseThrow().name());
        assertEquals("generalisation gap", glossary.find("generalization gap").orElseThrow().name());
        assertEquals("AUC", glossary.find("auc").orElseThrow().name());
        assertTrue(glossary.lookup("medians").startsWith("median: The middle value once the values are sorted."));
    }

    @Test
    void anUnknownWordGetsASentenceNamingTheNearestTerms() {
        assertTrue(glossary.find("outlyer").isEmpty());
        String said = glossary.lookup("outlyer");
        assertTrue(said.startsWith("The glossary has no entry for \"outlyer\"; the nearest terms are outlier, "), said);
        assertTrue(said.endsWith(", so try %glossary outlier."), said);
        assertEquals("Name a term to look up, for example %glossary outlier; the glossary has "
                + glossary.terms().size() + " terms.", glossary.lookup(" "));
    }
}
