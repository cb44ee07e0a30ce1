package org.sealbook.toolkit.models;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.Preprocessor;
import org.sealbook.toolkit.workspace.CanonicalJson;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The model %report promoted, saved in the workspace's {@code model/} folder with the preprocessing fitted on the
 * training rows, so it predicts straight from raw rows (the same columns as the data file, the target not needed).
 * Usage, in JShell or a cell: {@code PromotedModel m = PromotedModel.load(Path.of("sealbook-project"));
 * Column<?> predicted = m.predict(rows);}
 */
public final class PromotedModel {
    public static final String FOLDER = "model";
    private static final String DESCRIPTION = FOLDER + "/model.json";
    private static final String PREPROCESSOR = FOLDER + "/preprocessor.json";
    private static final String WEIGHTS = FOLDER + "/model.bin";

    private final Experiment experiment;
    private final Preprocessor preprocessor;
    private final Model model;

    private PromotedModel(Experiment experiment, Preprocessor preprocessor, Model model) {
        this.experiment = experiment;
        this.preprocessor = preprocessor;
        this.model = model;
    }

    /** The files that save a promoted model (paths inside the workspace -> bytes), for the report to seal. */
    public static Map<String, byte[]> files(Experiment experiment, long seed, String batch, Preprocessor preprocessor,
                                            byte[] modelBytes) {
        JsonObject description = new JsonObject();
        description.addProperty("batch", batch);
        description.addProperty("seed", seed);
        description.add("experiment", experiment.toJson());
        description.addProperty("model_sha256", CanonicalJson.sha256(modelBytes));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(DESCRIPTION, CanonicalJson.bytes(description));
        files.put(PREPROCESSOR, CanonicalJson.bytes(preprocessor.toJson()));
        files.put(WEIGHTS, modelBytes);
        return files;
    }

    /** Loads the promoted model of the workspace in {@code workspaceFolder}, checking its file's SHA-256. */
    public static PromotedModel load(Path workspaceFolder) {
        Path folder = workspaceFolder.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("There is no promoted model in " + workspaceFolder + " (no " + FOLDER
                    + " folder); run the report (%report, or report() in JShell), which promotes the recommended model when there is one.");
        }
        try {
            JsonObject description = JsonParser.parseString(Files.readString(workspaceFolder.resolve(DESCRIPTION)))
                    .getAsJsonObject();
            byte[] bytes = Files.readAllBytes(workspaceFolder.resolve(WEIGHTS));
            if (!CanonicalJson.sha256(bytes).equals(description.get("model_sha256").getAsString())) {
                throw new IllegalStateException("tamper detected: " + workspaceFolder.resolve(WEIGHTS) + " is not the "
                        + "file that was promoted (its SHA-256 differs); run the report again to promote it afresh.");
            }
            Experiment experiment = Experiment.fromJson(description.getAsJsonObject("experiment"));
            Preprocessor preprocessor = Preprocessor.fromJson(JsonParser.parseString(
                    Files.readString(workspaceFolder.resolve(PREPROCESSOR), StandardCharsets.UTF_8)).getAsJsonObject());
            Model model = Models.create(experiment, description.get("seed").getAsLong());
            model.restore(new ByteArrayInputStream(bytes));
            return new PromotedModel(experiment, preprocessor, model);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the promoted model in " + folder + " (" + e.getMessage()
                    + "); run the report again to promote it afresh.", e);
        }
    }

    /** The promoted experiment's id, e.g. exp_003. */
    public String experiment() {
        return experiment.id();
    }

    /** The columns the model reads from a row: the data file's columns it was trained on. */
    public List<String> columns() {
        return experiment.features();
    }

    /**
     * One prediction per row: the class name for a classification, the number on the target's own scale for a
     * regression. The rows need the data file's feature columns; the target column is not needed.
     */
    public Column<?> predict(Table rows) {
        double[][] predicted = model.predict(preprocessor.features(rows));
        String name = "predicted " + preprocessor.target();
        if (preprocessor.classes().isEmpty()) {
            DoubleColumn values = DoubleColumn.create(name);
            for (double[] row : predicted) {
                values.append(preprocessor.inverseTarget(row[0]));
            }
            return values;
        }
        StringColumn classes = StringColumn.create(name);
        for (double[] row : predicted) {
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            classes.append(preprocessor.classes().get(best));
        }
        return classes;
    }
}
