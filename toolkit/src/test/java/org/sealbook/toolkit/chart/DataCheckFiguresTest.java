package org.sealbook.toolkit.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.SharedData;

class DataCheckFiguresTest {
    @TempDir
    Path dir;

    private Dataset load(String name) throws IOException {
        return DataLoader.create().load(Files.copy(SharedData.file(name), dir.resolve(name)));
    }

    private List<Figure> figures(String file, String target) throws IOException {
        Dataset data = load(file);
        DataCheckResult result = DataCheck.of(target).run(data);
        return DataCheckFigures.draw(result, data);
    }

    private static Figure titled(List<Figure> figures, String prefix) {
        return figures.stream().filter(f -> f.title().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure titled " + prefix + " in "
                        + figures.stream().map(Figure::title).toList()));
    }

    private static JsonObject firstTrace(Figure f) {
        return f.plotly().getAsJsonArray("data").get(0).getAsJsonObject();
    }

    @Test
    void carsMissingChartShowsHorsepowerAtOnePointFourEightPercent() throws IOException {
        Figure missing = titled(figures("cars.csv", "Miles_per_Gallon"), "Missing values");
        JsonObject bar = firstTrace(missing);
        assertEquals("bar", bar.get("type").getAsString());
        List<String> columns = bar.getAsJsonArray("x").asList().stream().map(e -> e.getAsString()).toList();
        assertEquals(List.of("Miles_per_Gallon", "Horsepower"), columns);
        JsonArray y = bar.getAsJsonArray("y");
        assertEquals(100.0 * 6 / 406, y.get(1).getAsDouble(), 1e-9);
        assertEquals(100.0 * 8 / 406, y.get(0).getAsDouble(), 1e-9);
        assertEquals("1.48%", bar.getAsJsonArray("text").get(1).getAsString());
        assertTrue(missing.altText().contains("Horsepower 1.48% (6 of 406 rows)"), missing.altText());
        assertTrue(missing.altText().contains("the other 7 columns have none"), missing.altText());
        Pictures.assertDrawn(missing);
    }

    @Test
    void carsTargetIsAHistogramOfTheRowsWithATarget() throws IOException {
        Figure target = titled(figures("cars.csv", "Miles_per_Gallon"), "Distribution of the target");
        JsonObject bar = firstTrace(target);
        assertEquals("bar", bar.get("type").getAsString());
        int total = 0;
        for (var n : bar.getAsJsonArray("y")) {
            total += n.getAsInt();
        }
        assertEquals(398, total, "406 rows less the 8 with no Miles_per_Gallon");
        assertTrue(target.altText().startsWith("Histogram of Miles_per_Gallon: 398 values from 9 to 46.6"),
                target.altText());
        Pictures.assertDrawn(target);
    }

    @Test
    void irisHasNoMissingChartButClassCountsAndAHeatmap() throws IOException {
        List<Figure> figures = figures("iris.csv", "species");
        assertFalse(figures.stream().anyMatch(f -> f.title().startsWith("Missing")),
                "iris has no missing values, so no missing-values figure");
        Figure classes = titled(figures, "Distribution of the target");
        JsonObject bar = firstTrace(classes);
        assertEquals("bar", bar.get("type").getAsString());
        assertEquals("[\"setosa\",\"versicolor\",\"virginica\"]", bar.getAsJsonArray("x").toString());
        assertEquals("[50.0,50.0,50.0]", bar.getAsJsonArray("y").toString());
        Figure heat = titled(figures, "Correlation");
        assertEquals(4, firstTrace(heat).getAsJsonArray("z").size());
        assertTrue(firstTrace(heat).has("texttemplate"), "4 columns are few enough to label every cell");
        for (Figure f : figures) {
            Pictures.assertDrawn(f);
        }
    }

    @Test
    void breastCancerHeatmapCarriesEveryFeatureAndTheKnownStrongPair() throws IOException {
        List<Figure> figures = figures("breast_cancer.csv", "diagnosis");
        Figure heat = titled(figures, "Correlation");
        JsonObject trace = firstTrace(heat);
        assertEquals("heatmap", trace.get("type").getAsString());
        assertEquals(-1, trace.get("zmin").getAsInt());
        assertEquals(1, trace.get("zmax").getAsInt());
        List<String> names = trace.getAsJsonArray("x").asList().stream().map(e -> e.getAsString()).toList();
        assertEquals(30, names.size());
        assertFalse(trace.has("texttemplate"), "30 columns are too many to label each cell");
        double r = trace.getAsJsonArray("z").get(names.indexOf("mean radius")).getAsJsonArray()
                .get(names.indexOf("mean perimeter")).getAsDouble();
        // pandas: breast_cancer["mean radius"].corr(breast_cancer["mean perimeter"]) == 0.9978
        assertEquals(0.9978, r, 1e-4);
        assertTrue(heat.altText().contains("mean radius and mean perimeter at r = 0.9979"), heat.altText());
        Pictures.assertDrawn(heat);
    }

    @Test
    void boxPlotsAppearExactlyForTheColumnsTheOutlierCheckFlagged() throws IOException {
        Dataset data = load("breast_cancer.csv");
        DataCheckResult result = DataCheck.of("diagnosis").run(data);
        List<String> flagged = result.findings("OUTLIERS_INVESTIGATE").stream().map(f -> f.column()).toList();
        List<Figure> boxes = DataCheckFigures.draw(result, data).stream()
                .filter(f -> f.title().startsWith("Columns with many outliers")).toList();
        List<String> drawn = boxes.stream().flatMap(f -> f.plotly().getAsJsonArray("data").asList().stream())
                .map(t -> t.getAsJsonObject()).filter(t -> t.get("type").getAsString().equals("box"))
                .map(t -> t.get("name").getAsString()).toList();
        assertEquals(flagged, drawn);
        assertEquals((flagged.size() + BoxPlot.MAX_PANELS - 1) / BoxPlot.MAX_PANELS, boxes.size());
        for (Figure f : boxes) {
            Pictures.assertDrawn(f);
        }
    }

    @Test
    void irisWithNoFlaggedColumnsHasNoBoxPlots() throws IOException {
        Dataset data = load("iris.csv");
        DataCheckResult result = DataCheck.of("species").run(data);
        assertTrue(result.findings("OUTLIERS_INVESTIGATE").isEmpty(), "iris has no column with many outliers");
        assertFalse(DataCheckFigures.draw(result, data).stream().anyMatch(f -> f.title().startsWith("Columns with")));
    }
}
