package org.sealbook.toolkit.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.pipeline.Stage;

/** What is written from the stages' declarations stays true: the README's option tables and install/sealbook.jsh. */
class DeclarationsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeHoldsEachStagesOptionsTableAsTheDeclarationsWriteIt() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (Stage stage : Session.standardStages().all()) {
            String table = OptionsTable.markdown(stage.spec());
            assertTrue(readme.contains(table), "README.md lacks, or has an old form of, the table of "
                    + stage.spec().name() + "; print the tables with OptionsTable.main and paste them:\n" + table);
        }
    }

    @Test
    void theJShellStartupScriptIsTheOneTheDeclarationsWrite() throws Exception {
        String script = Files.readString(ROOT.resolve("install").resolve("sealbook.jsh"));
        assertEquals(JShellScript.of(Session.standardStages()), script, "install/sealbook.jsh is out of date; "
                + "write it again with JShellScript.main");
    }
}
