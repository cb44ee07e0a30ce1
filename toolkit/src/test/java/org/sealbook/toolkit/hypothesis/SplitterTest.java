package org.sealbook.toolkit.hypothesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.hypothesis.SplitBalance.ClassShare;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SplitterTest {
    private static final Ratios SEVENTY_FIFTEEN_FIFTEEN = Ratios.of(0.7, 0.15, 0.15);

    @TempDir
    Path dir;

    /** The shared file's rows that have a target, as the hypothesis stage splits them. */
    private Table rowsWithTarget(String file, String target) throws IOException {
        Table table = DataLoader.create().load(Files.copy(SharedData.file(file), dir.resolve(file))).table();
        return table.dropWhere(table.column(target).isMissing());
    }

    private static Splits split(Table rows, String target, String task, SplitStrategy strategy, String group,
                                String time, long seed) {
        return Splitter.split(rows, target, task, strategy, group, time, SEVENTY_FIFTEEN_FIFTEEN, seed);
    }

    @Test
    void breastCancerStratifiedKeepsEachClassShareInEverySplit() throws IOException {
        Table rows = rowsWithTarget("breast_cancer.csv", "diagnosis");
        Splits splits = split(rows, "diagnosis", "classification", SplitStrategy.STRATIFIED, null, null, 42);
        splits.requireDisjointAndComplete(rows.rowCount());
        double malignantOverall = rows.stringColumn("diagnosis").isEqualTo("malignant").size()
                / (double) rows.rowCount();
        SplitBalance balance = SplitBalance.of(rows, "diagnosis", "classification", splits);
        for (String split : Splits.NAMES) {
            List<ClassShare> shares = balance.classShares(split);
            assertEquals(List.of("malignant", "benign"), shares.stream().map(ClassShare::label).toList());
            assertEquals(malignantOverall, shares.get(0).share(), 0.02, split);
            assertEquals(1 - malignantOverall, shares.get(1).share(), 0.02, split);
        }
        assertEquals(splits, split(rows, "diagnosis", "classification", SplitStrategy.STRATIFIED, null, null, 42));
        assertNotEquals(splits, split(rows, "diagnosis", "classification", SplitStrategy.STRATIFIED, null, null, 43));
    }

    @Test
    void theBalanceReadsAsSharesAndCountsPerSplit() throws IOException {
        Table rows = rowsWithTarget("breast_cancer.csv", "diagnosis");
        Splits splits = split(rows, "diagnosis", "classification", SplitStrategy.STRATIFIED, null, null, 42);
        // 212 malignant and 357 benign rows, each cut 70/15/15 on its own: 148/32/32 and 250/54/53
        assertEquals(List.of(new SplitBalance.Row("train", 398, "malignant 37.2% (148), benign 62.8% (250)"),
                        new SplitBalance.Row("validation", 86, "malignant 37.2% (32), benign 62.8% (54)"),
                        new SplitBalance.Row("test", 85, "malignant 37.6% (32), benign 62.4% (53)")),
                SplitBalance.of(rows, "diagnosis", "classification", splits).rows());
    }

    @Test
    void aRegressionBalanceShowsTheTargetsSpreadPerSplit() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        Splits splits = split(rows, "Miles_per_Gallon", "regression", SplitStrategy.RANDOM, null, null, 7);
        SplitBalance balance = SplitBalance.of(rows, "Miles_per_Gallon", "regression", splits);
        double highest = Splits.NAMES.stream().mapToDouble(s -> balance.spread(s).max()).max().orElseThrow();
        double lowest = Splits.NAMES.stream().mapToDouble(s -> balance.spread(s).min()).min().orElseThrow();
        assertEquals(46.6, highest, 1e-9, "the best mpg in cars.csv");
        assertEquals(9.0, lowest, 1e-9, "the worst mpg in cars.csv");
        for (SplitBalance.Row row : balance.rows()) {
            assertTrue(row.summary().matches("min [0-9.]+, median [0-9.]+, max [0-9.]+, mean [0-9.]+"), row.summary());
            SplitBalance.Spread spread = balance.spread(row.split());
            assertTrue(spread.min() <= spread.median() && spread.median() <= spread.max(), row.summary());
        }
        IllegalStateException noClasses = assertThrows(IllegalStateException.class,
                () -> balance.classShares("train"));
        assertEquals("A regression target has no classes; read spread(train) instead.", noClasses.getMessage());
    }

    @Test
    void carsTimeSplitPutsEveryTrainingYearBeforeValidationAndValidationBeforeTest() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        Splits splits = split(rows, "Miles_per_Gallon", "regression", SplitStrategy.TIME, null, "Year", 42);
        splits.requireDisjointAndComplete(rows.rowCount());
        DateColumn year = rows.dateColumn("Year");
        assertTrue(latest(year, splits.train()).isBefore(earliest(year, splits.validation())));
        assertTrue(latest(year, splits.validation()).isBefore(earliest(year, splits.test())));
        // 279 training rows would cut 1978 in two, so the cut moves to its end (280); moving the next cut forward
        // would swallow all of 1982 and leave test empty, so it moves back to the start of 1982 instead
        assertEquals(280, splits.train().length);
        assertEquals(LocalDate.of(1980, 1, 1), latest(year, splits.validation()));
        assertEquals(60, splits.test().length);
    }

    @Test
    void aNumericTimeColumnOrdersRowsToo() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        Splits splits = split(rows, "Miles_per_Gallon", "regression", SplitStrategy.TIME, null, "Weight_in_lbs", 1);
        DoubleColumn weight = rows.numberColumn("Weight_in_lbs").asDoubleColumn();
        double trainMax = IntStream.of(splits.train()).mapToDouble(weight::getDouble).max().orElseThrow();
        double validationMin = IntStream.of(splits.validation()).mapToDouble(weight::getDouble).min().orElseThrow();
        double validationMax = IntStream.of(splits.validation()).mapToDouble(weight::getDouble).max().orElseThrow();
        double testMin = IntStream.of(splits.test()).mapToDouble(weight::getDouble).min().orElseThrow();
        assertTrue(trainMax < validationMin && validationMax < testMin);
    }

    @Test
    void carsGroupSplitKeepsEachOriginInOneSplit() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        Splits splits = split(rows, "Miles_per_Gallon", "regression", SplitStrategy.GROUP, "Origin", null, 42);
        splits.requireDisjointAndComplete(rows.rowCount());
        StringColumn origin = rows.stringColumn("Origin");
        Set<String> seen = new HashSet<>();
        for (String split : Splits.NAMES) {
            Set<String> origins = new HashSet<>();
            IntStream.of(splits.get(split)).forEach(row -> origins.add(origin.get(row)));
            assertEquals(1, origins.size(), split + " holds " + origins);
            assertTrue(seen.addAll(origins), "an origin in two splits: " + origins);
        }
    }

    @Test
    void rowsWithoutAGroupValueStayTogetherAsOneGroup() {
        Table rows = Table.create("visits",
                StringColumn.create("patient", "a", "", "b", "a", "c", "", "d", "b", "", "e"),
                DoubleColumn.create("y", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        for (long seed = 0; seed < 20; seed++) {
            Splits splits = Splitter.split(rows, "y", "regression", SplitStrategy.GROUP, "patient", null,
                    Ratios.of(0.5, 0.25, 0.25), seed);
            splits.requireDisjointAndComplete(rows.rowCount());
            String splitOfMissing = splitOf(splits, 1);
            assertEquals(splitOfMissing, splitOf(splits, 5), "seed " + seed);
            assertEquals(splitOfMissing, splitOf(splits, 8), "seed " + seed);
            assertEquals(splitOf(splits, 0), splitOf(splits, 3), "patient a, seed " + seed);
        }
    }

    @Test
    void irisRandomSplitSizesFollowTheRatiosAndTheSeed() throws IOException {
        Table rows = rowsWithTarget("iris.csv", "species");
        Splits splits = split(rows, "species", "classification", SplitStrategy.RANDOM, null, null, 42);
        splits.requireDisjointAndComplete(150);
        assertEquals(150, splits.train().length + splits.validation().length + splits.test().length);
        assertEquals(105, splits.train().length, 1);
        assertEquals(22.5, splits.validation().length, 1);
        assertEquals(22.5, splits.test().length, 1);
        assertEquals(splits, split(rows, "species", "classification", SplitStrategy.RANDOM, null, null, 42));
        assertNotEquals(splits, split(rows, "species", "classification", SplitStrategy.RANDOM, null, null, 41));
        assertFalse(IntStream.range(0, 105).boxed().toList()
                .equals(IntStream.of(splits.train()).boxed().toList()), "the rows are shuffled, not cut in file order");
    }

    @Test
    void aSmallClassStillReachesEverySplit() throws IOException {
        Table iris = rowsWithTarget("iris.csv", "species");
        // 50 setosa, 50 versicolor and only 3 virginica rows
        Table rows = iris.dropWhere(iris.stringColumn("species").isEqualTo("virginica")).append(
                iris.where(iris.stringColumn("species").isEqualTo("virginica")).first(3));
        Splits splits = split(rows, "species", "classification", SplitStrategy.STRATIFIED, null, null, 42);
        SplitBalance balance = SplitBalance.of(rows, "species", "classification", splits);
        for (String split : Splits.NAMES) {
            assertEquals(1, balance.classShares(split).get(2).count(), split);
        }
    }

    @Test
    void aGroupSplitNeedsAGroupColumnThatExists() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> split(rows, "Miles_per_Gallon", "regression", SplitStrategy.GROUP, null, null, 42));
        assertEquals("A group split keeps all rows of one group together, but no group column was given; "
                + "name it with --group COL.", none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> split(rows, "Miles_per_Gallon", "regression", SplitStrategy.GROUP, "Maker", null, 42));
        assertEquals("There is no column named Maker to group by; name an existing column with --group COL.",
                unknown.getMessage());
    }

    @Test
    void aGroupSplitNeedsThreeGroups() throws IOException {
        Table rows = rowsWithTarget("breast_cancer.csv", "diagnosis");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(rows, "diagnosis", "classification", SplitStrategy.GROUP, "diagnosis", null, 42));
        assertEquals("The group column diagnosis has only 2 groups, too few to give training, validation and test a "
                + "group each; name a column with at least 3 groups with --group COL or use another split.",
                e.getMessage());
    }

    @Test
    void aTextTimeColumnIsRefused() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(rows, "Miles_per_Gallon", "regression", SplitStrategy.TIME, null, "Name", 42));
        assertEquals("The time column Name holds text, not dates or numbers, so rows cannot be put in time order; "
                + "choose a date column with --time COL or use another split.", e.getMessage());
    }

    @Test
    void aTimeColumnWithMissingValuesIsRefused() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(rows, "Miles_per_Gallon", "regression", SplitStrategy.TIME, null, "Horsepower", 42));
        assertEquals("The time column Horsepower has no value in 6 rows, which cannot be put in time order; drop or "
                + "fill those rows before splitting, or use another split.", e.getMessage());
    }

    @Test
    void aTimeColumnWithTooFewDifferentTimesIsRefused() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        // 3, 4, 5, 6 or 8 cylinders: the 6- and 8-cylinder runs are too long to cut 70/15/15 between them
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(rows, "Miles_per_Gallon", "regression", SplitStrategy.TIME, null, "Cylinders", 42));
        assertEquals("The time column Cylinders has only 5 different times, too few to give training, validation "
                + "and test each their own period without one time falling in two splits; choose a finer time "
                + "column with --time COL or use another split.", e.getMessage());
    }

    @Test
    void stratifiedOnARegressionTargetIsRefused() throws IOException {
        Table rows = rowsWithTarget("cars.csv", "Miles_per_Gallon");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(rows, "Miles_per_Gallon", "regression", SplitStrategy.STRATIFIED, null, null, 42));
        assertEquals("A stratified split keeps each class's share, but Miles_per_Gallon is a regression target "
                + "without classes; use --split random, group or time.", e.getMessage());
    }

    @Test
    void tooFewRowsForTheRatiosAreRefused() throws IOException {
        Table rows = rowsWithTarget("iris.csv", "species").first(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(rows, "species", "classification", SplitStrategy.RANDOM, null, null, 42));
        assertEquals("There are only 2 rows to split, too few for the ratios 0.7/0.15/0.15 to give training, "
                + "validation and test at least one row each; use more rows or larger validation and test shares.",
                e.getMessage());
    }

    @Test
    void rowsWithoutATargetAndAnUnknownTaskAreRefused() throws IOException {
        Table cars = DataLoader.create().load(Files.copy(SharedData.file("cars.csv"), dir.resolve("cars.csv")))
                .table();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> split(cars, "Miles_per_Gallon", "regression", SplitStrategy.RANDOM, null, null, 42));
        assertEquals("The target Miles_per_Gallon is missing in 8 of the 406 rows; pass only the rows that have a "
                + "target.", missing.getMessage());
        IllegalArgumentException task = assertThrows(IllegalArgumentException.class,
                () -> split(cars, "Miles_per_Gallon", "forecast", SplitStrategy.RANDOM, null, null, 42));
        assertEquals("The task forecast is neither classification nor regression; pass one of those two, as the "
                + "data check sealed it.", task.getMessage());
    }

    private static LocalDate latest(DateColumn year, int[] rows) {
        return IntStream.of(rows).mapToObj(year::get).max(LocalDate::compareTo).orElseThrow();
    }

    private static LocalDate earliest(DateColumn year, int[] rows) {
        return IntStream.of(rows).mapToObj(year::get).min(LocalDate::compareTo).orElseThrow();
    }

    private static String splitOf(Splits splits, int row) {
        return Splits.NAMES.stream().filter(s -> IntStream.of(splits.get(s)).anyMatch(r -> r == row)).findFirst()
                .orElseThrow();
    }
}
