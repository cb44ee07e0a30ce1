package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;

class DataLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private String refusal(Path file) {
        return assertThrows(DataProblem.class, () -> DataLoader.create().load(file)).getMessage();
    }

    @Test
    void readsTsvByExtensionAndByTabInHeader() throws IOException {
        Dataset byName = DataLoader.create().load(write("a.tsv", "x\ty\n1\t2\n3\t4\n"));
        Dataset bySniff = DataLoader.create().load(write("b.txt", "x\ty\n1\t2\n3\t4\n"));
        assertEquals(2, byName.table().columnCount());
        assertEquals(2, bySniff.rowCount());
    }

    @Test
    void readsGzippedCarsLikeThePlainFile() throws IOException {
        Path gz = dir.resolve("cars.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(SharedData.file("cars.csv")));
        }
        Dataset d = DataLoader.create().load(gz);
        assertEquals(406, d.rowCount());
        assertEquals(8, d.table().column("Miles_per_Gallon").countMissing());
    }

    @Test
    void missingFileNamesPathAndWorkingFolder() {
        String m = refusal(dir.resolve("nope.csv"));
        assertTrue(m.startsWith("No file at " + dir.resolve("nope.csv")), m);
        assertTrue(m.contains("relative paths start in"), m);
    }

    @Test
    void folderIsRefused() {
        assertTrue(refusal(dir).contains("is a folder"));
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        assertTrue(refusal(write("e.csv", "")).contains("is empty (0 bytes)"));
    }

    @Test
    void headerOnlyIsRefused() throws IOException {
        assertTrue(refusal(write("h.csv", "a,b,c\n")).contains("header row but no data rows"));
    }

    @Test
    void oneColumnIsRefused() throws IOException {
        assertTrue(refusal(write("one.csv", "a\n1\n2\n")).contains("only one column"));
    }

    @Test
    void nonUtf8NamesOffsetAndLine() throws IOException {
        Path f = dir.resolve("latin.csv");
        byte[] head = "name,v\nabc,1\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {'J', 'o', 's', (byte) 0xE9, ',', '2', '\n'}; // é in Latin-1
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(f, all);
        String m = refusal(f);
        assertTrue(m.contains("offset " + (head.length + 3) + " (line 3)"), m);
    }

    @Test
    void raggedRowsNameTheFirstBadLine() throws IOException {
        String m = refusal(write("r.csv", "a,b,c\n1,2,3\n\"x,y\",2,3\n1,2\n1,2,3,4\n"));
        assertTrue(m.contains("line 4 has 2 fields but the header has 3"), m);
    }

    @Test
    void fileTooBigForTheHeapIsRefusedBeforeReading() throws IOException {
        Path f = write("big.csv", "a,b\n" + "1,2\n".repeat(100_000)); // 400 kB
        String m = assertThrows(DataProblem.class,
                () -> DataLoader.create().withHeapBytes(1 << 20).load(f)).getMessage();
        assertTrue(m.contains("needs about 2 MB of memory, but this JVM may use at most 1 MB"), m);
        assertTrue(m.contains("SEALBOOK_JVM_OPTS=-Xmx"), m);
    }

    @Test
    void gzippedFileTooBigForTheHeapIsRefusedWhileStreaming() throws IOException {
        Path gz = dir.resolve("big.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("a,b\n" + "1,2\n".repeat(1_000_000)).getBytes(StandardCharsets.US_ASCII)); // 4 MB, 10 kB packed
        }
        String m = assertThrows(DataProblem.class,
                () -> DataLoader.create().withHeapBytes(1 << 20).load(gz)).getMessage();
        assertTrue(m.startsWith("big.csv.gz uncompressed is more than 1 MB and reading it needs about"), m);
        assertTrue(m.contains("but this JVM may use at most 1 MB"), m);
    }
}
