package org.sealbook.toolkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenDecaysAlongACosineToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(0.01, 1000);
        assertEquals(50, s.warmupSteps(), "5% of 1000 steps");
        assertEquals(0.01 / 50, s.rate(1), 1e-15);
        assertEquals(0.01 * 25 / 50, s.rate(25), 1e-15);
        assertEquals(0.01, s.rate(50), 1e-15);
        double floor = 0.01 * LearningRateSchedule.FLOOR_SHARE;
        assertEquals(floor + (0.01 - floor) / 2, s.rate(50 + 475), 1e-15, "half way through the decay");
        assertEquals(floor, s.rate(1000), 1e-15);
        assertEquals(floor, s.rate(5000), 1e-15, "past the last step it stays at the floor");
        for (long step = 51; step <= 1000; step++) {
            assertTrue(s.rate(step) < s.rate(step - 1), "decays at step " + step);
        }
    }

    @Test
    void aShortFitStillWarmsUpForOneStepAndABadScheduleIsRefused() {
        LearningRateSchedule one = new LearningRateSchedule(0.001, 1);
        assertEquals(1, one.warmupSteps());
        assertEquals(0.001, one.rate(1), 1e-15);
        assertEquals("A learning-rate schedule needs a positive peak rate and at least one step; got a rate of 0.0 over "
                + "10 steps.", assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(0, 10)).getMessage());
    }
}
