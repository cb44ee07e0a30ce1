package org.sealbook.toolkit.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void defaultLeavesOneCoreForTheNotebook() {
        assertEquals(12, Budget.DEFAULT.maxExperiments());
        assertEquals(30, Budget.DEFAULT.maxWallClockMinutes());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), Budget.DEFAULT.concurrency());
    }

    @Test
    void zeroExperimentsIsRefused() {
        String m = assertThrows(IllegalArgumentException.class, () -> new Budget(0, 30, 1)).getMessage();
        assertEquals("A budget of 0 experiments runs nothing; give --max-experiments 1 or more.", m);
    }

    @Test
    void noTimeIsRefused() {
        String m = assertThrows(IllegalArgumentException.class, () -> new Budget(12, -5, 1)).getMessage();
        assertEquals("A budget of -5.0 minutes leaves no time to train; give --max-minutes a finite number above 0.",
                m);
        assertThrows(IllegalArgumentException.class, () -> new Budget(12, Double.NaN, 1));
    }

    @Test
    void noConcurrencyIsRefused() {
        String m = assertThrows(IllegalArgumentException.class, () -> new Budget(12, 30, 0)).getMessage();
        assertEquals("A concurrency of 0 runs no experiment at a time; give --concurrency 1 or more.", m);
    }

    @Test
    void jsonRoundTrip() {
        Budget b = new Budget(5, 12.5, 3);
        assertEquals(b, Budget.fromJson(b.toJson()));
        assertEquals(12.5, b.toJson().get("max_wall_clock_minutes").getAsDouble());
    }
}
