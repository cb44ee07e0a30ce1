package org.sealbook.toolkit.prepare;

import java.nio.file.Path;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.DataProblem;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.workspace.Workspace;
import tech.tablesaw.api.Table;

/**
 * Everything a batch trains from, read back from the sealed stages: the plan, the contract, and the training and
 * validation rows prepared by the data check's recipe fitted on the training rows. The test rows are never loaded
 * here: only the report's final evaluation reads them, through {@link #lockedTestRows}.
 * Usage: {@code TrainingData data = TrainingData.load(workspace, check, hypothesis, plan);}
 */
public record TrainingData(DataCheckResult dataCheck, Hypothesis hypothesis, Plan plan, Preprocessor preprocessor,
                           Prepared train, Prepared validation) {

    /** Reads the split files (checked against the sealed hypothesis) and prepares the rows of the sealed records. */
    public static TrainingData load(Workspace workspace, DataCheckResult dataCheck, Hypothesis hypothesis, Plan plan) {
        Contract contract = hypothesis.contract();
        Splits splits = Splits.read(workspace.folder(), contract.splits());
        Table rows = rowsWithTarget(hypothesis, splits);
        Table train = rows.rows(splits.train());
        Table validation = rows.rows(splits.validation());
        Preprocessor preprocessor = Preprocessor.fit(train, dataCheck, contract.features());
        return new TrainingData(dataCheck, hypothesis, plan, preprocessor, preprocessor.transform(train),
                preprocessor.transform(validation));
    }

    public Contract contract() {
        return hypothesis.contract();
    }

    /**
     * The locked test rows, prepared with the recipe fitted on the training rows. Only the report's final
     * evaluation calls this, once: every other stage works on the training and validation rows.
     */
    public Prepared lockedTestRows(Workspace workspace) {
        Splits splits = Splits.read(workspace.folder(), contract().splits());
        return preprocessor.transform(rowsWithTarget(hypothesis, splits).rows(splits.test()));
    }

    /** The training rows as the data file holds them, before any recipe: what new rows are compared with. */
    public Table rawTrainingRows(Workspace workspace) {
        Splits splits = Splits.read(workspace.folder(), contract().splits());
        return rowsWithTarget(hypothesis, splits).rows(splits.train());
    }

    /** The data file's rows that have a target, after checking the file is the one the hypothesis split. */
    private static Table rowsWithTarget(Hypothesis hypothesis, Splits splits) {
        Path file = Path.of(hypothesis.file());
        Dataset data = DataLoader.create().load(file);
        if (!data.sha256().equals(hypothesis.sha256())) {
            throw new DataProblem("The data file " + file + " has changed since the hypothesis split it (SHA-256 was "
                    + hypothesis.sha256() + ", now " + data.sha256() + "); run the data check, the hypothesis and the "
                    + "plan again on the file as it is now.");
        }
        Table rows = data.table().where(data.table().column(hypothesis.contract().target()).isNotMissing());
        splits.requireDisjointAndComplete(rows.rowCount());
        return rows;
    }
}
