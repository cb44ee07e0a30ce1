package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column that is another column in another form (a log, a square, a bumpy exponential with ties) on a file written
 * here: x = 1..200, logx = ln x, sq = x², wobbly = exp(j/25) for j = i + (7i mod 11) - 5, noise and a noise target y.
 * Pearson r: x~logx 0.886, x~sq 0.969, logx~sq 0.767, x~wobbly 0.745; the rank correlation is 1 for the first three
 * and 0.9985 for x~wobbly (numpy/scipy rankdata, average ranks).
 */
class CorrelationCheckTest {
    @TempDir
    Path dir;

    private Dataset data;

    @BeforeEach
    void write() throws IOException {
        StringBuilder b = new StringBuilder("x,logx,sq,wobbly,noise,y\n");
        long seed = 12345;
        for (int i = 0; i < 200; i++) {
            double x = i + 1;
            int j = i + (i * 7) % 11 - 5;
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            double noise = (seed >>> 11) / (double) (1L << 53);
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            double y = (seed >>> 11) / (double) (1L << 53);
            b.append(x).append(',').append(Math.log(x)).append(',').append(x * x).append(',')
                    .append(Math.exp(j / 25.0)).append(',').append(noise).append(',').append(y).append('\n');
        }
        data = DataLoader.create().load(Files.writeString(dir.resolve("forms.csv"), b.toString()));
    }

    /** The pair's concerns: the PASS note on the most correlated pair is not one. */
    private static List<Finding> pair(DataCheckResult r, String a, String b) {
        return r.findings().stream().filter(f -> f.columns().equals(List.of(a, b)) && f.severity() != Severity.PASS)
                .toList();
    }

    private static Finding only(DataCheckResult r, String a, String b) {
        List<Finding> found = pair(r, a, b);
        assertEquals(1, found.size(), a + "~" + b + ": " + found);
        return found.get(0);
    }

    @Test
    void aLogOfAColumnIsFlaggedWithItsRankCorrelationAndItsPearsonR() {
        DataCheckResult r = DataCheck.of("y").run(data);

        Finding log = only(r, "x", "logx");
        assertEquals("SAME_FORM", log.code());
        assertEquals(Severity.WARN, log.severity());
        assertEquals(1.0, log.measure("rank_r"), 1e-12);
        assertEquals(0.8861572386497305, log.measure("r"), 1e-9);
        assertEquals("correlation.same_form", log.threshold().key());
        assertEquals(0.99, log.threshold().value());
        assertEquals("SAME_FORM", only(r, "logx", "sq").code());
        Finding ties = only(r, "x", "wobbly");
        assertEquals("SAME_FORM", ties.code());
        assertEquals(0.9985209630240757, ties.measure("rank_r"), 1e-9, "average ranks for the tied values");
    }

    @Test
    void aPairAlreadyAbovePearsonsLimitIsToldOnceAndAnUnrelatedPairNotAtAll() {
        DataCheckResult r = DataCheck.of("y").run(data);

        assertEquals("HIGH_CORRELATION", only(r, "x", "sq").code());
        assertTrue(pair(r, "x", "noise").isEmpty(), r.findings().toString());
        assertTrue(r.findings("SAME_FORM").stream().noneMatch(f -> f.columns().contains("noise")
                || f.columns().contains("y")), "the target and unrelated columns are never a form of another");
    }

    @Test
    void theLimitIsOverriddenInDataCheckProperties() throws IOException {
        Path props = Files.writeString(dir.resolve(Thresholds.FILE_NAME), "correlation.same_form = 0.999\n");
        DataCheckResult r = DataCheck.of("y").thresholds(Thresholds.from(props)).run(data);

        assertTrue(pair(r, "x", "wobbly").isEmpty(), "0.9985 is below the raised limit: " + r.findings());
        Finding log = only(r, "x", "logx");
        assertEquals("data_check.properties line 1", log.threshold().source());
        assertEquals(0.999, log.threshold().value());
    }

    @Test
    void ranksAreAveragedOverTiesAndMissingStaysMissing() {
        double[] x = {3, 1, Double.NaN, 3, 2, 3, -0.0, 0.0, 1e-300, -1e-300, 1 + 1e-12};
        assertArrayEquals(new double[] {9, 5, Double.NaN, 9, 7, 9, 2.5, 2.5, 4, 1, 6}, SameForm.ranks(x),
                "ties share the mean of their ranks; values one float cannot tell apart still rank in order");
    }

    @Test
    void aPairIsFoundBeyondTheSampleAndMeasuredOnAllRowsWithMissingValues() throws IOException {
        // 60,000 rows, more than the screen's sample: b = exp(a / 1000) with a tenth of b missing, so the pair is
        // measured on the rows where both are present; c is a rank of noise. rho(a, b) is exactly 1 on those rows.
        int rows = 3 * SameForm.SAMPLE_ROWS;
        StringBuilder b = new StringBuilder("a,b,c,y\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble() * 10_000;
            b.append(a).append(',').append(i % 10 == 3 ? "" : String.valueOf(Math.exp(a / 1000))).append(',')
                    .append(random.nextDouble()).append(',').append(random.nextDouble()).append('\n');
        }
        DataCheckResult r = DataCheck.of("y").run(DataLoader.create().load(
                Files.writeString(dir.resolve("big.csv"), b.toString())));

        Finding same = only(r, "a", "b");
        assertEquals("SAME_FORM", same.code());
        assertEquals(1.0, same.measure("rank_r"), 1e-12);
        assertTrue(same.measure("r") < 0.9, "r alone would not flag it: " + same.measure("r"));
        assertTrue(pair(r, "a", "c").isEmpty(), r.findings().toString());
    }

    @Test
    void theSampleIsSeededOrderedAndDistinct() {
        int[] rows = SameForm.sample(1_000_000, SameForm.SAMPLE_ROWS, 3);
        assertEquals(SameForm.SAMPLE_ROWS, rows.length);
        for (int n = 1; n < rows.length; n++) {
            assertTrue(rows[n] > rows[n - 1], "ascending and distinct at " + n);
        }
        assertTrue(rows[rows.length - 1] > 900_000, "drawn from the whole file, not its head: " + rows[rows.length - 1]);
        assertArrayEquals(rows, SameForm.sample(1_000_000, SameForm.SAMPLE_ROWS, 3));
        assertArrayEquals(new int[] {0, 1, 2}, SameForm.sample(3, SameForm.SAMPLE_ROWS, 3));
    }
}
