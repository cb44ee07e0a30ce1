package org.sealbook.toolkit.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.DataProblem;
import org.sealbook.toolkit.data.Finding;
import org.sealbook.toolkit.data.Mitigation;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.models.LinearModel;
import org.sealbook.toolkit.models.TrainingListener;
import tech.tablesaw.api.Table;

/**
 * The data check records only fixes the trainer can apply: a category column with gaps (as in a film data set whose
 * text column has missing values) gets a fill that works on categories, and a per-column flag that does not fit its
 * column is refused before anything is sealed. On cars.csv with Origin blanked in 41 of its 406 rows.
 */
class RecipeFitsColumnsTest {
    private static final String TARGET = "Miles_per_Gallon";

    @TempDir
    Path dir;

    /** cars.csv with Origin empty in every tenth row from the fourth on: 41 of 406 rows, 10%, above 5%. */
    private Path carsWithOriginGaps() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.file("cars.csv")));
        for (int row = 3; row < lines.size() - 1; row += 10) {
            String line = lines.get(row + 1);
            lines.set(row + 1, line.substring(0, line.lastIndexOf(',') + 1));
        }
        return Files.write(dir.resolve("cars.csv"), lines);
    }

    private static Table kept(Path file) {
        Table all = DataLoader.create().load(file).table();
        return all.where(all.column(TARGET).isNotMissing());
    }

    /** Every fifth row is validation, the rest training. */
    private static Table split(Table rows, boolean validation) {
        return rows.rows(IntStream.range(0, rows.rowCount()).filter(i -> (i % 5 == 0) == validation).toArray());
    }

    @Test
    void aCategoryColumnWithManyGapsIsFilledByItsMostCommonValueAndItsRowsTrain() throws IOException {
        Path file = carsWithOriginGaps();
        DataCheckResult result = DataCheck.of(TARGET).run(DataLoader.create().load(file));

        Finding gaps = result.findings("MISSING_MODEL_IMPUTE").get(0);
        assertEquals("Origin", gaps.column(), "10% missing is in the band where numbers get a model's fill");
        assertEquals(41, gaps.measure("missing"));
        assertEquals(List.of(new Mitigation("Origin", Action.IMPUTE_MOST_FREQUENT, "MISSING_MODEL_IMPUTE")),
                result.recipe().steps().stream().filter(m -> m.column().equals("Origin")).toList());

        Table train = split(kept(file), false);
        Table validation = split(kept(file), true);
        Preprocessor preprocessor = Preprocessor.fit(train, result, result.features());
        Prepared rows = preprocessor.transform(train);
        int usa = rows.features().indexOf("Origin=USA");
        List<Integer> blank = IntStream.range(0, train.rowCount()).filter(i -> train.column("Origin").isMissing(i))
                .boxed().toList();
        assertEquals(36, blank.size(), "the 318 training rows hold 36 of the gaps");
        blank.forEach(i -> assertEquals(1.0, rows.x()[i][usa], "USA, 169 of 282 known, is the most common, row " + i));
        LinearModel model = new LinearModel(Map.of("l2", 1.0), 42);
        model.fit(rows, preprocessor.transform(validation), TrainingListener.NONE);
        assertTrue(Arrays.stream(model.predict(rows.x())).allMatch(p -> Double.isFinite(p[0])));
    }

    @Test
    void aFlagThatDoesNotFitItsColumnsKindIsRefusedWithTheActionsThatDo() throws IOException {
        Path file = carsWithOriginGaps();
        assertEquals("--column Origin=impute_model does not fit Origin, a text or category feature; use one of the "
                + "actions that do: impute_most_frequent, add_missing_indicator, drop_column or keep.",
                refused(file, "Origin", Action.IMPUTE_MODEL));
        assertEquals("--column Origin=impute_median does not fit Origin, a text or category feature; use one of the "
                + "actions that do: impute_most_frequent, add_missing_indicator, drop_column or keep.",
                refused(file, "Origin", Action.IMPUTE_MEDIAN));
        assertEquals("--column Miles_per_Gallon=class_weights does not fit Miles_per_Gallon, the numeric target of a "
                + "regression; use one of the actions that do: log_transform_target or keep.",
                refused(file, TARGET, Action.CLASS_WEIGHTS));
        assertEquals("--column Miles_per_Gallon=drop_column does not fit Miles_per_Gallon, the numeric target of a "
                + "regression; use one of the actions that do: log_transform_target or keep.",
                refused(file, TARGET, Action.DROP_COLUMN));
    }

    private static String refused(Path file, String column, Action action) {
        return assertThrows(DataProblem.class, () -> DataCheck.of(TARGET).override(column, action)
                .run(DataLoader.create().load(file))).getMessage();
    }

    /**
     * The table and the trainer agree: every feature action the data check accepts on Horsepower (numbers) and Origin
     * (categories) is one the preprocessor applies, and every one it refuses the preprocessor refuses too.
     */
    @Test
    void everyFixTheDataCheckAcceptsOnAFeatureThePreprocessorApplies() throws IOException {
        Path file = carsWithOriginGaps();
        Table train = split(kept(file), false);
        JsonObject plain = DataCheck.of(TARGET).run(DataLoader.create().load(file)).toJson();
        List<String> features = List.of("Horsepower", "Weight_in_lbs", "Origin");
        List<String> accepted = new ArrayList<>();
        for (String column : List.of("Horsepower", "Origin")) {
            for (Action action : List.of(Action.IMPUTE_MEDIAN, Action.IMPUTE_MOST_FREQUENT, Action.IMPUTE_MODEL,
                    Action.ADD_MISSING_INDICATOR, Action.DROP_COLUMN, Action.KEEP, Action.LOG_TRANSFORM_TARGET)) {
                DataCheckResult decision;
                try {
                    decision = DataCheck.of(TARGET).override(column, action).run(DataLoader.create().load(file));
                    accepted.add(column + "=" + action.name().toLowerCase());
                } catch (DataProblem refusedByTheCheck) {
                    decision = withStep(plain, column, action); // as if the sealed recipe had been written by hand
                    DataCheckResult handMade = decision;
                    assertThrows(IllegalArgumentException.class, () -> Preprocessor.fit(train, handMade, features),
                            column + "=" + action + " was refused by the data check, so the preprocessor refuses it");
                    continue;
                }
                Preprocessor.fit(train, decision, features).transform(train);
            }
        }
        assertEquals(List.of("Horsepower=impute_median", "Horsepower=impute_most_frequent", "Horsepower=impute_model",
                "Horsepower=add_missing_indicator", "Horsepower=drop_column", "Horsepower=keep",
                "Origin=impute_most_frequent", "Origin=add_missing_indicator", "Origin=drop_column", "Origin=keep"),
                accepted);
    }

    /** The data check's decision with one more recipe step, as if the sealed file had been edited by hand. */
    private static DataCheckResult withStep(JsonObject decision, String column, Action action) {
        JsonObject edited = decision.deepCopy();
        JsonArray recipe = edited.getAsJsonArray("recipe");
        JsonObject step = new JsonObject();
        step.addProperty("action", action.name().toLowerCase());
        step.addProperty("column", column);
        step.addProperty("reason", "requested");
        recipe.add(step);
        return DataCheckResult.fromJson(edited);
    }

    @Test
    void thePreprocessorNamesTheActionsThatFitWhenARecipeAsksForOneThatDoesNot() throws IOException {
        Path file = carsWithOriginGaps();
        Table train = split(kept(file), false);
        DataCheckResult decision = withStep(DataCheck.of(TARGET).run(DataLoader.create().load(file)).toJson(), "Origin",
                Action.IMPUTE_MODEL);
        assertEquals("Column 'Origin' is a text or category feature, so the recipe's impute_model cannot apply to "
                + "it; run the data check again (with --column Origin=ACTION, one of impute_most_frequent, "
                + "add_missing_indicator, drop_column or keep) to seal a recipe the trainer can apply.",
                assertThrows(IllegalArgumentException.class, () -> Preprocessor.fit(train, decision,
                        List.of("Horsepower", "Origin"))).getMessage());
    }
}
