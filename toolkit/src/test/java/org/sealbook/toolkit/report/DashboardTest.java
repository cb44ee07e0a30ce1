package org.sealbook.toolkit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.runs.RunStatus;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Workspace;

class DashboardTest {
    @TempDir
    Path workspace;

    @Test
    void aFullDashboardIsWrittenAsCanonicalJson() throws IOException {
        JsonObject dashboard = example();
        Path file = Dashboard.write(workspace, dashboard);

        assertEquals(workspace.resolve("dashboard.json"), file);
        assertArrayEquals(CanonicalJson.bytes(dashboard), Files.readAllBytes(file));
        assertEquals(dashboard, JsonParser.parseString(Files.readString(file)));
        try (var listing = Files.list(workspace)) {
            assertEquals(1, listing.count(), "no temporary file is left beside it");
        }
    }

    @Test
    void theCrashedRunNeedsNoMetricsHistoryOrParetoPoint() {
        JsonObject crashed = example().getAsJsonArray("experiments").get(2).getAsJsonObject();
        assertEquals("CRASHED_OOM", crashed.getAsJsonObject("status").get("code").getAsString());
        assertFalse(crashed.has("metrics") || crashed.has("history"), "the example keeps the crash bare");
        JsonObject minimal = example();
        minimal.remove("pareto");
        minimal.remove("winner");
        minimal.remove("final");
        minimal.remove("promoted");
        Dashboard.write(workspace, minimal);
    }

    @Test
    void aMissingRequiredKeyIsRefusedWithItsPathAndNothingIsWritten() {
        JsonObject dashboard = example();
        dashboard.getAsJsonObject("header").remove("integrity");
        assertRefused(dashboard, "Not writing dashboard.json, which breaks dashboard.schema.json: /header has no "
                + "\"integrity\" (whether every sealed artifact still matched its seal when the report was made); "
                + "add it, it is required.");
    }

    @Test
    void aStatusOutsideTheEnumIsRefusedWithTheAllowedCodes() {
        JsonObject dashboard = example();
        status(dashboard, 1).addProperty("code", "FINISHED");
        assertRefused(dashboard, "Not writing dashboard.json, which breaks dashboard.schema.json: "
                + "/experiments/1/status/code is the text \"FINISHED\"; use one of QUEUED, PREFLIGHT, RUNNING, DONE, "
                + "STOPPED, CRASHED_NAN, CRASHED_OOM, CRASHED, BLOCKED_TAMPER.");
    }

    @Test
    void aVerdictCodeWithoutItsWordsIsRefused() {
        JsonObject dashboard = example();
        dashboard.getAsJsonArray("experiments").get(1).getAsJsonObject().getAsJsonObject("verdicts")
                .getAsJsonObject("strategy").remove("words");
        assertRefused(dashboard, "Not writing dashboard.json, which breaks dashboard.schema.json: "
                + "/experiments/1/verdicts/strategy has no \"words\" (plain words for a person, not blank); add it, "
                + "it is required.");
    }

    @Test
    void blankWordsAreRefusedLikeMissingOnes() {
        JsonObject dashboard = example();
        status(dashboard, 0).addProperty("words", "   ");
        assertRefused(dashboard, "Not writing dashboard.json, which breaks dashboard.schema.json: "
                + "/experiments/0/status/words is the text \"   \", which does not match the pattern \\S (plain "
                + "words for a person, not blank); write it in that form.");
    }

    @Test
    void severalViolationsAreCountedAndTheFirstIsNamed() {
        JsonObject dashboard = example();
        dashboard.addProperty("hypothesis_hash", "not a hash");
        dashboard.getAsJsonArray("next_steps").add("A third step.");
        dashboard.getAsJsonArray("next_steps").add("A fourth step, one too many.");
        dashboard.addProperty("colour", "blue");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dashboard.write(workspace, dashboard));
        assertTrue(e.getMessage().startsWith("Not writing dashboard.json, which breaks dashboard.schema.json in 3 "
                + "places: /hypothesis_hash is the text \"not a hash\", which does not match the pattern "
                + "^[0-9a-f]{64}$ (a SHA-256 as 64 lower-case hex digits)"), e.getMessage());
        assertFalse(Files.exists(workspace.resolve("dashboard.json")));
    }

    @Test
    void aRefusedWriteLeavesTheEarlierDashboardAsItWas() throws IOException {
        Path file = Dashboard.write(workspace, example());
        byte[] before = Files.readAllBytes(file);
        JsonObject broken = example();
        broken.getAsJsonObject("header").getAsJsonObject("counts").addProperty("done", -1);
        assertThrows(IllegalStateException.class, () -> Dashboard.write(workspace, broken));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void theTestSplitScoresAreWrittenOnce() throws IOException {
        Path file = Dashboard.write(workspace, example());
        byte[] before = Files.readAllBytes(file);

        JsonObject peeked = example();
        peeked.getAsJsonObject("final").getAsJsonObject("winner").getAsJsonObject("metrics")
                .addProperty("test_rmse", 2.01);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Dashboard.write(workspace, peeked));
        assertEquals("Not writing dashboard.json: it already holds the test-split scores (\"final\"), which are "
                + "written once; pass them again unchanged.", e.getMessage());
        JsonObject dropped = example();
        dropped.remove("final");
        assertThrows(IllegalStateException.class, () -> Dashboard.write(workspace, dropped));
        assertArrayEquals(before, Files.readAllBytes(file));

        JsonObject laterReport = example();
        laterReport.add("promoted", promoted());
        laterReport.addProperty("recommendation", "Ship exp_001; it is small and clearly beats the baseline.");
        Dashboard.write(workspace, laterReport);
        assertEquals(laterReport, JsonParser.parseString(Files.readString(file)),
                "the rest of the dashboard may change as long as the scores stay");
    }

    @Test
    void badArgumentsAreOneSentenceEach() {
        IllegalArgumentException noFolder = assertThrows(IllegalArgumentException.class,
                () -> Dashboard.write(workspace.resolve("absent"), example()));
        assertEquals("There is no workspace folder at " + workspace.resolve("absent") + "; open the workspace first "
                + "and pass its folder.", noFolder.getMessage());
        IllegalArgumentException noDashboard = assertThrows(IllegalArgumentException.class,
                () -> Dashboard.write(workspace, null));
        assertEquals("There is no dashboard to write; pass the dashboard as a JsonObject.", noDashboard.getMessage());
    }

    @Test
    void theSchemaNamesEveryRunStatusAndFamilyTheCodeHas() {
        JsonObject schema = Dashboard.SCHEMA.tree();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").getAsString());
        JsonObject experiment = schema.getAsJsonObject("$defs").getAsJsonObject("experiment")
                .getAsJsonObject("properties");
        assertEquals(Arrays.stream(RunStatus.values()).map(Enum::name).toList(), strings(experiment
                .getAsJsonObject("status").getAsJsonObject("properties").getAsJsonObject("code")
                .getAsJsonArray("enum")));
        assertEquals(Arrays.stream(Family.values()).map(Family::label).toList(), strings(experiment
                .getAsJsonObject("config").getAsJsonObject("properties").getAsJsonObject("family")
                .getAsJsonArray("enum")));
    }

    private void assertRefused(JsonObject dashboard, String sentence) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dashboard.write(workspace, dashboard));
        assertEquals(sentence, e.getMessage());
        assertFalse(Files.exists(workspace.resolve("dashboard.json")), "nothing is written");
    }

    private static JsonObject status(JsonObject dashboard, int experiment) {
        return dashboard.getAsJsonArray("experiments").get(experiment).getAsJsonObject().getAsJsonObject("status");
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    /**
     * A dashboard as %report would write it for cars.csv (predict mpg): the baseline, a linear model that wins and
     * a random forest that ran out of memory before its first step, so it has no metrics, history or Pareto point.
     */
    static JsonObject example() {
        JsonObject d = new JsonObject();
        d.addProperty("schema_version", 1);
        d.addProperty("plan_id", "b3f9a0c17");
        JsonObject hypothesis = new JsonObject();
        hypothesis.addProperty("data", "cars.csv");
        hypothesis.addProperty("target", "mpg");
        d.addProperty("hypothesis_hash", CanonicalJson.sha256(CanonicalJson.bytes(hypothesis)));

        JsonObject counts = new JsonObject();
        counts.addProperty("planned", 3);
        counts.addProperty("done", 2);
        counts.addProperty("stopped", 0);
        counts.addProperty("crashed", 1);
        counts.addProperty("blocked", 0);
        counts.addProperty("unfinished", 0);
        JsonObject clock = new JsonObject();
        clock.addProperty("started", "2026-11-21T14:02:07Z");
        clock.addProperty("finished", "2026-11-21T14:03:51.250Z");
        clock.addProperty("seconds", 104.25);
        JsonObject integrity = codeAndWords("INTACT", "All 4 sealed files still match their seals.");
        integrity.addProperty("artifacts_checked", 4);
        JsonObject header = new JsonObject();
        header.add("counts", counts);
        header.add("wall_clock", clock);
        header.add("integrity", integrity);
        d.add("header", header);

        JsonArray experiments = new JsonArray();
        experiments.add(experiment("exp_000", "DONE", 0, 0.4, config("baseline", null),
                metrics("train_rmse", 7.71, "val_rmse", 7.93), null,
                verdicts("INCONCLUSIVE", "The baseline sets the bar; it is not judged against itself.",
                        "KEEP", "Kept as the bar the others must beat."),
                "Predicting the mean mpg misses by 7.9 mpg on the validation rows: the score to beat."));
        JsonArray history = new JsonArray();
        history.add(step(1, "train_rmse", 4.12, "val_rmse", 4.30));
        history.add(step(2, "train_rmse", 3.31, "val_rmse", 3.42));
        JsonObject linear = config("linear", "exp_000");
        linear.getAsJsonObject("params").addProperty("ridge", 0.1);
        experiments.add(experiment("exp_001", "DONE", 8, 1.9, linear,
                metrics("train_rmse", 3.31, "val_rmse", 3.42), history,
                verdicts("ACCEPT", "val_rmse 3.42 is 57% lower than the baseline's 7.93, beyond the 1% asked for.",
                        "KEEP", "Small, clearly better than the baseline, and its train and validation scores agree."),
                "The linear model halves the error with 8 weights; it is the one to keep."));
        JsonObject forest = config("random_forest", "exp_000");
        forest.getAsJsonObject("params").addProperty("trees", 5000);
        forest.getAsJsonObject("params").addProperty("max_depth", 40);
        experiments.add(experiment("exp_002", "CRASHED_OOM", 200000, 101.9, forest, null, null,
                verdicts("INCONCLUSIVE", "There are no scores to judge: the run stopped before its first step.",
                        "DISCARD", "Discarded: it ran out of memory, so it says nothing about forests."),
                "The forest ran out of memory before it learned anything; try 200 trees of depth 8."));
        d.add("experiments", experiments);
        d.addProperty("winner", "exp_001");

        JsonObject pareto = new JsonObject();
        pareto.addProperty("metric", "val_rmse");
        pareto.addProperty("higher_is_better", false);
        JsonArray points = new JsonArray();
        points.add(point("exp_000", 0, 7.93));
        points.add(point("exp_001", 8, 3.42));
        pareto.add("points", points);
        d.add("pareto", pareto);

        JsonArray flags = new JsonArray();
        JsonObject flag = codeAndWords("RUN_CRASHED", "exp_002 ran out of memory; the forest family is untested.");
        flag.addProperty("experiment", "exp_002");
        flags.add(flag);
        d.add("trust_flags", flags);
        d.addProperty("recommendation", "Keep exp_001: it halves the baseline's error with a model of 8 weights.");
        JsonArray next = new JsonArray();
        next.add("Run a random forest of 200 trees, depth 8, which fits in memory.");
        next.add("Add the interaction of weight and horsepower to the linear model.");
        d.add("next_steps", next);

        JsonObject finalScores = new JsonObject();
        finalScores.add("winner", scored("exp_001", metrics("test_rmse", 3.58)));
        finalScores.add("baseline", scored("exp_000", metrics("test_rmse", 7.64)));
        d.add("final", finalScores);
        return d;
    }

    private static JsonObject experiment(String id, String status, long complexity, double seconds, JsonObject config,
                                         JsonObject metrics, JsonArray history, JsonObject verdicts,
                                         String assessment) {
        JsonObject e = new JsonObject();
        e.addProperty("id", id);
        e.add("status", codeAndWords(status, RunStatus.valueOf(status).words()));
        if (metrics != null) {
            e.add("metrics", metrics);
        }
        e.addProperty("complexity", complexity);
        e.addProperty("wall_seconds", seconds);
        e.add("verdicts", verdicts);
        e.add("config", config);
        if (history != null) {
            e.add("history", history);
        }
        e.addProperty("assessment", assessment);
        return e;
    }

    private static JsonObject config(String family, String parent) {
        JsonObject c = new JsonObject();
        c.addProperty("family", family);
        c.add("params", new JsonObject());
        if (parent != null) {
            c.addProperty("parent", parent);
            c.addProperty("change", "new family");
        }
        JsonArray features = new JsonArray();
        List.of("cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year", "origin")
                .forEach(features::add);
        c.add("features", features);
        return c;
    }

    private static JsonObject verdicts(String metric, String metricWords, String strategy, String strategyWords) {
        JsonObject v = new JsonObject();
        v.add("metric", codeAndWords(metric, metricWords));
        v.add("strategy", codeAndWords(strategy, strategyWords));
        return v;
    }

    private static JsonObject codeAndWords(String code, String words) {
        JsonObject o = new JsonObject();
        o.addProperty("code", code);
        o.addProperty("words", words);
        return o;
    }

    private static JsonObject metrics(Object... namesAndValues) {
        JsonObject m = new JsonObject();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.addProperty((String) namesAndValues[i], (Number) namesAndValues[i + 1]);
        }
        return m;
    }

    private static JsonObject step(int step, Object... namesAndValues) {
        JsonObject s = metrics(namesAndValues);
        s.addProperty("step", step);
        return s;
    }

    private static JsonObject point(String id, long complexity, double value) {
        JsonObject p = new JsonObject();
        p.addProperty("experiment", id);
        p.addProperty("complexity", complexity);
        p.addProperty("value", value);
        p.add("dominated_by", new JsonArray());
        return p;
    }

    private static JsonObject scored(String id, JsonObject metrics) {
        JsonObject s = new JsonObject();
        s.addProperty("experiment", id);
        s.add("metrics", metrics);
        return s;
    }

    private static JsonObject promoted() {
        JsonObject p = new JsonObject();
        p.addProperty("experiment", "exp_001");
        p.addProperty("tag", "model-v1");
        p.addProperty("branch", Workspace.experimentBranch("b3f9a0c17", "exp_001"));
        return p;
    }
}
