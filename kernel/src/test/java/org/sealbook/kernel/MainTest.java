package org.sealbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void aCellsFileIsSplitAtItsMarkersAndItsHeaderIsNotACell() throws Exception {
        Path file = dir.resolve("cells.txt");
        Files.writeString(file, "A header that explains the file.\n//-- first\n1 + 1\n//-- second, two lines\nint x = 1;\nx\n//-- empty\n\n");
        assertEquals(List.of("1 + 1", "int x = 1;\nx"), Main.readCells(file));
    }

    @Test
    void theInstallersCellsFilesHoldCellsAndMagics() throws Exception {
        Path install = Path.of("..", "install");
        List<String> cells = Main.readCells(install.resolve("warm-up-cells.txt"));
        List<String> stages = Main.readCells(install.resolve("warm-up-stages.txt"));
        assertTrue(cells.size() >= 10, "a first session's worth of cells: " + cells.size());
        assertTrue(stages.stream().anyMatch(c -> c.startsWith("%data_check")), "the stages file runs %data_check");
        assertTrue(stages.stream().anyMatch(c -> c.startsWith("%hypothesize")), "the stages file runs %hypothesize");
    }
}
