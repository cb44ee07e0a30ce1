package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.pipeline.Status;

/** What a learner sees in a console while %train runs: each run's bar with the sparkline of its validation loss. */
class TrainCurvesTest {
    @TempDir
    Path temp;

    @Test
    void eachNeuralNetworkRunsBarEndsWithASparklineOfItsValidationLoss() throws Exception {
        Sessions session = Sessions.in(temp);
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session.run("data_check", "wine.csv", "--target", "cultivar");
        session.run("hypothesize", "--families", "baseline,mlp");
        assertEquals(Status.DONE, session.run("design_experiments").status(), session.output());
        session.reset();

        assertEquals(Status.DONE, session.run("train", "--wait").status(), session.output());

        String out = session.output();
        // the final drawing of the network's bar: full, its 50 epochs averaged into the sparkline's 20 characters
        Matcher bar = Pattern.compile("exp_001 mlp \\[#{30}\\] 100% 1000/1000\\s+val_loss ([▁▂▃▄▅▆▇█]+)\\s+DONE").matcher(out);
        assertTrue(bar.find(), out);
        assertEquals(20, bar.group(1).length(), bar.group(1));
        assertTrue(bar.group(1).contains("█") && bar.group(1).contains("▁"), "from its highest to its lowest: " + bar.group(1));
        // the baseline reports one loss, not a trend: its bar has no sparkline
        assertTrue(Pattern.compile("exp_000 baseline \\[#{30}\\] 100% 1000/1000\\s+DONE").matcher(out).find(), out);
    }
}
