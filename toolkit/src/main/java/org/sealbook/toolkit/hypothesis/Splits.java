package org.sealbook.toolkit.hypothesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.workspace.CanonicalJson;

/**
 * The row indices (into the rows that have a target) of the training, validation and test splits, each sorted, and
 * their files as the hypothesis seals them: one index per line, ascending, each line ending in {@code \n}.
 * Usage: {@code Map<String, byte[]> toWrite = Splitter.split(...).files();}
 */
public final class Splits {
    /** The split names, in the order they are used: fit on train, choose on validation, report on test. */
    public static final List<String> NAMES = List.of("train", "validation", "test");

    private static final String FIX = "seal the hypothesis again (%hypothesize in a notebook, hypothesize() in "
            + "JShell) to make fresh splits.";

    private final int[] train;
    private final int[] validation;
    private final int[] test;

    private Splits(int[] train, int[] validation, int[] test) {
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /** Copies and sorts the three index arrays. */
    public static Splits of(int[] train, int[] validation, int[] test) {
        if (train == null || validation == null || test == null) {
            throw new IllegalArgumentException("Splits need three arrays of row indices (train, validation, test); "
                    + "pass an empty array for a split without rows, never null.");
        }
        return new Splits(sortedCopy(train), sortedCopy(validation), sortedCopy(test));
    }

    public int[] train() {
        return train.clone();
    }

    public int[] validation() {
        return validation.clone();
    }

    public int[] test() {
        return test.clone();
    }

    /** The rows of the split called {@code train}, {@code validation} or {@code test}. */
    public int[] get(String name) {
        return indicesOf(name).clone();
    }

    /**
     * Refuses (IllegalStateException) splits that share a row, repeat a row, name a row outside {@code 0..rowCount-1}
     * or leave a row out, naming the first such row.
     */
    public void requireDisjointAndComplete(int rowCount) {
        int[] splitOfRow = new int[Math.max(rowCount, 0)];
        Arrays.fill(splitOfRow, -1);
        for (int s = 0; s < NAMES.size(); s++) {
            for (int row : indicesOf(NAMES.get(s))) {
                if (row < 0 || row >= rowCount) {
                    throw new IllegalStateException("Row " + row + " of the " + NAMES.get(s) + " split is outside the "
                            + rowCount + " rows that have a target; " + FIX);
                }
                if (splitOfRow[row] == s) {
                    throw new IllegalStateException("Row " + row + " is listed twice in the " + NAMES.get(s)
                            + " split; " + FIX);
                }
                if (splitOfRow[row] >= 0) {
                    throw new IllegalStateException("Row " + row + " is in both the " + NAMES.get(splitOfRow[row])
                            + " and the " + NAMES.get(s) + " split; " + FIX);
                }
                splitOfRow[row] = s;
            }
        }
        for (int row = 0; row < splitOfRow.length; row++) {
            if (splitOfRow[row] < 0) {
                throw new IllegalStateException("Row " + row + " is in none of the train, validation and test splits; "
                        + FIX);
            }
        }
    }

    /** The three files' bytes keyed by their path in the workspace, e.g. {@code splits/train.rows}. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : NAMES) {
            files.put(fileOf(name), bytesOf(indicesOf(name)));
        }
        return files;
    }

    /** For the contract: split name -> its file, the SHA-256 of the file's bytes and its row count. */
    public Map<String, Contract.SplitFile> describe() {
        Map<String, Contract.SplitFile> described = new LinkedHashMap<>();
        for (String name : NAMES) {
            int[] rows = indicesOf(name);
            described.put(name, new Contract.SplitFile(fileOf(name), CanonicalJson.sha256(bytesOf(rows)), rows.length));
        }
        return described;
    }

    /**
     * Reads the three sealed files back from the workspace folder, refusing (IllegalStateException) a missing file, a
     * file whose SHA-256 differs from the sealed one, or splits that overlap or leave a row out. The caller still
     * checks them against its table with {@link #requireDisjointAndComplete(int)}.
     */
    public static Splits read(Path workspaceFolder, Map<String, Contract.SplitFile> expected) {
        if (workspaceFolder == null || expected == null) {
            throw new IllegalArgumentException("Reading the splits needs the workspace folder and the sealed split "
                    + "files; pass both, as the contract's splits().");
        }
        int[][] indices = new int[NAMES.size()][];
        for (int s = 0; s < NAMES.size(); s++) {
            Contract.SplitFile sealed = expected.get(NAMES.get(s));
            if (sealed == null) {
                throw new IllegalStateException("The sealed hypothesis names no file for the " + NAMES.get(s)
                        + " split; " + FIX);
            }
            Path file = workspaceFolder.resolve(sealed.file());
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(sealed.file() + " is missing from " + workspaceFolder + "; " + FIX);
            }
            byte[] bytes = readBytes(file);
            String actual = CanonicalJson.sha256(bytes);
            if (!actual.equals(sealed.sha256())) {
                throw new IllegalStateException("tamper detected: " + sealed.file() + " has SHA-256 " + actual
                        + " but the hypothesis sealed " + sealed.sha256() + "; " + FIX);
            }
            indices[s] = parse(sealed.file(), bytes);
        }
        Splits splits = of(indices[0], indices[1], indices[2]);
        splits.requireDisjointAndComplete(indices[0].length + indices[1].length + indices[2].length);
        return splits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Splits that && Arrays.equals(train, that.train)
                && Arrays.equals(validation, that.validation) && Arrays.equals(test, that.test);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(train) + Arrays.hashCode(validation)) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Splits[train=" + train.length + " rows, validation=" + validation.length + " rows, test="
                + test.length + " rows]";
    }

    private int[] indicesOf(String name) {
        if (name == null) {
            throw new IllegalArgumentException("No split name was given; use train, validation or test.");
        }
        return switch (name) {
            case "train" -> train;
            case "validation" -> validation;
            case "test" -> test;
            default -> throw new IllegalArgumentException("There is no split called " + name
                    + "; use train, validation or test.");
        };
    }

    /** The file each split is written to, relative to the workspace folder. */
    private static String fileOf(String name) {
        return "splits/" + name + ".rows";
    }

    private static int[] sortedCopy(int[] rows) {
        int[] copy = rows.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static byte[] bytesOf(int[] rows) {
        StringBuilder text = new StringBuilder(rows.length * 5);
        for (int row : rows) {
            text.append(row).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] parse(String fileName, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] lines = text.split("\n", -1);
        // the final '\n' leaves one empty piece after it; a file without it, or with blank lines, was not ours
        if (!lines[lines.length - 1].isEmpty()) {
            throw new IllegalStateException(fileName + " does not end with a newline, so it was not written by "
                    + "the hypothesis; " + FIX);
        }
        int[] rows = new int[lines.length - 1];
        for (int i = 0; i < rows.length; i++) {
            try {
                rows[i] = Integer.parseInt(lines[i]);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Line " + (i + 1) + " of " + fileName + " is '" + lines[i]
                        + "', not a row number; " + FIX, e);
            }
        }
        return rows;
    }
}
