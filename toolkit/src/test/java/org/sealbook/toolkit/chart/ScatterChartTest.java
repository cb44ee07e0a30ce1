package org.sealbook.toolkit.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.view.Figure;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/** Points on real data: the cars' horsepower against fuel economy, with the cars no other car beats on both. */
class ScatterChartTest {
    private static final Table CARS = DataLoader.create().load(SharedData.file("cars.csv")).table();

    private static List<JsonObject> traces(Figure f) {
        return f.plotly().getAsJsonArray("data").asList().stream().map(e -> e.getAsJsonObject()).toList();
    }

    @Test
    void carsWithoutHorsepowerOrMpgAreRefusedByIndexAndTheRestAreDrawnWithHoverNames() throws IOException {
        NumericColumn<?> hp = (NumericColumn<?>) CARS.column("Horsepower");
        NumericColumn<?> mpg = (NumericColumn<?>) CARS.column("Miles_per_Gallon");
        double[] allHp = new double[CARS.rowCount()];
        double[] allMpg = new double[CARS.rowCount()];
        for (int i = 0; i < CARS.rowCount(); i++) {
            allHp[i] = hp.getDouble(i);
            allMpg[i] = mpg.getDouble(i);
        }
        var missing = assertThrows(IllegalArgumentException.class, () -> ScatterChart.of("Cars", allHp, allMpg));
        assertTrue(missing.getMessage().startsWith("Point 10 of \"Cars\" is (115.0, NaN); leave out points"),
                "the 11th car of cars.csv has no miles per gallon: " + missing.getMessage());

        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < CARS.rowCount(); i++) {
            if (!hp.isMissing(i) && !mpg.isMissing(i)) {
                kept.add(i);
            }
        }
        double[] x = kept.stream().mapToDouble(hp::getDouble).toArray();
        double[] y = kept.stream().mapToDouble(mpg::getDouble).toArray();
        List<String> names = kept.stream().map(i -> CARS.column("Name").getString(i)).toList();

        Figure f = ScatterChart.of("Fuel economy against horsepower", x, y).axes("horsepower", "miles per gallon")
                .labels(names).draw("392 cars: more horsepower, fewer miles per gallon.");

        assertEquals(392, kept.size(), "406 cars less 14 without horsepower or miles per gallon");
        JsonObject points = traces(f).get(0);
        assertEquals("markers", points.get("mode").getAsString());
        assertEquals(392, points.getAsJsonArray("x").size());
        assertEquals("chevrolet chevelle malibu", points.getAsJsonArray("text").get(0).getAsString());
        assertFalse(points.get("showlegend").getAsBoolean(), "a single set of points needs no legend");
        Pictures.assertDrawn(f);
    }

    @Test
    void theCarsNoOtherCarBeatsOnBothPowerAndEconomyAreJoinedInPowerOrder() throws IOException {
        // the 1982 cars: few enough to label in the picture
        List<Integer> rows = new ArrayList<>();
        NumericColumn<?> hp = (NumericColumn<?>) CARS.column("Horsepower");
        NumericColumn<?> mpg = (NumericColumn<?>) CARS.column("Miles_per_Gallon");
        for (int i = 0; i < CARS.rowCount(); i++) {
            if (CARS.column("Year").getString(i).startsWith("1982") && !hp.isMissing(i) && !mpg.isMissing(i)
                    && CARS.column("Origin").getString(i).equals("Japan")) {
                rows.add(i);
            }
        }
        double[] x = rows.stream().mapToDouble(hp::getDouble).toArray();
        double[] y = rows.stream().mapToDouble(mpg::getDouble).toArray();
        boolean[] front = new boolean[x.length];
        int frontSize = 0;
        for (int i = 0; i < x.length; i++) {
            boolean beaten = false;
            for (int j = 0; j < x.length; j++) {
                beaten |= x[j] >= x[i] && y[j] >= y[i] && (x[j] > x[i] || y[j] > y[i]);
            }
            front[i] = !beaten;
            frontSize += beaten ? 0 : 1;
        }
        List<String> names = rows.stream().map(i -> CARS.column("Name").getString(i)).toList();
        assertTrue(x.length <= ScatterChart.MAX_LABELLED && frontSize >= 2, x.length + " cars, " + frontSize
                + " on the front");

        Figure f = ScatterChart.of("Japanese cars of 1982", x, y).axes("horsepower", "miles per gallon")
                .labels(names).highlight(front, "unbeaten", "other cars").draw("Japanese cars of 1982.");

        JsonObject others = traces(f).get(0);
        JsonObject unbeaten = traces(f).get(1);
        assertEquals("other cars", others.get("name").getAsString());
        assertEquals("unbeaten", unbeaten.get("name").getAsString());
        assertEquals("lines+markers", unbeaten.get("mode").getAsString());
        double[] frontX = unbeaten.getAsJsonArray("x").asList().stream().mapToDouble(e -> e.getAsDouble()).toArray();
        assertEquals(frontSize, frontX.length);
        assertEquals(x.length - frontSize, others.getAsJsonArray("x").size());
        double[] sorted = frontX.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(sorted, frontX);
        BufferedImage image = Pictures.assertDrawn(f);
        assertTrue(LineChartTest.hasColour(image, Palette.BLUE), "the front is drawn in blue");
        assertTrue(LineChartTest.hasColour(image, Legend.FADED), "the other cars are drawn faded");
    }

    @Test
    void badInputGetsOneSentenceNamingTheProblemAndTheFix() {
        ScatterChart chart = ScatterChart.of("Runs", new double[] {1, 2}, new double[] {3, 4});
        var labels = assertThrows(IllegalArgumentException.class, () -> chart.labels(List.of("a")));
        assertEquals("\"Runs\" has 2 points but 1 labels; give one label per point.", labels.getMessage());
        var flags = assertThrows(IllegalArgumentException.class,
                () -> chart.highlight(new boolean[3], "front", "others"));
        assertEquals("\"Runs\" has 2 points but 3 highlight flags; give one flag per point.", flags.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> ScatterChart.of("Runs", new double[0], new double[0]));
        assertTrue(empty.getMessage().startsWith("A scatter chart needs one y per x and at least one point"));
    }
}
