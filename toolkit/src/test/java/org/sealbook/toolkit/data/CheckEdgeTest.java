package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check on either side of its default threshold, on small files written here. */
class CheckEdgeTest {
    @TempDir
    Path dir;

    private DataCheckResult check(String header, int n, IntFunction<String> row) throws IOException {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 0; i < n; i++) {
            b.append(row.apply(i)).append('\n');
        }
        Path f = Files.writeString(dir.resolve("edge" + System.nanoTime() + ".csv"), b.toString());
        return DataCheck.of("y").run(DataLoader.create().load(f));
    }

    private static String code(DataCheckResult r, String check, String column) {
        return r.findings().stream().filter(f -> f.check().equals(check) && (column == null || column.equals(f.column())))
                .findFirst().orElseThrow().code();
    }

    @Test
    void shapeFailsBelowThirtyRows() throws IOException {
        assertEquals("SHAPE_TOO_FEW_ROWS", code(check("x,y", 29, i -> i + "," + i * 2.5), "shape", null));
        assertEquals("SHAPE_OK", code(check("x,y", 30, i -> i + "," + i * 2.5), "shape", null));
    }

    @Test
    void missingBandsAtFiveAndFifteenPercent() throws IOException {
        // 5 of 100 missing is 5%: still simple; 6 is model-based; 16 adds an indicator; 41 drops
        assertEquals("MISSING_SIMPLE_IMPUTE", code(check("x,y", 100, i -> (i < 5 ? "" : i) + "," + i * 1.5), "missing", "x"));
        assertEquals("MISSING_MODEL_IMPUTE", code(check("x,y", 100, i -> (i < 6 ? "" : i) + "," + i * 1.5), "missing", "x"));
        assertEquals("MISSING_INDICATOR", code(check("x,y", 100, i -> (i < 16 ? "" : i) + "," + i * 1.5), "missing", "x"));
        assertEquals("MISSING_DROP", code(check("x,y", 100, i -> (i < 41 ? "" : i) + "," + i * 1.5), "missing", "x"));
    }

    @Test
    void classRatioBands() throws IOException {
        // 80 a : 20 b is exactly 4:1 -> watch; 90:10 is 9:1 -> class weights; 95:5 is 19:1 -> strong
        assertEquals("TARGET_IMBALANCE_WATCH", code(check("x,y", 100, i -> i + "," + (i < 80 ? "a" : "b")), "target", "y"));
        assertEquals("TARGET_BALANCED", code(check("x,y", 100, i -> i + "," + (i < 79 ? "a" : "b")), "target", "y"));
        DataCheckResult weights = check("x,y", 100, i -> i + "," + (i < 90 ? "a" : "b"));
        assertEquals("TARGET_IMBALANCE_CLASS_WEIGHTS", code(weights, "target", "y"));
        assertTrue(weights.recipe().has("y", Mitigation.Action.CLASS_WEIGHTS));
        assertEquals("TARGET_IMBALANCE_STRONG", code(check("x,y", 100, i -> i + "," + (i < 95 ? "a" : "b")), "target", "y"));
    }

    @Test
    void skewedPositiveTargetGetsLogButNotWhenZeroIsPresent() throws IOException {
        DataCheckResult log = check("x,y", 100, i -> i + "," + Math.exp(i / 10.0));
        assertEquals("TARGET_SKEW_LOG", code(log, "target", "y"));
        assertEquals("log", log.targetTransform());
        DataCheckResult zero = check("x,y", 100, i -> i + "," + (Math.exp(i / 10.0) - 1));
        assertEquals("TARGET_SKEW_NO_LOG", code(zero, "target", "y"));
        assertEquals("none", zero.targetTransform());
    }

    @Test
    void duplicateRowsAboveOnePercentAndDuplicateIds() throws IOException {
        // rows 0 and 1 identical: 1 duplicate in 100 is 1%, not above it; two duplicates are
        assertEquals("DUPLICATE_ROWS_FEW", code(check("x,y", 100, i -> Math.max(i, 1) + "," + Math.max(i, 1) * 1.5), "duplicates", null));
        assertEquals("DUPLICATE_ROWS", code(check("x,y", 100, i -> Math.max(i, 2) + "," + Math.max(i, 2) * 1.5), "duplicates", null));
        Path f = Files.writeString(dir.resolve("ids.csv"), "id,x,y\n" + "7,1,2.5\n7,2,3.5\n".repeat(20));
        DataCheckResult r = DataCheck.of("y").id("id").run(DataLoader.create().load(f));
        Finding id = r.findings("DUPLICATE_ID").get(0);
        assertEquals(Severity.FAIL, id.severity());
        assertEquals(39, id.measure("repeated_ids"));
    }

    @Test
    void dominantValueAndZeroVarianceAreDropped() throws IOException {
        // 1 different value in 100 rows: the top value holds 99%, not above 99%
        DataCheckResult kept = check("x,c,y", 100, i -> (i == 0 ? 1 : 0) + ",k," + i * 1.5);
        assertEquals("ZERO_VARIANCE", code(kept, "distributions", "c"));
        assertTrue(kept.recipe().drops("c"));
        assertTrue(kept.features().contains("x"));
        DataCheckResult dropped = check("x,y", 200, i -> (i == 0 ? 1 : 0) + "," + i * 1.5);
        assertEquals("DOMINANT_VALUE", code(dropped, "distributions", "x"));
    }

    @Test
    void leakyFeatureInRegressionFails() throws IOException {
        DataCheckResult r = check("x,noise,y", 100, i -> i + "," + (i * 37 % 11) + "," + (2 * i + 1));
        assertEquals(Severity.FAIL, r.findings("LEAKAGE_CORRELATION").get(0).severity());
        assertEquals("x", r.findings("LEAKAGE_CORRELATION").get(0).column());
    }

    @Test
    void identifierColumnIsFlaggedAndDropped() throws IOException {
        DataCheckResult r = check("code,x,y", 50, i -> "c" + i + "," + (i % 7) + "," + i * 1.5);
        assertEquals("LIKELY_IDENTIFIER", r.findingsFor("code").get(1).code());
        assertTrue(r.recipe().drops("code"));
    }

    @Test
    void numbersStoredAsTextAreNamed() throws IOException {
        DataCheckResult r = check("price,y", 50, i -> "\"$1," + (100 + i) + "\"," + i * 1.5);
        assertEquals("NUMBER_AS_TEXT", r.findingsFor("price").get(1).code());
    }
}
