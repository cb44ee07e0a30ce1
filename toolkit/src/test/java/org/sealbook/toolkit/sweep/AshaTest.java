package org.sealbook.toolkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AshaTest {
    @Test
    void rungsGrowByEtaUpToTheLastStep() {
        assertEquals(List.of(1, 3, 9, 27, 81), new Asha(1, 200, 3).rungs());
        assertEquals(List.of(5, 10, 20, 40, 80), new Asha(5, 100, 2).rungs());
        assertEquals(List.of(1, 3, 9), new Asha(1, 9, 3).rungs());
        assertEquals(List.of(7), new Asha(7, 7, 3).rungs());
    }

    /** Worked by hand: rungs 1, 3, 9; at a rung of n scores the best floor(n / 3) go on, all when that is 0. */
    @Test
    void aHandWorkedSweep() {
        Asha asha = new Asha(1, 9, 3);
        assertTrue(asha.goOn("t1", 1, 0.50));   // n=1, floor 0: goes on
        assertTrue(asha.goOn("t2", 1, 0.40));   // n=2, floor 0: goes on
        assertFalse(asha.goOn("t3", 1, 0.30));  // n=3, best 1 go on; 0.50 and 0.40 are better
        assertTrue(asha.goOn("t4", 1, 0.60));   // n=4, best 1; none better
        assertFalse(asha.goOn("t5", 1, 0.55));  // n=5, best 1; 0.60 better
        assertFalse(asha.goOn("t6", 1, 0.45));  // n=6, best 2; 0.50, 0.60, 0.55 better
        assertTrue(asha.goOn("t7", 1, 0.58));   // n=7, best 2; only 0.60 better
        assertTrue(asha.goOn("t1", 2, 0.10));   // not a rung: goes on whatever the score
        assertTrue(asha.goOn("t1", 3, 0.70));   // rung 3, n=1
        assertTrue(asha.goOn("t4", 3, 0.65));   // n=2
        assertTrue(asha.goOn("t7", 3, 0.80));   // n=3, best 1; none better
        assertFalse(asha.goOn("t2", 3, 0.50));  // n=4, best 1; three better
        assertTrue(asha.goOn("t7", 9, 0.90));   // the last step: the trial is done either way
        assertEquals(9, asha.rungReached("t7"));
        assertEquals(3, asha.rungReached("t1"));
        assertEquals(1, asha.rungReached("t3"));
        assertEquals(0, asha.rungReached("t99"));
    }

    @Test
    void tiesGoOn() {
        Asha asha = new Asha(1, 9, 2);
        assertTrue(asha.goOn("a", 1, 0.5));
        assertTrue(asha.goOn("b", 1, 0.5));   // n=2, best 1; nobody strictly better
        assertFalse(asha.goOn("c", 1, 0.4));  // n=3, best 1
    }

    @Test
    void aNaNScoreStopsTheTrialAtAnyStep() {
        Asha asha = new Asha(2, 8, 2);
        assertFalse(asha.goOn("a", 1, Double.NaN));
        assertFalse(asha.goOn("b", 2, Double.NaN));
        assertEquals(2, asha.rungReached("b"));
        // b's NaN counts at rung 2 as the worst: c is the second of 2 there, floor(2/2)=1, and b is not above it.
        assertTrue(asha.goOn("c", 2, -1e300));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Asha(0, 10, 3));
        assertThrows(IllegalArgumentException.class, () -> new Asha(5, 4, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Asha(1, 10, 1));
        assertTrue(e.getMessage().contains("eta 1"), e.getMessage());
    }
}
