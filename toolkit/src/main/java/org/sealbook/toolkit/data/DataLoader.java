package org.sealbook.toolkit.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads CSV, TSV and gzipped CSV/TSV into a {@link Dataset}, refusing bad files with one sentence each.
 * Usage: {@code Dataset d = DataLoader.create().load(Path.of("cars.csv"));}
 */
public final class DataLoader {
    /** Parsed Tablesaw columns plus parsing buffers take a few times the text's size; measured on the shared data. */
    static final int MEMORY_PER_FILE_BYTE = 4;

    private final long heapBytes;

    private DataLoader(long heapBytes) {
        this.heapBytes = heapBytes;
    }

    /** A loader that budgets against this JVM's maximum heap. */
    public static DataLoader create() {
        return new DataLoader(Runtime.getRuntime().maxMemory());
    }

    /** The same loader budgeting against the given heap size instead (tests, or a caller that shares the heap). */
    public DataLoader withHeapBytes(long bytes) {
        return new DataLoader(bytes);
    }

    public Dataset load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
        if (!Files.exists(absolute)) {
            throw new DataProblem("No file at " + absolute + "; check the path (relative paths start in "
                    + Path.of("").toAbsolutePath() + ").");
        }
        if (Files.isDirectory(absolute)) {
            throw new DataProblem(absolute + " is a folder, not a data file; give the path of a .csv, .tsv or .csv.gz file inside it.");
        }
        boolean gzip = name.toLowerCase(Locale.ROOT).endsWith(".gz");
        long size = sizeOf(absolute);
        if (size == 0) {
            throw new DataProblem(name + " is empty (0 bytes); export the data again with a header row and at least one data row.");
        }
        if (!gzip) {
            checkHeap(name, size); // before any reading: a file too big is refused without touching the heap
        }
        char separator = separatorOf(absolute, name, gzip);
        CsvScan scan;
        try (InputStream in = open(absolute, gzip)) {
            scan = CsvScan.of(in, name, separator);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + absolute + ": " + e.getMessage(), e);
        }
        if (gzip) {
            checkHeap(name, scan.bytes); // the uncompressed size is known only after the scan
        }
        refuseBadShape(name, scan);
        return new Dataset(absolute, read(absolute, name, gzip, separator), scan.bytes);
    }

    private static void refuseBadShape(String name, CsvScan scan) {
        if (scan.records == 0) {
            throw new DataProblem(name + " has no text in it, only blank lines; export the data again with a header row and data rows.");
        }
        if (scan.records == 1) {
            throw new DataProblem(name + " has a header row but no data rows; export the data again with its rows.");
        }
        if (scan.headerFields < 2) {
            throw new DataProblem(name + " has only one column, so there is nothing to predict the target from; "
                    + "check the separator (comma for .csv, tab for .tsv) or add the feature columns.");
        }
        if (scan.badRecordLine > 0) {
            throw new DataProblem(name + " has ragged rows: line " + scan.badRecordLine + " has " + scan.badRecordFields
                    + " fields but the header has " + scan.headerFields + "; fix that line (a stray separator or a missing quote) and run again.");
        }
    }

    private void checkHeap(String name, long bytes) {
        long needed = bytes * MEMORY_PER_FILE_BYTE;
        if (needed > heapBytes) {
            throw new DataProblem(name + " is " + megabytes(bytes) + " MB and reading it needs about " + megabytes(needed)
                    + " MB of memory, but this JVM may use at most " + megabytes(heapBytes)
                    + " MB; raise the limit (e.g. SEALBOOK_JVM_OPTS=-Xmx" + Math.max(1, (needed * 2 >> 30) + 1)
                    + "g) and restart the kernel, or check a smaller sample of the file.");
        }
    }

    private static long megabytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    /** Tab for .tsv (also .tsv.gz) or when the header line holds a tab; comma otherwise. */
    private static char separatorOf(Path file, String name, boolean gzip) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tsv") || lower.endsWith(".tsv.gz")) {
            return '\t';
        }
        try (InputStream in = open(file, gzip)) {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b == '\t') {
                    return '\t';
                }
            }
            return ',';
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the header of " + file + ": " + e.getMessage(), e);
        }
    }

    private static Table read(Path file, String name, boolean gzip, char separator) {
        try (InputStream in = open(file, gzip);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            CsvReadOptions options = CsvReadOptions.builder(reader)
                    .tableName(name)
                    .separator(separator)
                    .header(true)
                    .missingValueIndicator("")
                    .sample(false) // typing from every row: a sample can miss the one text cell in a number column
                    .maxCharsPerColumn(1 << 20)
                    .build();
            return Table.read().usingOptions(options);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
