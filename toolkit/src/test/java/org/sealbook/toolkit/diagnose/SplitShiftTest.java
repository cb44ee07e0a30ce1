package org.sealbook.toolkit.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.prepare.Prepared;

/** Adversarial validation on real rows: alike when dealt at random, told apart when dealt by the target. */
class SplitShiftTest {
    /** wine.csv's 13 numeric columns, and its cultivar, in file order (which is sorted by cultivar). */
    private static final List<String> FEATURES = new ArrayList<>();
    private static final List<double[]> ROWS = new ArrayList<>();

    static {
        try {
            List<String> lines = Files.readAllLines(SharedData.file("wine.csv"));
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int target = header.indexOf("cultivar");
            for (int c = 0; c < header.size(); c++) {
                if (c != target) {
                    FEATURES.add(header.get(c));
                }
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                double[] x = new double[FEATURES.size()];
                for (int c = 0, k = 0; c < cells.length; c++) {
                    if (c != target) {
                        x[k++] = Double.parseDouble(cells[c]);
                    }
                }
                ROWS.add(x);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Prepared rows(List<double[]> x) {
        return Prepared.regression(FEATURES, x.toArray(double[][]::new), new double[x.size()]);
    }

    @Test
    void rowsDealtAtRandomLookAlike() {
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (double[] row : ROWS) {
            (random.nextDouble() < 0.7 ? a : b).add(row);
        }
        SplitShift shift = SplitShift.measure(rows(a), rows(b), 42);
        assertTrue(shift.auc() < DataCauses.SHIFT_AUC, "AUC " + shift.auc());
        assertEquals(ROWS.size(), shift.rows());
    }

    @Test
    void rowsDealtInTheFilesOrderAreToldApartAndTheColumnsThatDifferAreNamed() {
        // the file is sorted by cultivar: the first 70% hold cultivars 1 and 2, the rest mostly 3
        int cut = (int) (0.7 * ROWS.size());
        SplitShift shift = SplitShift.measure(rows(ROWS.subList(0, cut)), rows(ROWS.subList(cut, ROWS.size())), 42);
        assertTrue(shift.auc() > 0.9, "AUC " + shift.auc());
        assertEquals(FEATURES.size(), shift.columns().size());
        assertTrue(shift.columns().get(0).getValue() >= shift.columns().get(1).getValue(), "highest first");
        assertTrue(shift.columns().get(0).getValue() > 0.8, shift.columns().toString());
    }
}
