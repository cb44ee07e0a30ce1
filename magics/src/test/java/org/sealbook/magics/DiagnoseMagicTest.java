package org.sealbook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.view.ConsoleView;

/** %diagnose is made from its declaration like every stage magic, and reads a log from elsewhere by its quoted path. */
class DiagnoseMagicTest {
    @TempDir
    Path dir;

    @Test
    void theDiagnoseMagicReadsALightningLogWhosePathHasASpace() throws Exception {
        assertNotNull(MagicRegistry.withProviders().findLine("diagnose"));
        // Lightning's CSVLogger: the training loss every batch, the validation loss once an epoch, on rows of its own
        StringBuilder csv = new StringBuilder("epoch,step,train_loss,val_loss\n");
        int step = 0;
        for (int epoch = 0; epoch < 30; epoch++) {
            for (int batch = 0; batch < 2; batch++) {
                csv.append(epoch).append(',').append(++step).append(',').append(0.9 * Math.exp(-epoch / 6.0) + 0.05)
                        .append(",\n");
            }
            double validation = epoch <= 12 ? 0.9 * Math.exp(-epoch / 6.0) + 0.3
                    : 0.9 * Math.exp(-2) + 0.3 + 0.015 * (epoch - 12);
            csv.append(epoch).append(',').append(step).append(",,").append(validation).append('\n');
        }
        Files.createDirectories(dir.resolve("my logs"));
        Files.writeString(dir.resolve("my logs/metrics.csv"), csv);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleView view = new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures"));

        StageOutcome outcome = new StageMagics(dir).run("diagnose", "--log \"my logs/metrics.csv\"", null, view);

        String shown = bytes.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), shown);
        assertTrue(outcome.sentence().startsWith("I diagnosed 1 run: 1 overfitting."), outcome.sentence());
        assertTrue(shown.contains("The validation loss rose "), shown);
        assertTrue(Files.exists(dir.resolve("sealbook-project/diagnosis.json")), "sealed");
    }
}
