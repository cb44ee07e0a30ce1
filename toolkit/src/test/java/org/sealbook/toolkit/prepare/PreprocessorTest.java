package org.sealbook.toolkit.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.Mitigation.Action;
import tech.tablesaw.api.Table;

class PreprocessorTest {
    private static final List<String> CARS_FEATURES = List.of("Name", "Cylinders", "Displacement", "Horsepower",
            "Weight_in_lbs", "Acceleration", "Year", "Origin");

    @TempDir
    Path dir;

    /** A data set's rows that have the target, in file order (what the data check keeps). */
    private static Table withTarget(String file, String target) {
        Table t = DataLoader.create().load(SharedData.file(file)).table();
        return t.where(t.column(target).isNotMissing());
    }

    /** Every fifth row (0, 5, 10, ...) is validation, the rest training: the same split pandas makes below. */
    private static Table split(Table rows, boolean validation) {
        return rows.rows(IntStream.range(0, rows.rowCount()).filter(i -> (i % 5 == 0) == validation).toArray());
    }

    private static DataCheckResult decision(String file, DataCheck check) {
        return check.run(DataLoader.create().load(SharedData.file(file)));
    }

    private static DataCheckResult carsDecision() {
        return decision("cars.csv", DataCheck.of("Miles_per_Gallon"));
    }

    private static double[] column(Prepared p, String feature) {
        int j = p.features().indexOf(feature);
        assertTrue(j >= 0, "no output column " + feature + " in " + p.features());
        return Arrays.stream(p.x()).mapToDouble(row -> row[j]).toArray();
    }

    /**
     * A standardised column back on its own scale: z = (v - mean) / sd is a straight line, so two rows with known,
     * different values give mean and sd; a filled row's z then says what value it was given.
     */
    private static double[] originalScale(Table rows, Prepared p, String feature) {
        double[] z = column(p, feature);
        var raw = rows.numberColumn(feature);
        int a = -1;
        int b = -1;
        for (int i = 0; i < rows.rowCount() && b < 0; i++) {
            if (!raw.isMissing(i)) {
                if (a < 0) {
                    a = i;
                } else if (raw.getDouble(i) != raw.getDouble(a)) {
                    b = i;
                }
            }
        }
        double sd = (raw.getDouble(a) - raw.getDouble(b)) / (z[a] - z[b]);
        double mean = raw.getDouble(a) - z[a] * sd;
        return Arrays.stream(z).map(v -> v * sd + mean).toArray();
    }

    private static List<Integer> missingRows(Table rows, String column) {
        return IntStream.range(0, rows.rowCount()).filter(i -> rows.column(column).isMissing(i)).boxed().toList();
    }

    @Test
    void carsFeaturesBecomeNumbersInAFixedOrderWithoutTheDroppedName() {
        Table train = split(withTarget("cars.csv", "Miles_per_Gallon"), false);
        Prepared p = Preprocessor.fit(train, carsDecision(), CARS_FEATURES).transform(train);
        // Name is in the features but the recipe drops it (too many distinct texts); Origin's categories are sorted
        assertEquals(List.of("Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year",
                "Origin=Europe", "Origin=Japan", "Origin=USA"), p.features());
        assertEquals(318, p.rows());
        assertFalse(p.isClassification());
        assertArrayEquals(train.numberColumn("Miles_per_Gallon").asDoubleArray(), p.y(), "target unchanged");
    }

    @Test
    void missingHorsepowerGetsTheTrainingMedianInTrainingAndValidationRows() {
        Table kept = withTarget("cars.csv", "Miles_per_Gallon");
        Table train = split(kept, false);
        Table validation = split(kept, true);
        Preprocessor pre = Preprocessor.fit(train, carsDecision(), CARS_FEATURES);
        // pandas: kept = cars[cars.Miles_per_Gallon.notna()].reset_index(drop=True);
        //         kept[kept.index % 5 != 0].Horsepower.median() == 95.0 (5 missing in training, 1 in validation)
        List<Integer> trainMissing = missingRows(train, "Horsepower");
        List<Integer> validationMissing = missingRows(validation, "Horsepower");
        assertEquals(5, trainMissing.size());
        assertEquals(1, validationMissing.size());
        double[] trainHp = originalScale(train, pre.transform(train), "Horsepower");
        double[] validationHp = originalScale(validation, pre.transform(validation), "Horsepower");
        trainMissing.forEach(i -> assertEquals(95.0, trainHp[i], 1e-9));
        validationMissing.forEach(i -> assertEquals(95.0, validationHp[i], 1e-9));
    }

    @Test
    void yearDatesBecomeDaysSince1970StandardisedWithTrainingNumbers() {
        Table train = split(withTarget("cars.csv", "Miles_per_Gallon"), false);
        Prepared p = Preprocessor.fit(train, carsDecision(), CARS_FEATURES).transform(train);
        double[] days = train.dateColumn("Year").asList().stream().mapToDouble(LocalDate::toEpochDay).toArray();
        assertEquals(0.0, days[0], "1970-01-01 is day 0");
        double mean = Arrays.stream(days).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(days).map(d -> (d - mean) * (d - mean)).sum() / days.length);
        double[] z = column(p, "Year");
        for (int i = 0; i < days.length; i++) {
            assertEquals((days[i] - mean) / sd, z[i], 1e-12);
        }
    }

    @Test
    void originIsOneHotOverTrainingCategories() {
        Table kept = withTarget("cars.csv", "Miles_per_Gallon");
        Preprocessor pre = Preprocessor.fit(split(kept, false), carsDecision(), CARS_FEATURES);
        Table validation = split(kept, true);
        Prepared p = pre.transform(validation);
        for (int i = 0; i < validation.rowCount(); i++) {
            String origin = validation.stringColumn("Origin").get(i);
            for (String category : List.of("Europe", "Japan", "USA")) {
                assertEquals(origin.equals(category) ? 1.0 : 0.0, column(p, "Origin=" + category)[i], origin);
            }
        }
    }

    @Test
    void everyValueIsFiniteAndTrainingNumberColumnsHaveMeanZeroAndSdOne() {
        checkStandardised(withTarget("cars.csv", "Miles_per_Gallon"), carsDecision(), CARS_FEATURES);
        DataCheckResult cancer = decision("breast_cancer.csv", DataCheck.of("diagnosis"));
        Table rows = withTarget("breast_cancer.csv", "diagnosis");
        checkStandardised(rows, cancer, rows.columnNames().stream().filter(c -> !c.equals("diagnosis")).toList());
    }

    private static void checkStandardised(Table kept, DataCheckResult decision, List<String> features) {
        Table train = split(kept, false);
        Preprocessor pre = Preprocessor.fit(train, decision, features);
        Prepared p = pre.transform(train);
        for (Prepared any : List.of(p, pre.transform(split(kept, true)))) {
            for (double[] row : any.x()) {
                for (double v : row) {
                    assertTrue(Double.isFinite(v));
                }
            }
        }
        for (String feature : p.features()) {
            double[] z = column(p, feature);
            if (feature.contains("=")) {
                assertTrue(Arrays.stream(z).allMatch(v -> v == 0 || v == 1), feature + " is 0/1");
                continue;
            }
            double mean = Arrays.stream(z).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / z.length);
            assertEquals(0.0, mean, 1e-9, feature);
            assertEquals(1.0, sd, 1e-9, feature);
        }
    }

    @Test
    void breastCancerClassesAreSortedNamesAndWeightsFollowTheRecipe() {
        Table kept = withTarget("breast_cancer.csv", "diagnosis");
        List<String> features = kept.columnNames().stream().filter(c -> !c.equals("diagnosis")).toList();
        Table train = split(kept, false);
        Preprocessor plain = Preprocessor.fit(train, decision("breast_cancer.csv", DataCheck.of("diagnosis")), features);
        Prepared p = plain.transform(train);
        assertEquals(List.of("benign", "malignant"), p.classes());
        assertEquals(30, p.features().size());
        for (int i = 0; i < train.rowCount(); i++) {
            assertEquals(train.stringColumn("diagnosis").get(i), p.classes().get(p.labels()[i]));
        }
        assertArrayEquals(new double[] {1, 1}, plain.classWeights(), "no class_weights step: all 1");
        Preprocessor weighted = Preprocessor.fit(train, decision("breast_cancer.csv",
                DataCheck.of("diagnosis").override("diagnosis", Action.CLASS_WEIGHTS)), features);
        // sklearn: compute_class_weight("balanced", classes=["benign", "malignant"], y=bc[bc.index % 5 != 0].diagnosis)
        assertArrayEquals(new double[] {0.803886925795053, 1.322674418604651}, weighted.classWeights(), 1e-12);
    }

    @Test
    void logTargetIsTheNaturalLogAndInverseTargetGivesTheValueBack() {
        Table train = split(withTarget("cars.csv", "Miles_per_Gallon"), false);
        DataCheckResult logDecision = decision("cars.csv",
                DataCheck.of("Miles_per_Gallon").override("Miles_per_Gallon", Action.LOG_TRANSFORM_TARGET));
        assertEquals("log", logDecision.targetTransform());
        Preprocessor pre = Preprocessor.fit(train, logDecision, CARS_FEATURES);
        Prepared p = pre.transform(train);
        double[] mpg = train.numberColumn("Miles_per_Gallon").asDoubleArray();
        for (int i = 0; i < mpg.length; i++) {
            assertEquals(Math.log(mpg[i]), p.y()[i], 0.0);
            assertEquals(mpg[i], pre.inverseTarget(p.y()[i]), 1e-12 * mpg[i]);
        }
        Table validation = split(withTarget("cars.csv", "Miles_per_Gallon"), true);
        validation.doubleColumn("Miles_per_Gallon").set(3, 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pre.transform(validation));
        assertEquals("Row 4 of 80 has Miles_per_Gallon = 0.0, but the log target needs values above zero; leave such "
                + "rows out or run the data check without log_transform_target.", e.getMessage());
    }

    @Test
    void aClassTrainingNeverSawIsRefused() {
        Table kept = withTarget("cars.csv", "Origin");
        List<String> features = List.of("Cylinders", "Weight_in_lbs", "Year");
        Table noJapan = kept.where(kept.stringColumn("Origin").isNotEqualTo("Japan"));
        Preprocessor pre = Preprocessor.fit(noJapan, decision("cars.csv", DataCheck.of("Origin")), features);
        assertEquals(List.of("Europe", "USA"), pre.transform(noJapan).classes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pre.transform(kept));
        assertTrue(e.getMessage().contains("has the class 'Japan' for 'Origin', which the training rows never had"),
                e.getMessage());
    }

    @Test
    void modelImputationMatchesScikitLearnsRidgeOnTheOtherNumericFeatures() {
        Table kept = withTarget("cars.csv", "Miles_per_Gallon");
        Table train = split(kept, false);
        Table validation = split(kept, true);
        Preprocessor pre = Preprocessor.fit(train, decision("cars.csv",
                DataCheck.of("Miles_per_Gallon").override("Horsepower", Action.IMPUTE_MODEL)), CARS_FEATURES);
        // sklearn: X = Cylinders, Displacement, Weight_in_lbs, Acceleration, Year (days since 1970) of the training
        // rows with Horsepower; s = StandardScaler().fit(X); Ridge(alpha=1.0).fit(s.transform(X), hp)
        //   .predict(s.transform(X_missing)) for kept rows 32, 126, 336, 354, 374 (training) and 330 (validation)
        double[] expectedTrain = {64.37927456389357, 97.0971745005113, 100.77864462163701, 75.90809468657172,
                74.47486554865662};
        double[] trainHp = originalScale(train, pre.transform(train), "Horsepower");
        double[] imputed = missingRows(train, "Horsepower").stream().mapToDouble(i -> trainHp[i]).toArray();
        assertArrayEquals(expectedTrain, imputed, 1e-8);
        double[] validationHp = originalScale(validation, pre.transform(validation), "Horsepower");
        assertEquals(59.35705947435226, validationHp[missingRows(validation, "Horsepower").get(0)], 1e-8);
    }

    @Test
    void modelImputationFallsBackToTheMedianBelowTwentyRowsWithTheColumn() {
        DataCheckResult modelDecision = decision("cars.csv",
                DataCheck.of("Miles_per_Gallon").override("Horsepower", Action.IMPUTE_MODEL));
        for (int blanked : List.of(6, 5)) {
            Table small = withTarget("cars.csv", "Miles_per_Gallon").first(25);
            for (int i = 0; i < blanked; i++) {
                small.intColumn("Horsepower").setMissing(i);
            }
            double[] present = IntStream.range(blanked, 25).mapToDouble(i -> small.intColumn("Horsepower").get(i))
                    .sorted().toArray();
            double median = present[present.length / 2]; // 19 values: the middle one; 20: checked only to differ
            double[] hp = originalScale(small, Preprocessor.fit(small, modelDecision, CARS_FEATURES).transform(small),
                    "Horsepower");
            if (blanked == 6) {
                assertEquals(median, hp[0], 1e-9, "19 rows with Horsepower: the median");
            } else {
                assertNotEquals(hp[0], hp[1], 1e-6, "20 rows with Horsepower: a ridge prediction per row");
            }
        }
    }

    @Test
    void missingIndicatorMarksTheFilledRowsAndTheMedianFillsThem() {
        Table train = split(withTarget("cars.csv", "Miles_per_Gallon"), false);
        Preprocessor pre = Preprocessor.fit(train, decision("cars.csv",
                DataCheck.of("Miles_per_Gallon").override("Horsepower", Action.ADD_MISSING_INDICATOR)), CARS_FEATURES);
        Prepared p = pre.transform(train);
        assertEquals(p.features().indexOf("Horsepower") + 1, p.features().indexOf("Horsepower_was_missing"));
        double[] flag = column(p, "Horsepower_was_missing");
        double[] hp = originalScale(train, p, "Horsepower");
        for (int i = 0; i < train.rowCount(); i++) {
            boolean missing = train.intColumn("Horsepower").isMissing(i);
            assertEquals(missing ? 1.0 : 0.0, flag[i]);
            if (missing) {
                assertEquals(95.0, hp[i], 1e-9);
            }
        }
    }

    @Test
    void missingCategoriesAreZerosUnlessTheRecipeFillsThemAndUnseenOnesAreZeros() throws IOException {
        // a copy of cars.csv with Origin empty for three Japanese and European cars and "Mars" for the first car
        List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.file("cars.csv")));
        for (int line : List.of(22, 26, 27)) { // toyota corona mark ii, datsun pl510, volkswagen 1131 deluxe sedan
            lines.set(line - 1, lines.get(line - 1).substring(0, lines.get(line - 1).lastIndexOf(',') + 1));
        }
        lines.set(1, lines.get(1).substring(0, lines.get(1).lastIndexOf(',') + 1) + "Mars");
        Path file = Files.write(dir.resolve("cars.csv"), lines);
        Table all = DataLoader.create().load(file).table();
        Table kept = all.where(all.column("Miles_per_Gallon").isNotMissing());
        Table train = split(kept, false);
        Table validation = split(kept, true);
        List<Integer> blank = List.of(11, 14, 15);
        assertEquals(blank, missingRows(train, "Origin"));
        List<String> origin = List.of("Origin=Europe", "Origin=Japan", "Origin=USA");

        DataCheckResult keep = DataCheck.of("Miles_per_Gallon").override("Origin", Action.KEEP)
                .run(DataLoader.create().load(file));
        DataCheckResult fill = DataCheck.of("Miles_per_Gallon").override("Origin", Action.IMPUTE_MOST_FREQUENT)
                .run(DataLoader.create().load(file));
        Prepared plain = Preprocessor.fit(train, keep, CARS_FEATURES).transform(train);
        Preprocessor filling = Preprocessor.fit(train, fill, CARS_FEATURES);
        Prepared filled = filling.transform(train);
        for (int row : blank) {
            assertEquals(List.of(0.0, 0.0, 0.0), origin.stream().map(f -> column(plain, f)[row]).toList());
            assertEquals(List.of(0.0, 0.0, 1.0), origin.stream().map(f -> column(filled, f)[row]).toList(),
                    "USA is the most frequent origin in the training rows");
        }
        assertEquals(origin, filled.features().subList(6, 9), "Mars, a validation value, is no category");
        Prepared mars = filling.transform(validation);
        assertEquals("Mars", validation.stringColumn("Origin").get(0));
        assertEquals(List.of(0.0, 0.0, 0.0), origin.stream().map(f -> column(mars, f)[0]).toList());
    }

    @Test
    void yesNoAndDateTimeColumnsBecomeNumbers() throws IOException {
        StringBuilder csv = new StringBuilder("price,flag,listed,size\n");
        for (int i = 0; i < 40; i++) {
            csv.append(10 + i * 1.7 + (i % 7) * 0.3).append(',').append(i % 3 == 0 ? "false" : "true")
                    .append(",2024-01-").append(String.format("%02d", 1 + i % 28)).append('T')
                    .append(String.format("%02d", (i * 5) % 24)).append(":30:00,").append(1 + (i * 7) % 9).append('\n');
        }
        Path file = Files.writeString(dir.resolve("listings.csv"), csv);
        Table rows = DataLoader.create().load(file).table();
        DataCheckResult made = DataCheck.of("price").run(DataLoader.create().load(file));
        Preprocessor pre = Preprocessor.fit(rows, made, List.of("flag", "listed", "size"));
        Prepared p = pre.transform(rows);
        assertEquals(List.of("flag=false", "flag=true", "listed", "size"), p.features());
        assertEquals(List.of(1.0, 0.0), List.of(column(p, "flag=false")[0], column(p, "flag=true")[0]));
        assertEquals(List.of(0.0, 1.0), List.of(column(p, "flag=false")[1], column(p, "flag=true")[1]));
        // a date-time is days since 1970-01-01T00:00 with the hours as a fraction: 2024-01-01T00:30 is 19723.0208333
        double[] days = rows.dateTimeColumn("listed").asList().stream()
                .mapToDouble(t -> t.toEpochSecond(ZoneOffset.UTC) / 86_400.0).toArray();
        assertEquals(19723 + 0.5 / 24, days[0], 1e-9);
        double mean = Arrays.stream(days).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(days).map(d -> (d - mean) * (d - mean)).sum() / days.length);
        double[] listed = column(p, "listed");
        for (int i = 0; i < days.length; i++) {
            assertEquals((days[i] - mean) / sd, listed[i], 1e-9);
        }
    }

    @Test
    void fittingNeverReadsValidationRows() {
        Table kept = withTarget("cars.csv", "Miles_per_Gallon");
        String fitted = Preprocessor.fit(split(kept, false), carsDecision(), CARS_FEATURES).toJson().toString();

        Table changedValidation = withTarget("cars.csv", "Miles_per_Gallon");
        changedValidation.intColumn("Horsepower").set(0, 1000); // row 0 is a validation row
        changedValidation.stringColumn("Origin").set(5, "Mars"); // so is row 5
        assertEquals(fitted, Preprocessor.fit(split(changedValidation, false), carsDecision(), CARS_FEATURES)
                .toJson().toString());

        Table changedTraining = withTarget("cars.csv", "Miles_per_Gallon");
        changedTraining.intColumn("Horsepower").set(1, 1000); // row 1 is a training row
        assertNotEquals(fitted, Preprocessor.fit(split(changedTraining, false), carsDecision(), CARS_FEATURES)
                .toJson().toString());
    }

    @Test
    void savedAndReloadedPreprocessorTransformsBitForBit() {
        Table cars = withTarget("cars.csv", "Miles_per_Gallon");
        DataCheckResult carsDecision = decision("cars.csv", DataCheck.of("Miles_per_Gallon")
                .override("Miles_per_Gallon", Action.LOG_TRANSFORM_TARGET)
                .override("Horsepower", Action.IMPUTE_MODEL)
                .override("Origin", Action.ADD_MISSING_INDICATOR));
        checkRoundTrip(cars, carsDecision, CARS_FEATURES);
        Table cancer = withTarget("breast_cancer.csv", "diagnosis");
        DataCheckResult cancerDecision = decision("breast_cancer.csv",
                DataCheck.of("diagnosis").override("diagnosis", Action.CLASS_WEIGHTS));
        checkRoundTrip(cancer, cancerDecision, cancer.columnNames().subList(0, 30));
    }

    private static void checkRoundTrip(Table kept, DataCheckResult decision, List<String> features) {
        Preprocessor fitted = Preprocessor.fit(split(kept, false), decision, features);
        JsonObject saved = fitted.toJson();
        Preprocessor reloaded = Preprocessor.fromJson(JsonParser.parseString(saved.toString()).getAsJsonObject());
        assertEquals(saved, reloaded.toJson());
        for (Table rows : List.of(split(kept, false), split(kept, true))) {
            Prepared a = fitted.transform(rows);
            Prepared b = reloaded.transform(rows);
            assertEquals(a.features(), b.features());
            assertTrue(Arrays.deepEquals(a.x(), b.x()), "features bit for bit");
            assertArrayEquals(a.y(), b.y(), 0.0);
            assertArrayEquals(a.labels(), b.labels());
            assertEquals(a.classes(), b.classes());
        }
        assertArrayEquals(fitted.classWeights(), reloaded.classWeights(), 0.0);
        assertEquals(fitted.inverseTarget(2.5), reloaded.inverseTarget(2.5), 0.0);
    }

    @Test
    void badInputsAreRefusedWithOneSentence() {
        Table train = split(withTarget("cars.csv", "Miles_per_Gallon"), false);
        DataCheckResult d = carsDecision();
        List<String> messages = new ArrayList<>();
        messages.add(refused(() -> Preprocessor.fit(train, d, List.of("Horsepower", "Colour"))));
        messages.add(refused(() -> Preprocessor.fit(train, d, List.of("Horsepower", "Miles_per_Gallon"))));
        messages.add(refused(() -> Preprocessor.fit(train, d, List.of("Name"))));
        messages.add(refused(() -> Preprocessor.fit(train.first(0), d, CARS_FEATURES)));
        Table all = DataLoader.create().load(SharedData.file("cars.csv")).table();
        messages.add(refused(() -> Preprocessor.fit(all, d, CARS_FEATURES)));
        assertEquals(List.of(
                "The training rows have no column 'Colour'; list only columns of the data (Name, Miles_per_Gallon, "
                        + "Cylinders, Displacement, Horsepower, Weight_in_lbs, Acceleration, Year, Origin).",
                "The target 'Miles_per_Gallon' is also listed as a feature; remove it from the features.",
                "No features are left after the recipe's dropped columns; list at least one feature the data check kept.",
                "The training rows are empty; fit the preprocessor on the training split.",
                "Row 11 of 406 has no value for the target 'Miles_per_Gallon'; leave out rows without a target before "
                        + "preparing them (the data check does)."), messages);
    }

    private static String refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
