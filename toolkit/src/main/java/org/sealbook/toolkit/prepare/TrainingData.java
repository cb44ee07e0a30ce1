package org.sealbook.toolkit.prepare;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.DataProblem;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.workspace.Stage;
import org.sealbook.toolkit.workspace.Workspace;
import tech.tablesaw.api.Table;

/**
 * Everything a batch trains from, read back from the sealed stages: the plan, the contract, and the training and
 * validation rows prepared by the data check's recipe fitted on the training rows. The test rows are never loaded
 * here: only the report's final evaluation reads them.
 * Usage: {@code TrainingData data = TrainingData.load(workspace);}
 */
public record TrainingData(JsonObject dataCheck, Contract contract, Plan plan, Preprocessor preprocessor,
                           Prepared train, Prepared validation) {

    /** Verifies the whole chain of seals and the split files, then reads and prepares the rows. */
    public static TrainingData load(Workspace workspace) {
        Map<Stage, JsonObject> sealed = workspace.verifyBefore(Stage.TRAINING);
        JsonObject dataCheck = sealed.get(Stage.DATA_CHECK);
        JsonObject hypothesis = sealed.get(Stage.HYPOTHESIS);
        Contract contract = Contract.fromJson(hypothesis);
        Plan plan = Plan.fromJson(sealed.get(Stage.PLAN));
        Splits splits = Splits.read(workspace.folder(), contract.splits());
        Table rows = rowsWithTarget(hypothesis, contract, splits);
        Table train = rows.rows(splits.train());
        Table validation = rows.rows(splits.validation());
        Preprocessor preprocessor = Preprocessor.fit(train, dataCheck, contract.features());
        return new TrainingData(dataCheck, contract, plan, preprocessor, preprocessor.transform(train),
                preprocessor.transform(validation));
    }

    /**
     * The locked test rows, prepared with the recipe fitted on the training rows. Only the report's final
     * evaluation calls this, once: every other stage works on the training and validation rows.
     */
    public Prepared lockedTestRows(Workspace workspace) {
        JsonObject hypothesis = workspace.decision(Stage.HYPOTHESIS);
        Splits splits = Splits.read(workspace.folder(), contract.splits());
        return preprocessor.transform(rowsWithTarget(hypothesis, contract, splits).rows(splits.test()));
    }

    /** The data file's rows that have a target, after checking the file is the one the hypothesis split. */
    private static Table rowsWithTarget(JsonObject hypothesis, Contract contract, Splits splits) {
        JsonObject source = hypothesis.getAsJsonObject("data");
        Path file = Path.of(source.get("file").getAsString());
        Dataset data = DataLoader.create().load(file);
        if (!data.sha256().equals(source.get("sha256").getAsString())) {
            throw new DataProblem("The data file " + file + " has changed since the hypothesis split it (SHA-256 was "
                    + source.get("sha256").getAsString() + ", now " + data.sha256() + "); run %data_check, "
                    + "%hypothesize and %design_experiments again on the file as it is now.");
        }
        Table rows = data.table().where(data.table().column(contract.target()).isNotMissing());
        splits.requireDisjointAndComplete(rows.rowCount());
        return rows;
    }
}
