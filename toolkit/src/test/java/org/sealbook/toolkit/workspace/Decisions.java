package org.sealbook.toolkit.workspace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.session.Session;

/**
 * Decisions built from the real data sets, copied into a test's own folder first, and the chain of sealed records
 * they go into: the real records' files, titles and stages, each holding its decision as plain JSON, so the
 * workspace's sealing and gating are tested apart from any record's codec.
 */
final class Decisions {
    /** The decision as it is: these tests seal hand-made JSON. */
    static final Codec<JsonObject> AS_IS = Codec.of(JsonObject::deepCopy, JsonObject::deepCopy);
    static final Artifact<JsonObject> DATA_CHECK = like(DataCheckResult.ARTIFACT, null);
    static final Artifact<JsonObject> HYPOTHESIS = like(Hypothesis.ARTIFACT, DATA_CHECK);
    static final Artifact<JsonObject> PLAN = like(Plan.ARTIFACT, HYPOTHESIS);
    static final Artifact<JsonObject> TRAINING = like(TrainingRecord.ARTIFACT, PLAN);
    /** Stages named as a notebook writes them: %hypothesize, %data_check PATH --target COL. */
    static final StageNames NAMES = FrontEnd.notebook(n -> Session.standardStages().find(n).map(Stage::spec));

    private Decisions() {
    }

    /** A data-check decision naming the real columns of {@code file}, with {@code target}. */
    static JsonObject dataCheck(Path tempDir, String file, String target) throws IOException {
        Path copy = tempDir.resolve(file);
        if (!Files.exists(copy)) {
            Files.copy(SharedData.file(file), copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
        List<String> lines = Files.readAllLines(copy);
        JsonArray features = new JsonArray();
        for (String column : lines.get(0).split(",")) {
            if (!column.equals(target)) {
                features.add(column);
            }
        }
        JsonObject decision = new JsonObject();
        decision.addProperty("source", file);
        decision.addProperty("rows", lines.size() - 1);
        decision.addProperty("target", target);
        decision.add("features", features);
        return decision;
    }

    /** The real record's file, title and stage, built on {@code predecessor}, holding plain JSON. */
    private static Artifact<JsonObject> like(Artifact<?> real, Artifact<JsonObject> predecessor) {
        return Artifact.of(real.id(), real.title(), real.producer(), predecessor, AS_IS);
    }

    static JsonObject note(String key, String value) {
        JsonObject decision = new JsonObject();
        decision.addProperty(key, value);
        return decision;
    }
}
