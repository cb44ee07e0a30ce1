package org.sealbook.toolkit.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.view.Figure;

/** The curves are drawn raw and smoothed, the verdict marked where it points; a run with no verdict draws nothing. */
class CurveFiguresTest {
    @Test
    void anOverfittingRunIsDrawnRawAndSmoothedWithItsLowestMarked() {
        CurveReading reading = CurveRules.read(CurveRulesTest.CASES.get(CurveVerdict.OVERFITTING), Double.NaN);
        Figure figure = CurveFigures.draw(reading).orElseThrow();
        JsonArray traces = figure.plotly().getAsJsonArray("data");
        List<String> names = new ArrayList<>();
        traces.forEach(t -> names.add(((JsonObject) t).get("name").getAsString()));
        double at = reading.main().numbers().get("lowest_step");
        assertEquals(List.of("training raw", "training smoothed", "validation raw", "validation smoothed",
                "overfitting (step " + Numbers.number(at) + ")"), names);
        JsonObject mark = traces.get(4).getAsJsonObject();
        assertEquals(at, mark.getAsJsonArray("x").get(0).getAsDouble());
        assertEquals(reading.main().numbers().get("lowest"), mark.getAsJsonArray("y").get(0).getAsDouble(), 1e-12,
                "the mark sits on the smoothed validation loss at its lowest");
        assertTrue(figure.png().length > 0);
        assertTrue(figure.altText().contains(reading.main().sentence()), figure.altText());
    }

    @Test
    void aRunTooShortToReadDrawsNothing() {
        CurveReading reading = CurveRules.read(CurveRulesTest.curve("short", 2, i -> 1.0 / i, i -> 1.0 / i), Double.NaN);
        assertTrue(CurveFigures.draw(reading).isEmpty());
    }
}
