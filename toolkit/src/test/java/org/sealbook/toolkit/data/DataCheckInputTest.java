package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;

/** Bad targets and options, and the task inference rule. */
class DataCheckInputTest {
    @TempDir
    Path dir;

    private Dataset csv(String text) throws IOException {
        return DataLoader.create().load(Files.writeString(dir.resolve("t.csv"), text));
    }

    private static String rows(int n, java.util.function.IntFunction<String> row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(row.apply(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void unknownTargetSuggestsClosestNames() throws IOException {
        Path cars = Files.copy(SharedData.file("cars.csv"), dir.resolve("cars.csv"));
        Dataset d = DataLoader.create().load(cars);
        String m = assertThrows(DataProblem.class, () -> DataCheck.of("horsepower").run(d)).getMessage();
        assertTrue(m.startsWith("No column named 'horsepower' in cars.csv for the target; the closest names are Horsepower"), m);
    }

    @Test
    void allMissingTargetFails() throws IOException {
        Dataset d = csv("x,y\n" + rows(40, i -> i + ","));
        String m = assertThrows(DataProblem.class, () -> DataCheck.of("y").run(d)).getMessage();
        assertTrue(m.contains("empty in all 40 rows") && m.contains("FAIL"), m);
    }

    @Test
    void constantTargetIsRefused() throws IOException {
        Dataset d = csv("x,y\n" + rows(40, i -> i + ",yes"));
        String m = assertThrows(DataProblem.class, () -> DataCheck.of("y").run(d)).getMessage();
        assertTrue(m.contains("same value (yes) in all 40 rows"), m);
    }

    @Test
    void regressionOnTextTargetIsRefused() throws IOException {
        Dataset d = csv("x,y\n" + rows(40, i -> i + "," + (i % 2 == 0 ? "a" : "b")));
        String m = assertThrows(DataProblem.class, () -> DataCheck.of("y").task(Task.REGRESSION).run(d)).getMessage();
        assertTrue(m.contains("cannot be a regression target"), m);
    }

    @Test
    void fewWholeNumbersAreClassesAndTaskCanBeOverridden() throws IOException {
        // 3 distinct whole values in 100 rows: 3 <= 20 and 3 <= 5% of 100
        Dataset d = csv("x,y\n" + rows(100, i -> i + "," + (i % 3)));
        assertEquals(Task.CLASSIFICATION, DataCheck.of("y").run(d).task());
        assertEquals(Task.REGRESSION, DataCheck.of("y").task(Task.REGRESSION).run(d).task());
        // 6 distinct values in 100 rows is above 5%: regression
        Dataset six = csv("x,y\n" + rows(100, i -> i + "," + (i % 6)));
        assertEquals(Task.REGRESSION, DataCheck.of("y").run(six).task());
    }

    @Test
    void textTimeColumnIsRefused() throws IOException {
        Dataset d = csv("x,when,y\n" + rows(40, i -> i + ",soon," + i * 1.5));
        String m = assertThrows(DataProblem.class, () -> DataCheck.of("y").time("when").run(d)).getMessage();
        assertTrue(m.contains("The time column 'when' holds text"), m);
    }

    @Test
    void badTaskAndMitigateWordsAreRefused() {
        assertTrue(assertThrows(DataProblem.class, () -> Task.parse("clustering")).getMessage().contains("--task classification"));
        assertTrue(assertThrows(DataProblem.class, () -> Mitigate.parse("some")).getMessage().contains("--mitigate auto"));
    }
}
