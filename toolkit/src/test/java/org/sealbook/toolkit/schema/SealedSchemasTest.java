package org.sealbook.toolkit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.Mitigation;
import org.sealbook.toolkit.diagnose.Cause;
import org.sealbook.toolkit.diagnose.CurveVerdict;
import org.sealbook.toolkit.diagnose.Diagnosis;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.evaluation.EvalRecord;
import org.sealbook.toolkit.report.ReportDecision;
import org.sealbook.toolkit.runs.RunStatus;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.scaling.ScalingRecord;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * The five stages, then %scaling and %eval, run for real on cars (regression, with a recipe) and wine (classification): every file they seal
 * fits artifact.schema.json, and its decision fits the stage's schema; a changed decision is refused by path.
 */
class SealedSchemasTest {
    @TempDir
    static Path temp;

    /** Each sealed file as it was written, e.g. "cars/plan.json"; the report twice, before and after --final. */
    private static final Map<String, JsonObject> SEALED = new LinkedHashMap<>();

    @BeforeAll
    static void runTheStages() throws Exception {
        runAll("cars.csv", "Miles_per_Gallon");
        runAll("wine.csv", "cultivar");
    }

    private static void runAll(String file, String target) throws Exception {
        String name = file.replace(".csv", "");
        Path folder = Files.createDirectories(temp.resolve(name));
        Files.copy(SharedData.file(file), folder.resolve(file));
        Sessions session = Sessions.in(folder);
        Workspace workspace = session.workspace();
        assertTrue(session.run("data_check", file, "--target", target).status() != Status.BLOCKED, session.output());
        keep(workspace, name, DataCheckResult.ARTIFACT, "");
        assertTrue(session.run("hypothesize").status() != Status.BLOCKED, session.output());
        keep(workspace, name, Hypothesis.ARTIFACT, "");
        // the forest and boosting ladders left out so the batch stays quick: baseline, linear, ridge, a small network
        assertEquals(Status.DONE, session.run("design_experiments", "--drop", "exp_003,exp_004,exp_005,exp_006",
                "--concurrency", "2").status(), session.output());
        keep(workspace, name, Plan.ARTIFACT, "");
        assertTrue(session.run("train", "--wait").status() != Status.BLOCKED, session.output());
        keep(workspace, name, TrainingRecord.ARTIFACT, "");
        assertEquals(Status.DONE, session.run("report").status(), session.output());
        keep(workspace, name, ReportDecision.ARTIFACT, "");
        assertEquals(Status.DONE, session.run("report", "--final").status(), session.output());
        keep(workspace, name, ReportDecision.ARTIFACT, " after --final");
        assertTrue(session.run("diagnose").status() != Status.BLOCKED, session.output());
        keep(workspace, name, Diagnosis.ARTIFACT, "");
        assertTrue(session.run("scaling", "--points", "4").status() != Status.BLOCKED, session.output());
        keep(workspace, name, ScalingRecord.ARTIFACT, "");
        assertTrue(session.run("eval", file).status() != Status.BLOCKED, session.output());
        keep(workspace, name, EvalRecord.ARTIFACT, "");
    }

    private static void keep(Workspace workspace, String data, Artifact<?> record, String when) throws IOException {
        JsonObject artifact = JsonParser.parseString(Files.readString(workspace.file(record))).getAsJsonObject();
        SEALED.put(data + "/" + record.fileName() + when, artifact);
    }

    @Test
    void everySealedFileAndItsDecisionFitTheirSchemas() {
        assertEquals(18, SEALED.size(), SEALED.keySet().toString());
        Map<String, List<String>> problems = new LinkedHashMap<>();
        SEALED.forEach((file, artifact) -> {
            List<String> found = new ArrayList<>(JsonSchema.named("artifact").problems(artifact));
            found.addAll(JsonSchema.named(artifact.get("stage").getAsString())
                    .problems(artifact.getAsJsonObject("decision")));
            if (!found.isEmpty()) {
                problems.put(file, found);
            }
        });
        assertEquals(Map.of(), problems);
    }

    @Test
    void theScalingAndEvalRecordsReadBackAsTheyWereWritten() {
        for (String data : List.of("cars", "wine")) {
            JsonObject scaling = decision(data + "/scaling.json");
            assertEquals(scaling, ScalingRecord.fromJson(scaling).toJson(), data);
            JsonObject eval = decision(data + "/eval.json");
            assertEquals(eval, EvalRecord.fromJson(eval).toJson(), data);
        }
    }

    @Test
    void aMissingRequiredKeyIsRefusedWithItsPathAndWhatItMeans() {
        JsonObject plan = decision("cars/plan.json");
        plan.getAsJsonObject("budget").remove("concurrency");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JsonSchema.named("plan").check(plan, "Not sealing plan.json"));

        assertEquals("Not sealing plan.json, which breaks plan.schema.json: /budget has no \"concurrency\" (how many "
                + "experiments train at a time); add it, it is required.", e.getMessage());
    }

    @Test
    void aWrongTypeIsRefusedWithItsPath() {
        JsonObject check = decision("cars/data_check.json");
        check.getAsJsonObject("counts").addProperty("rows_kept", "398");
        check.getAsJsonArray("findings").get(0).getAsJsonObject().addProperty("severity", "BAD");

        assertEquals(List.of("/counts/rows_kept is the text \"398\", but must be an integer; change its type.",
                "/findings/0/severity is the text \"BAD\"; use one of PASS, WARN, FAIL."),
                JsonSchema.named("data_check").problems(check));
    }

    @Test
    void severalProblemsAreCountedAndToldInTheOrderOfTheDocument() {
        JsonObject report = decision("wine/report.json after --final");
        report.addProperty("colour", "blue");
        report.getAsJsonObject("final").getAsJsonObject("winner").remove("experiment");
        report.addProperty("batch", "b12");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JsonSchema.named("report").check(report, "Not sealing report.json"));

        assertEquals("Not sealing report.json, which breaks report.schema.json in 3 places: /batch is the text "
                + "\"b12\", which does not match the pattern ^b[0-9a-f]{8}$ (the batch id, b and 8 lower-case hex "
                + "digits); write it in that form.", e.getMessage());
        List<String> all = JsonSchema.named("report").problems(report);
        assertTrue(all.get(1).startsWith("/final/winner has no \"experiment\""), all.toString());
        assertEquals("The top level has the key \"colour\", which is not allowed there; remove it or use one of batch, "
                + "verdicts, winner, promoted, dashboard_sha256, report_sha256, final.", all.get(2));
    }

    @Test
    void aChangedLedgerAndAnArtifactWithoutItsPredecessorAreRefused() {
        JsonObject training = decision("wine/training.json");
        JsonObject run = training.getAsJsonArray("runs").get(1).getAsJsonObject();
        run.remove("model_sha256");
        run.addProperty("status", "FINISHED");
        assertEquals(List.of("/runs/1 has \"model\" but no \"model_sha256\" (a SHA-256 as 64 lower-case hex digits); "
                + "add it, or remove \"model\".", "/runs/1/status is the text \"FINISHED\"; use one of QUEUED, "
                + "PREFLIGHT, RUNNING, DONE, STOPPED, CRASHED_NAN, CRASHED_OOM, CRASHED, BLOCKED_TAMPER."),
                JsonSchema.named("training").problems(training));

        JsonObject artifact = SEALED.get("wine/hypothesis.json").deepCopy();
        artifact.remove("predecessor");
        assertEquals(List.of("The top level has no \"predecessor\"; add it, it is required."),
                JsonSchema.named("artifact").problems(artifact));
    }

    @Test
    void theSchemasNameEveryValueTheCodeCanWrite() {
        assertEquals(Arrays.stream(RunStatus.values()).map(Enum::name).toList(), strings(JsonSchema.named("training")
                .tree(), "/properties/runs/items/properties/status/enum"));
        assertEquals(Arrays.stream(Mitigation.Action.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).toList(),
                strings(JsonSchema.named("data_check").tree(), "/properties/recipe/items/properties/action/enum"));
        JsonObject hypothesis = JsonSchema.named("hypothesis").tree();
        assertEquals(Arrays.stream(Family.values()).map(Family::label).toList(),
                strings(hypothesis, "/properties/families/items/enum"));
        assertEquals(Arrays.stream(Metric.values()).map(Metric::label).toList(),
                strings(hypothesis, "/$defs/metric/enum"));
        assertEquals(Arrays.stream(SplitStrategy.values()).map(SplitStrategy::label).toList(),
                strings(hypothesis, "/properties/split/properties/strategy/enum"));
        JsonObject diagnosis = JsonSchema.named("diagnosis").tree();
        assertEquals(Arrays.stream(CurveVerdict.values()).map(CurveVerdict::label).toList(),
                strings(diagnosis, "/$defs/verdict/properties/verdict/enum"));
        assertEquals(Arrays.stream(Cause.Kind.values()).map(Cause.Kind::label).toList(),
                strings(diagnosis, "/properties/causes/items/properties/cause/enum"));
    }

    @Test
    void aDiagnosisOfABatchMustNameItsBatchAndEveryCauseItsTry() {
        JsonObject diagnosis = decision("cars/diagnosis.json");
        diagnosis.getAsJsonObject("source").addProperty("basis", "last week");
        JsonObject cause = new JsonObject();
        cause.addProperty("cause", "bad_luck");
        diagnosis.getAsJsonArray("causes").add(cause);
        List<String> problems = JsonSchema.named("diagnosis").problems(diagnosis);
        assertTrue(problems.contains("/source/basis is the text \"last week\", which does not match the pattern "
                + "^b[0-9a-f]{8}$; write it in that form."), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("bad_luck")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("has no \"try\"")), problems.toString());
    }

    @Test
    void anUnknownSchemaIsABrokenBuildNamedInOneSentence() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JsonSchema.named("plans"));
        assertEquals("There is no schema /org/sealbook/toolkit/schema/plans.schema.json in the toolkit; add it or "
                + "check the name.", e.getMessage());
    }

    private static JsonObject decision(String file) {
        return SEALED.get(file).getAsJsonObject("decision").deepCopy();
    }

    private static List<String> strings(JsonObject schema, String pointer) {
        JsonElement here = schema;
        for (String name : pointer.substring(1).split("/")) {
            here = here.getAsJsonObject().get(name);
        }
        List<String> out = new ArrayList<>();
        for (JsonElement e : (JsonArray) here) {
            out.add(e.getAsString());
        }
        return out;
    }
}
