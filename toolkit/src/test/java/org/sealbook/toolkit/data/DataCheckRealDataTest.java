package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.SharedData;

class DataCheckRealDataTest {
    @TempDir
    Path dir;

    private Dataset load(String name) throws IOException {
        Path copy = Files.copy(SharedData.file(name), dir.resolve(name));
        return DataLoader.create().load(copy);
    }

    @Test
    void carsDropsMissingTargetsImputesHorsepowerAndDropsName() throws IOException {
        DataCheckResult r = DataCheck.of("Miles_per_Gallon").run(load("cars.csv"));
        assertEquals(Task.REGRESSION, r.task());
        assertTrue(r.taskInferred());
        assertEquals(406, r.rowsRead());
        assertEquals(8, r.rowsDroppedMissingTarget());
        Finding hp = r.findings("MISSING_SIMPLE_IMPUTE").get(0);
        assertEquals("Horsepower", hp.column());
        assertEquals(6, hp.measure("missing"));
        assertEquals("default", hp.threshold().source());
        assertTrue(r.recipe().has("Horsepower", Action.IMPUTE_MEDIAN));
        Finding name = r.findings("TEXT_MANY_VALUES").get(0);
        assertEquals("Name", name.column());
        // pandas: cars.dropna(subset=["Miles_per_Gallon"]).Name.nunique() == 304 (311 before dropping 8 rows)
        assertEquals(304, name.measure("distinct"));
        assertEquals(398, name.measure("present"));
        assertTrue(r.recipe().drops("Name"));
        assertFalse(r.features().contains("Name"));
        assertTrue(r.features().contains("Horsepower"));
        assertEquals("TYPE_DATE", r.findingsFor("Year").get(0).code());
        assertEquals("none", r.targetTransform(), "mpg skew is 0.457 by pandas, below 1");
        assertEquals(0.45706634399491913, r.findings("TARGET_SKEW_OK").get(0).measure("skew"), 1e-9);
    }

    @Test
    void carsResultBecomesTheJsonALaterStageSeals() throws IOException {
        JsonObject j = DataCheck.of("Miles_per_Gallon").run(load("cars.csv")).toJson();
        assertEquals("regression", j.get("task").getAsString());
        assertEquals(398, j.getAsJsonObject("counts").get("rows_kept").getAsInt());
        assertFalse(j.getAsJsonArray("features").toString().contains("\"Name\""));
        assertTrue(j.getAsJsonArray("recipe").toString().contains("drop_column"));
    }

    @Test
    void mitigateNoneRecordsNothingAndKeepsEveryFeature() throws IOException {
        DataCheckResult r = DataCheck.of("Miles_per_Gallon").mitigate(Mitigate.NONE)
                .override("Horsepower", Action.IMPUTE_MODEL).run(load("cars.csv"));
        assertEquals(List.of(new Mitigation("Horsepower", Action.IMPUTE_MODEL, "requested")), r.recipe().steps());
        assertTrue(r.features().contains("Name"));
    }

    @Test
    void breastCancerIsBinaryMildlyImbalancedWithCorrelatedPairs() throws IOException {
        DataCheckResult r = DataCheck.of("diagnosis").run(load("breast_cancer.csv"));
        assertEquals(Task.CLASSIFICATION, r.task());
        Finding balance = r.findings("TARGET_BALANCED").get(0);
        assertEquals(2, balance.measure("classes"));
        assertEquals(357.0 / 212.0, balance.measure("ratio"), 1e-12);
        // pandas: (df.drop(columns='diagnosis').corr().abs() > 0.9) off the diagonal, each pair once -> 21
        assertEquals(21, r.findings("HIGH_CORRELATION").size());
        // sklearn roc_auc_score, folded: five single features separate the classes above 0.95; the largest is
        // 'worst perimeter' at 0.9755, so the default threshold calls it leakage
        List<Finding> leaks = r.findings("LEAKAGE_AUC");
        assertEquals(5, leaks.size());
        Finding top = leaks.stream().max((a, b) -> Double.compare(a.measure("auc"), b.measure("auc"))).orElseThrow();
        assertEquals("worst perimeter", top.column());
        assertEquals(0.9755, top.measure("auc"), 5e-5);
        assertEquals(Severity.FAIL, r.worst());
    }

    @Test
    void irisIsThreeBalancedClasses() throws IOException {
        DataCheckResult r = DataCheck.of("species").run(load("iris.csv"));
        Finding balance = r.findings("TARGET_BALANCED").get(0);
        assertEquals(3, balance.measure("classes"));
        assertEquals(1.0, balance.measure("ratio"));
        assertEquals(50, balance.measure("count:setosa"));
    }

    @Test
    void wineFlagsTheTwoSkewedFeaturesAndPandasOutlierCounts() throws IOException {
        DataCheckResult r = DataCheck.of("cultivar").run(load("wine.csv"));
        // pandas skew(): malic_acid 1.0397, magnesium 1.0982; no other feature above 1
        List<String> skewed = r.findings("SKEWED_LOG").stream().map(Finding::column).toList();
        assertEquals(List.of("malic_acid", "magnesium"), skewed);
        // pandas: |0.6745 * (x - median) / MAD| > 3.5 per column
        assertEquals(9, r.findingsFor("malic_acid").stream().filter(f -> f.check().equals("outliers"))
                .findFirst().orElseThrow().measure("outliers"));
        assertEquals(OutlierCheck.NAME, r.findings("OUTLIERS_INVESTIGATE").get(0).check());
        assertEquals("malic_acid", r.findings("OUTLIERS_INVESTIGATE").get(0).column(), "9 of 178 is over 5%");
    }

    @Test
    void diabetesIsRegressionWithoutLeakage() throws IOException {
        DataCheckResult r = DataCheck.of("progression").run(load("diabetes.csv"));
        assertEquals(Task.REGRESSION, r.task());
        assertEquals(0.44056293407014124, r.findings("TARGET_SKEW_OK").get(0).measure("skew"), 1e-9);
        assertTrue(r.findings("LEAKAGE_CORRELATION").isEmpty());
        assertEquals(10, r.features().size());
    }

    @Test
    void carsYearAsTimeColumnIsCheckedForOrderAndGaps() throws IOException {
        DataCheckResult r = DataCheck.of("Miles_per_Gallon").time("Year").run(load("cars.csv"));
        List<Finding> time = r.findings().stream().filter(f -> f.check().equals("time")).toList();
        assertFalse(time.isEmpty());
        assertEquals(0, time.get(time.size() - 1).measure("gaps"), "model years 1970..1982 come one year apart");
    }
}
