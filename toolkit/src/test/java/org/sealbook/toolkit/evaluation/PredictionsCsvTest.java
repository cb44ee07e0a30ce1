package org.sealbook.toolkit.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The predictions file a reader opens in a spreadsheet: one row per input row, classes quoted when they must be. */
class PredictionsCsvTest {
    @Test
    void aClassificationGetsTheLikeliestClassAndEveryClasssProbability() {
        byte[] csv = PredictionsCsv.classes("diagnosis", List.of("benign", "malignant, confirmed"),
                new double[][] {{0.9, 0.1}, {0.2, 0.8}});

        assertEquals("row,predicted diagnosis,probability benign,\"probability malignant, confirmed\"\n"
                + "1,benign,0.9,0.1\n"
                + "2,\"malignant, confirmed\",0.2,0.8\n", new String(csv, StandardCharsets.UTF_8));
    }

    @Test
    void aRegressionGetsTheValueOnTheTargetsOwnScale() {
        byte[] csv = PredictionsCsv.values("price", new double[][] {{Math.log(100)}, {0}}, Math::exp);

        assertEquals("row,predicted price\n1," + Math.exp(Math.log(100)) + "\n2,1.0\n",
                new String(csv, StandardCharsets.UTF_8));
    }
}
