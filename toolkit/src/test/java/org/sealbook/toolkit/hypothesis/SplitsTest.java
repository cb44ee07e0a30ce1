package org.sealbook.toolkit.hypothesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.data.DataLoader;
import tech.tablesaw.api.Table;

class SplitsTest {
    @TempDir
    Path workspace;

    @Test
    void ofCopiesAndSortsTheIndices() {
        int[] train = {4, 0, 2};
        Splits splits = Splits.of(train, new int[] {3}, new int[] {1});
        train[0] = 99;
        assertArrayEquals(new int[] {0, 2, 4}, splits.train());
        assertArrayEquals(new int[] {3}, splits.get("validation"));
        assertArrayEquals(new int[] {1}, splits.get("test"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> splits.get("holdout"));
        assertEquals("There is no split called holdout; use train, validation or test.", e.getMessage());
    }

    @Test
    void filesHoldOneAscendingIndexPerLineEndingInANewline() {
        Map<String, byte[]> files = Splits.of(new int[] {10, 2, 7}, new int[] {0}, new int[] {1, 3}).files();
        assertEquals(List.of("splits/train.rows", "splits/validation.rows", "splits/test.rows"),
                List.copyOf(files.keySet()));
        assertEquals("2\n7\n10\n", text(files.get("splits/train.rows")));
        assertEquals("0\n", text(files.get("splits/validation.rows")));
        assertEquals("1\n3\n", text(files.get("splits/test.rows")));
    }

    @Test
    void describeNamesEachFileWithTheSha256OfItsBytesAndItsRows() throws IOException {
        Splits splits = irisSplits();
        Map<String, byte[]> files = splits.files();
        Map<String, Contract.SplitFile> described = splits.describe();
        assertEquals(Splits.NAMES, List.copyOf(described.keySet()));
        for (String name : Splits.NAMES) {
            Contract.SplitFile file = described.get(name);
            assertEquals("splits/" + name + ".rows", file.file());
            assertEquals(sha256(files.get(file.file())), file.sha256());
            assertEquals(splits.get(name).length, file.rows());
        }
    }

    @Test
    void readGivesBackTheSealedSplits() throws IOException {
        Splits splits = irisSplits();
        write(splits);
        assertEquals(splits, Splits.read(workspace, splits.describe()));
    }

    @Test
    void readDetectsOneChangedByte() throws IOException {
        Splits splits = irisSplits();
        write(splits);
        Path train = workspace.resolve("splits/train.rows");
        byte[] bytes = Files.readAllBytes(train);
        bytes[0] = (byte) (bytes[0] == '1' ? '2' : '1');
        Files.write(train, bytes);
        Map<String, Contract.SplitFile> sealed = splits.describe();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Splits.read(workspace, sealed));
        assertEquals("tamper detected: splits/train.rows has SHA-256 " + sha256(bytes) + " but the hypothesis sealed "
                + sealed.get("train").sha256() + "; seal the hypothesis again (%hypothesize in a notebook, hypothesize() in JShell) to make fresh splits.", e.getMessage());
    }

    @Test
    void readRefusesAMissingFile() throws IOException {
        Splits splits = irisSplits();
        write(splits);
        Files.delete(workspace.resolve("splits/test.rows"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Splits.read(workspace, splits.describe()));
        assertEquals("splits/test.rows is missing from " + workspace + "; seal the hypothesis again (%hypothesize in a notebook, hypothesize() in JShell) to make fresh splits.",
                e.getMessage());
    }

    @Test
    void readRefusesSealedFilesThatShareARow() throws IOException {
        // a contract sealed over overlapping splits: the hashes match, but row 2 is in two splits
        Splits overlapping = Splits.of(new int[] {0, 2}, new int[] {1, 2}, new int[] {3});
        write(overlapping);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Splits.read(workspace, overlapping.describe()));
        assertEquals("Row 2 is in both the train and the validation split; seal the hypothesis again (%hypothesize in a notebook, hypothesize() in JShell) to make fresh splits.", e.getMessage());
    }

    @Test
    void requireDisjointAndCompleteNamesTheFirstBadRow() {
        Splits splits = Splits.of(new int[] {0, 1}, new int[] {2}, new int[] {4});
        IllegalStateException gap = assertThrows(IllegalStateException.class,
                () -> splits.requireDisjointAndComplete(5));
        assertEquals("Row 3 is in none of the train, validation and test splits; seal the hypothesis again (%hypothesize in a notebook, hypothesize() in JShell) to make fresh splits.", gap.getMessage());
        IllegalStateException outside = assertThrows(IllegalStateException.class,
                () -> splits.requireDisjointAndComplete(4));
        assertEquals("Row 4 of the test split is outside the 4 rows that have a target; seal the hypothesis again (%hypothesize in a notebook, hypothesize() in JShell) to make fresh splits.", outside.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> Splits.of(new int[] {0, 0}, new int[] {1}, new int[] {2}).requireDisjointAndComplete(3));
        assertEquals("Row 0 is listed twice in the train split; seal the hypothesis again (%hypothesize in a notebook, hypothesize() in JShell) to make fresh splits.",
                twice.getMessage());
        Splits.of(new int[] {0, 1}, new int[] {2, 3}, new int[] {4}).requireDisjointAndComplete(5);
    }

    private Splits irisSplits() throws IOException {
        Table iris = DataLoader.create().load(Files.copy(SharedData.file("iris.csv"), workspace.resolve("iris.csv")))
                .table();
        Splits splits = Splitter.split(iris, "species", "classification", SplitStrategy.STRATIFIED, null, null,
                Ratios.DEFAULT, 42);
        assertTrue(splits.train().length > 0 && splits.validation().length > 0 && splits.test().length > 0);
        return splits;
    }

    private void write(Splits splits) throws IOException {
        for (Map.Entry<String, byte[]> file : splits.files().entrySet()) {
            Path path = workspace.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256 digest.", e);
        }
    }
}
