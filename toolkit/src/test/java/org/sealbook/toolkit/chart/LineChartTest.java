package org.sealbook.toolkit.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.view.Figure;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/** Lines on real data: the cars' mean fuel economy per model year for each origin. */
class LineChartTest {
    private static final List<String> ORIGINS = List.of("USA", "Europe", "Japan");

    /** Mean miles per gallon per model year for one origin, leaving out cars without a figure. */
    private static TreeMap<Integer, double[]> meanMpgByYear(Table cars, String origin) {
        TreeMap<Integer, double[]> sumAndCount = new TreeMap<>();
        NumericColumn<?> mpg = (NumericColumn<?>) cars.column("Miles_per_Gallon");
        for (int i = 0; i < cars.rowCount(); i++) {
            if (cars.column("Origin").getString(i).equals(origin) && !mpg.isMissing(i)) {
                int year = Integer.parseInt(cars.column("Year").getString(i).substring(0, 4));
                double[] s = sumAndCount.computeIfAbsent(year, y -> new double[2]);
                s[0] += mpg.getDouble(i);
                s[1]++;
            }
        }
        return sumAndCount;
    }

    @Test
    void carsFuelEconomyPerYearGetsOneColouredLinePerOriginWithItsMeans() throws IOException {
        Table cars = DataLoader.create().load(SharedData.file("cars.csv")).table();
        LineChart chart = LineChart.of("Fuel economy by model year").axes("model year", "mean miles per gallon");
        double[] usa = null;
        for (int k = 0; k < ORIGINS.size(); k++) {
            TreeMap<Integer, double[]> means = meanMpgByYear(cars, ORIGINS.get(k));
            double[] years = means.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] mpg = means.values().stream().mapToDouble(s -> s[0] / s[1]).toArray();
            usa = k == 0 ? mpg : usa;
            chart.line(ORIGINS.get(k), years, mpg, k, false);
        }

        Figure f = chart.draw("Mean miles per gallon per model year for US, European and Japanese cars.");

        List<JsonObject> traces = f.plotly().getAsJsonArray("data").asList().stream()
                .map(e -> e.getAsJsonObject()).toList();
        assertEquals(ORIGINS, traces.stream().map(t -> t.get("name").getAsString()).toList());
        JsonObject first = traces.get(0);
        assertEquals(1970, first.getAsJsonArray("x").get(0).getAsInt());
        assertEquals(1982, first.getAsJsonArray("x").get(first.getAsJsonArray("x").size() - 1).getAsInt());
        assertArrayEquals(usa, first.getAsJsonArray("y").asList().stream().mapToDouble(e -> e.getAsDouble()).toArray());
        assertTrue(usa[usa.length - 1] > usa[0] + 5, "US cars of 1982 go further per gallon than those of 1970");
        assertEquals(Palette.hex(Palette.BLUE), first.getAsJsonObject("line").get("color").getAsString());
        BufferedImage image = Pictures.assertDrawn(f);
        for (int k = 0; k < ORIGINS.size(); k++) {
            assertTrue(hasColour(image, LineChart.COLOURS.get(k)), ORIGINS.get(k) + "'s colour is in the picture");
        }
    }

    @Test
    void aLogScaleLabelsPowersOfTenLeavesGapsForMissingValuesAndRefusesZero() throws IOException {
        double[] rounds = {1, 2, 3, 4, 5, 6};
        double[] loss = {0.69, 0.2, Double.NaN, 0.02, 0.004, 0.0009};
        Figure f = LineChart.of("Training loss").axes("round", "log loss").logY()
                .line("exp_1 training", rounds, loss, 0, true).draw("Training loss fell from 0.69 to 0.0009.");
        JsonObject layout = f.plotly().getAsJsonObject("layout");
        assertEquals("log", layout.getAsJsonObject("yaxis").get("type").getAsString());
        String y = f.plotly().getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonArray("y").toString();
        assertTrue(y.contains("null"), "a missing value is a gap in Plotly: " + y);
        Pictures.assertDrawn(f);
        assertEquals(List.of("0.0001", "0.01", "1", "1000", "1e-5", "1e7"),
                List.of(-4.0, -2.0, 0.0, 3.0, -5.0, 7.0).stream().map(LineChart::powerOfTen).toList());

        var zero = assertThrows(IllegalArgumentException.class, () -> LineChart.of("Loss").logY()
                .line("exp_2 training", new double[] {1, 2}, new double[] {0.5, 0}, 0, false).draw("Loss."));
        assertEquals("The line 'exp_2 training' in \"Loss\" has the value 0, which a log scale cannot show; draw it "
                + "without logY().", zero.getMessage());
    }

    @Test
    void aLogAxisEndsOnALabelledDecadeAndLabelsAtMostSevenOfThem() {
        Axis wide = Axis.decades(2.7e-7, 0.435);
        assertEquals(-7, wide.min());
        assertEquals(2, wide.step(), "seven decades are labelled every second one");
        assertEquals(1, wide.max(), "the top is the tick above 0.435 on the every-second-decade grid");
        assertEquals(List.of(-7.0, -5.0, -3.0, -1.0, 1.0), wide.ticks());
        Axis narrow = Axis.decades(0.5, 0.7);
        assertEquals(List.of(-1.0, 0.0), narrow.ticks(), "values within one decade still get two ticks");
    }

    @Test
    void badInputGetsOneSentenceNamingTheProblemAndTheFix() {
        var none = assertThrows(IllegalArgumentException.class, () -> LineChart.of("Loss").draw("Nothing."));
        assertTrue(none.getMessage().contains("has no lines; add one with line("), none.getMessage());
        var uneven = assertThrows(IllegalArgumentException.class,
                () -> LineChart.of("Loss").line("a", new double[] {1, 2}, new double[] {1}, 0, false));
        assertEquals("The line 'a' in \"Loss\" has 2 x values and 1 y values; give one y per x, at least one point.",
                uneven.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> LineChart.of("Loss")
                .line("a", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}, 0, false).draw("Nothing."));
        assertTrue(empty.getMessage().contains("Every y value in \"Loss\" is missing"), empty.getMessage());
    }

    static boolean hasColour(BufferedImage image, Color colour) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == colour.getRGB()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aLogLogChartPutsBothAxesInPowersOfTenAndRefusesAnXOfZero() {
        double[] n = {10, 100, 1000};
        Figure figure = LineChart.of("Scaling").axes("rows", "error").logX().logY()
                .line("measured", n, new double[] {0.3, 0.1, 0.03}, 0, false).draw("error against rows");

        assertEquals("log", figure.plotly().getAsJsonObject("layout").getAsJsonObject("xaxis").get("type").getAsString());
        assertEquals("log", figure.plotly().getAsJsonObject("layout").getAsJsonObject("yaxis").get("type").getAsString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LineChart.of("Scaling")
                .logX().line("measured", new double[] {0, 10}, new double[] {1, 2}, 0, false).draw("alt"));
        assertEquals("The line 'measured' in \"Scaling\" has the x value 0, which a log scale cannot show; draw it "
                + "without logX().", e.getMessage());
    }
}
