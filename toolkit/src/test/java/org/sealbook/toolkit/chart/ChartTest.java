package org.sealbook.toolkit.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.view.Figure;

class ChartTest {
    private static final double NA = Double.NaN;

    @Test
    void boxHasPandasQuartilesAndTukeyWhiskersAndSkipsMissing() throws IOException {
        // pandas: pd.Series([1..9, 100]).quantile([.25, .5, .75]) == 3.25, 5.5, 7.75
        Box box = Box.of("x", new double[] {1, 2, 3, 4, NA, 5, 6, 7, 8, 9, 100});
        assertEquals(10, box.count());
        assertEquals(3.25, box.q1(), 1e-12);
        assertEquals(5.5, box.median(), 1e-12);
        assertEquals(7.75, box.q3(), 1e-12);
        assertEquals(1, box.lowerWhisker());
        assertEquals(9, box.upperWhisker(), "the upper fence is 7.75 + 1.5 * 4.5 = 14.5; 9 is the last value inside");
        assertArrayEquals(new double[] {100}, box.outliers());
        Figure f = BoxPlot.of("Columns with many outliers", List.of(box)).draw();
        JsonObject trace = f.plotly().getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals("box", trace.get("type").getAsString());
        assertEquals(3.25, trace.getAsJsonArray("q1").get(0).getAsDouble());
        JsonObject dots = f.plotly().getAsJsonArray("data").get(1).getAsJsonObject();
        assertEquals("[100.0]", dots.getAsJsonArray("y").toString());
        assertTrue(f.altText().contains("x (median 5.5, middle half from 3.25 to 7.75, 1 of 10 values beyond"),
                f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void histogramCountsEveryPresentValueOnceIncludingTheMaximum() throws IOException {
        Histogram h = Histogram.of("Distribution", "v", new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, NA});
        long[] counts = h.counts();
        assertEquals(5, counts.length, "Sturges: ceil(log2(10)) + 1 = 5 bins");
        assertArrayEquals(new long[] {2, 2, 2, 2, 2}, counts);
        assertEquals(10.0, h.edges()[5]);
        Figure f = h.draw();
        assertTrue(f.altText().startsWith("Histogram of v: 10 values from 0 to 10 in 5 bins"), f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void aConstantColumnGetsOneBinInsteadOfDividingByZero() {
        Histogram h = Histogram.of("Distribution", "v", new double[] {3, 3, 3});
        assertArrayEquals(new long[] {3}, h.counts());
    }

    @Test
    void heatmapLeavesAnUndefinedCorrelationAsAGapNotAnInventedNumber() throws IOException {
        Heatmap h = Heatmap.of("Correlation", List.of("a", "b", "flat"), List.of(
                new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 9}, new double[] {5, 5, 5, 5}));
        assertTrue(Double.isNaN(h.correlation("a", "flat")));
        Figure f = h.draw();
        String z = f.plotly().getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonArray("z").toString();
        assertTrue(z.contains("null"), z);
        assertTrue(f.altText().contains("a and b at r = 0.99"), f.altText());
        Pictures.assertDrawn(f);
    }

    @Test
    void badInputGetsOneSentenceNamingTheProblemAndTheFix() {
        var bars = assertThrows(IllegalArgumentException.class,
                () -> BarChart.of("Missing", List.of("a", "b"), new double[] {1}));
        assertEquals("A bar chart needs one value per category; \"Missing\" got 2 categories and 1 values.",
                bars.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> Histogram.of("Distribution", "price", new double[] {NA, NA}));
        assertTrue(empty.getMessage().startsWith("The column 'price' has no values"), empty.getMessage());
        var heat = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.of("Correlation", List.of("a"), List.of(new double[] {1, 2})));
        assertTrue(heat.getMessage().contains("at least 2 numeric columns"), heat.getMessage());
        List<Box> seven = java.util.Collections.nCopies(BoxPlot.MAX_PANELS + 1, Box.of("x", new double[] {1, 2}));
        var boxes = assertThrows(IllegalArgumentException.class, () -> BoxPlot.of("Outliers", seven));
        assertTrue(boxes.getMessage().contains("split them over several figures"), boxes.getMessage());
    }
}
