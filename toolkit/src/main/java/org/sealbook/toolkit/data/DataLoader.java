package org.sealbook.toolkit.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

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
        try {
            // a gzipped file's size is known only while reading it: the reader refuses once its bytes pass the budget
            CsvReader.Result read = CsvReader.read(() -> open(absolute, gzip), name, separator,
                    heapBytes / MEMORY_PER_FILE_BYTE, bytes -> tooBig(name, bytes, " uncompressed is more than "));
            return new Dataset(absolute, read.table(), read.bytes(), read.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + absolute + ": " + e.getMessage(), e);
        }
    }

    private void checkHeap(String name, long bytes) {
        if (bytes * MEMORY_PER_FILE_BYTE > heapBytes) {
            throw tooBig(name, bytes, " is ");
        }
    }

    private DataProblem tooBig(String name, long bytes, String is) {
        long needed = bytes * MEMORY_PER_FILE_BYTE;
        return new DataProblem(name + is + megabytes(bytes) + " MB and reading it needs about " + megabytes(needed)
                + " MB of memory, but this JVM may use at most " + megabytes(heapBytes)
                + " MB; raise the limit (e.g. SEALBOOK_JVM_OPTS=-Xmx" + Math.max(1, (needed * 2 >> 30) + 1)
                + "g) and restart the kernel, or check a smaller sample of the file.");
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
}
