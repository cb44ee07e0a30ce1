package org.sealbook.toolkit.diagnose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.plan.Plan;

/** A diagnosis's "try" cell is one a reader can run as it is written: the learning-rate sweep it proposes runs. */
class TriesTest {
    @TempDir
    Path temp;

    @Test
    void theLearningRateSweepADiagnosisProposesRunsAsWritten() throws Exception {
        Sessions session = Sessions.in(temp);
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session.run("data_check", "wine.csv", "--target", "cultivar");
        session.run("hypothesize");
        session.run("design_experiments");
        Plan plan = session.workspace().read("diagnose", Plan.ARTIFACT, session.session().names());
        Experiment mlp = plan.experiments().stream().filter(e -> e.family().label().equals("mlp")).findFirst()
                .orElseThrow();
        Map<String, Experiment> byId = new java.util.LinkedHashMap<>();
        plan.experiments().forEach(e -> byId.put(e.id(), e));
        String cell = Tries.forBatch(session.session().names(), byId, "wine.csv", "cultivar")
                .lowerLearningRate(mlp.id(), 0.01);

        assertTrue(cell.startsWith("%sweep --family mlp "), cell);
        assertTrue(cell.contains("--learning_rate \"log(0.0001, 0.005)\""), cell);
        List<String> words = new ArrayList<>(words(cell.substring("%sweep ".length())));
        words.addAll(List.of("--trials", "2", "--wait"));
        StageOutcome outcome = session.run("sweep", words.toArray(String[]::new));
        assertTrue(outcome.status() == Status.DONE || outcome.status() == Status.DONE_WITH_CONCERNS,
                cell + " -> " + session.output());
        String hidden = String.valueOf(mlp.params().get("hidden"));
        assertTrue(session.output().contains("hidden " + hidden), "the run's layers stay fixed: " + session.output());
        assertTrue(outcome.sentence().contains("2 trials"), outcome.sentence());
    }

    /** The words of a magic's line as a shell splits them: quotes keep what is inside and are dropped. */
    private static List<String> words(String line) {
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(line);
        List<String> out = new ArrayList<>();
        Function<Matcher, String> pick = x -> x.group(1) != null ? x.group(1) : x.group(2) != null ? x.group(2)
                : x.group(3);
        while (m.find()) {
            out.add(pick.apply(m));
        }
        return out;
    }
}
