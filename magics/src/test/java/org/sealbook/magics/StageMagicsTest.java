package org.sealbook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.toolkit.view.ConsoleView;

class StageMagicsTest {
    private static final Path DATA = Path.of("..", "..", "shared", "data");

    @TempDir
    Path dir;

    @Test
    void theKernelFindsTheStageMagics() {
        MagicRegistry registry = MagicRegistry.withProviders();
        assertNotNull(registry.findLine("data_check"));
        assertNotNull(registry.findLine("glossary"));
        assertNotNull(registry.findLine("workspace"));
    }

    @Test
    void glossaryDefinesATermListsAllAndNamesTheNearestForATypo() {
        StageMagics magics = new StageMagics(dir);
        assertTrue(magics.glossary("outlier").startsWith("outlier: "), magics.glossary("outlier"));
        String all = magics.glossary("");
        assertTrue(all.matches("(?s)The glossary has \\d+ terms; look one up with %glossary TERM\\..*"), all);
        assertTrue(all.lines().count() > 40, "at least 40 terms, one a line");
        assertTrue(magics.glossary("outlyer").contains("try %glossary outlier"), magics.glossary("outlyer"));
    }

    @Test
    void workspaceDefaultsBesideTheNotebookAndSwitchesOnRequest() {
        StageMagics magics = new StageMagics(dir);
        String shown = magics.workspace("");
        assertTrue(shown.startsWith("The workspace is " + dir.toAbsolutePath().resolve("sealbook-project")), shown);
        assertFalse(Files.exists(dir.resolve("sealbook-project")), "showing the default does not make it");

        String switched = magics.workspace("other");
        assertEquals("The workspace is now " + dir.toAbsolutePath().resolve("other")
                + "; later stages seal their decisions there.", switched);
        assertTrue(Files.isDirectory(dir.resolve("other/.git")), "the workspace is a git repository");
        String refused = assertThrows(IllegalArgumentException.class, () -> magics.workspace("a b")).getMessage();
        assertEquals("%workspace takes at most one folder, e.g. %workspace my-project (no folder shows the current one).", refused);
    }

    @Test
    void dataCheckSealsCarsInTheDefaultWorkspace() throws IOException {
        Files.copy(DATA.resolve("cars.csv"), dir.resolve("cars.csv"));
        StageMagics magics = new StageMagics(dir);
        String out = run(magics, "cars.csv --target Miles_per_Gallon");
        assertTrue(out.contains("DONE_WITH_CONCERNS: "), out);
        Path artifact = dir.resolve("sealbook-project/data_check.json");
        assertTrue(Files.isRegularFile(artifact), out);
        assertTrue(Files.readString(dir.resolve("sealbook-project/data_check.json.sha256")).endsWith("  data_check.json\n"));
    }

    @Test
    void aMissingFileIsBlockedAndSealsNothing() throws IOException {
        StageMagics magics = new StageMagics(dir);
        String out = run(magics, "nope.csv --target x");
        assertTrue(out.contains("BLOCKED: "), out);
        assertTrue(out.contains("nope.csv"), out);
        assertFalse(Files.exists(dir.resolve("sealbook-project/data_check.json")));
    }

    private String run(StageMagics magics, String args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        magics.dataCheck(args, new ConsoleView(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("figures")));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
