package org.sealbook.toolkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.Preprocessor;
import tech.tablesaw.api.Table;

/**
 * The MLP learns with the recipe's class weights: breast_cancer.csv with its first 25 malignant rows only (against
 * 357 benign), prepared by the data check's recipe, which weights the classes.
 */
class MlpClassWeightsTest {
    private static final Map<String, Object> PARAMS = Map.of("hidden", "16", "epochs", 15);

    @TempDir
    Path dir;

    @Test
    void itLearnsAndLogsTheCrossEntropyWeightedByClassWithThePlainOneBeside() throws IOException {
        List<String> kept = new ArrayList<>();
        int malignant = 0;
        for (String line : Files.readAllLines(SharedData.file("breast_cancer.csv"))) {
            if (!line.endsWith(",malignant") || ++malignant <= 25) {
                kept.add(line);
            }
        }
        Path file = Files.write(dir.resolve("breast_cancer_25.csv"), kept);
        DataCheckResult check = DataCheck.of("diagnosis").run(DataLoader.create().load(file));
        assertTrue(check.recipe().has("diagnosis", Action.CLASS_WEIGHTS), "357 to 25 calls for class weights");
        Table rows = DataLoader.create().load(file).table();
        Table train = rows.rows(IntStream.range(0, rows.rowCount()).filter(i -> i % 5 != 0).toArray());
        Table validationRows = rows.rows(IntStream.range(0, rows.rowCount()).filter(i -> i % 5 == 0).toArray());
        Preprocessor preprocessor = Preprocessor.fit(train, check, check.features());
        Prepared weightedTrain = preprocessor.transform(train);
        Prepared validation = preprocessor.transform(validationRows);
        assertTrue(weightedTrain.isWeighted() && validation.isWeighted());

        MlpModel weighted = new MlpModel(PARAMS, 42);
        List<Map<String, Double>> epochs = new ArrayList<>();
        weighted.fit(weightedTrain, validation, (done, total, metrics) -> epochs.add(metrics));
        MlpModel plain = new MlpModel(PARAMS, 42);
        plain.fit(unweighted(weightedTrain), unweighted(validation), TrainingListener.NONE);

        Map<String, Double> last = epochs.get(epochs.size() - 1);
        double[] losses = ByHand.logLosses(weighted, validation);
        assertEquals(losses[0], last.get("val_loss"), 1e-4, "val_loss is the weighted loss");
        assertEquals(losses[1], last.get(TrainingLoss.VALIDATION_UNWEIGHTED), 1e-4);
        assertTrue(last.containsKey(TrainingLoss.TRAIN_UNWEIGHTED));
        assertTrue(epochs.get(0).get("train_loss") > last.get("train_loss"), "the weighted loss it optimises falls");
        assertTrue(ByHand.malignantShare(weighted, validation) > ByHand.malignantShare(plain, validation),
                "weighting the 25 malignant rows up gives malignant more probability");
    }

    private static Prepared unweighted(Prepared rows) {
        return Prepared.classification(rows.features(), rows.x(), rows.labels(), rows.classes());
    }
}
