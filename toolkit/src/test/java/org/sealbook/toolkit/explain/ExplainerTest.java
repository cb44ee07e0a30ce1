package org.sealbook.toolkit.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainerTest {

    @Test
    void aTermIsDefinedTheFirstTimeASessionUsesItAndNotAfter() {
        Explainer explainer = Explainer.session();
        assertEquals("outlier (a value far from the others in its column)", explainer.term("outlier"));
        assertEquals("outlier", explainer.term("outlier"));
        assertEquals("outliers", explainer.term("outliers"), "a plural is the same term, already defined");
        assertEquals("median (the middle value once the values are sorted)", explainer.term("median"));
        assertEquals(List.of("outlier", "median"), explainer.termsUsed());
    }

    @Test
    void eachSessionStartsAfresh() {
        Explainer first = Explainer.session();
        first.term("skew");
        Explainer second = Explainer.session();
        assertTrue(second.term("Skew").startsWith("Skew (how lopsided"), second.termsUsed().toString());
        assertEquals(List.of("skew"), second.termsUsed());
    }

    @Test
    void aWordTheGlossaryLacksIsRefusedNamingTheNearestTerms() {
        Explainer explainer = Explainer.session();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> explainer.term("leakge"));
        assertTrue(e.getMessage().contains("the nearest terms are leakage"), e.getMessage());
        assertEquals(List.of(), explainer.termsUsed());
    }
}
