package org.sealbook.toolkit.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.Status;

/** The three log formats read by column name, and one sentence for a file whose columns fit none. */
class LogFilesTest {
    static Path fixture(String name) {
        try {
            return Path.of(LogFilesTest.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("The test fixture " + name + " is missing from the test resources.", e);
        }
    }

    @Test
    void kerasCsvLoggerColumnsAreFoundByName() {
        CurveHistory h = LogFiles.read(fixture("keras_training.csv"));
        assertEquals(30, h.steps().size());
        Map<String, Double> first = h.steps().get(0);
        assertEquals(0.0, first.get("step"));
        assertEquals(0.95, first.get("train_loss"), 1e-12, "Keras' loss is the training loss");
        assertEquals(1.25, first.get("val_loss"), 1e-12);
        assertEquals(0.525, first.get("train_accuracy"), 1e-12);
        assertEquals(0.375, first.get("val_accuracy"), 1e-12);
        assertEquals(CurveVerdict.OVERFITTING, CurveRules.read(h, Double.NaN).main().verdict());
    }

    @Test
    void lightningRowsOfOneEpochBecomeOneStepEachColumnTheMeanOfItsCells() {
        CurveHistory h = LogFiles.read(fixture("lightning_metrics.csv"));
        assertEquals(12, h.steps().size(), "one step per epoch");
        Map<String, Double> first = h.steps().get(0);
        assertEquals(0.0, first.get("step"));
        assertEquals((1.2 + 1.19 + 1.18) / 3, first.get("train_loss"), 1e-9, "the mean of the epoch's 3 batch rows");
        assertEquals(1.3, first.get("val_loss"), 1e-9, "the epoch's one validation row");
        assertEquals(0.5, first.get("val_acc"), 1e-9);
        assertFalse(first.containsKey("train_step"), "Lightning's global step is not a metric: " + first);
        assertEquals(CurveVerdict.STILL_IMPROVING, CurveRules.read(h, Double.NaN).main().verdict());
    }

    @Test
    void ourOwnRunLogIsReadAsTheLedgerReadsItAndItsNanIsKept() {
        CurveHistory h = LogFiles.read(fixture("log.jsonl"));
        assertEquals(8, h.steps().size(), "the step records only, not preflight or end");
        assertTrue(Double.isNaN(h.steps().get(5).get("train_loss")));
        Verdict v = CurveRules.read(h, Double.NaN).main();
        assertEquals(CurveVerdict.NOT_A_NUMBER, v.verdict());
        assertEquals(6.0, v.numbers().get("step"));
        assertTrue(v.sentence().startsWith("At step 6 the training loss became not a number"), v.sentence());
    }

    @Test
    void aSweepTrialsLogComesInUnderTheTrialsName() {
        CurveHistory h = LogFiles.runLog("trial_07", fixture("log.jsonl"));
        assertEquals("trial_07", h.run());
        assertEquals(LogFiles.read(fixture("log.jsonl")).steps(), h.steps());
    }

    @Test
    void aFileWhoseColumnsFitNoneGetsOneSentenceNamingItsColumnsAndTheNamesThatFit() {
        Path file = fixture("reward_log.csv");
        StageProblem problem = assertThrows(StageProblem.class, () -> LogFiles.read(file));
        assertEquals(Status.BLOCKED, problem.status());
        assertEquals("None of the columns of " + file + " (time, reward, episode_length) is a loss Sealbook knows: "
                + "name the training loss one of train_loss_epoch, train_loss, loss, training_loss, train/loss or the "
                + "validation loss one of val_loss_epoch, val_loss, validation_loss, valid_loss, val/loss, as Keras' "
                + "and Lightning's CSV loggers do.", problem.getMessage());
    }

    @Test
    void aKerasLogWrittenWithAnotherSeparatorIsReadToo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("training.log");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(fixture("keras_training.csv"))
                .replace(',', ';'));
        CurveHistory h = LogFiles.read(file);
        assertEquals(LogFiles.read(fixture("keras_training.csv")).steps(), h.steps());
    }

    @Test
    void aMissingFileIsOneSentenceToo() {
        StageProblem problem = assertThrows(StageProblem.class, () -> LogFiles.read(Path.of("no/such/metrics.csv")));
        assertTrue(problem.getMessage().startsWith("There is no log file no/such/metrics.csv; "), problem.getMessage());
    }
}
