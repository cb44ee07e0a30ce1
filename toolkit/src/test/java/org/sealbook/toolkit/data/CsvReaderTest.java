package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sealbook.toolkit.SharedData;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Our reader against Tablesaw's own CSV reader (typing every row) on real files, and on the edge cases it handles. */
class CsvReaderTest {
    @TempDir
    Path dir;

    private Table ours(Path file) {
        return DataLoader.create().load(file).table();
    }

    private static Table tablesaws(Path file) throws IOException {
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile())
                .missingValueIndicator("").sample(false).build());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris.csv", "breast_cancer.csv", "wine.csv", "diabetes.csv", "digits.csv", "cars.csv"})
    void sharedDataReadsAsTablesawReadsIt(String file) throws IOException {
        Table expected = tablesaws(SharedData.file(file));
        Table actual = ours(SharedData.file(file));
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (Column<?> e : expected.columns()) {
            Column<?> a = actual.column(e.name());
            assertEquals(e.type(), a.type(), file + " " + e.name());
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.isMissing(i), a.isMissing(i), file + " " + e.name() + " row " + i);
                assertEquals(e.getString(i), a.getString(i), file + " " + e.name() + " row " + i);
            }
        }
    }

    @Test
    void decimalsMatchJavasOwnParsingToTheLastBit() throws IOException {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("x,y\n");
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextGaussian();
                case 1 -> random.nextGaussian() * 1e6;
                case 2 -> random.nextDouble() * 1e-7;
                default -> Math.scalb(random.nextDouble(), random.nextInt(200) - 100);
            };
            String text = switch (i % 3) {
                case 0 -> Double.toString(v);
                case 1 -> String.format(java.util.Locale.ROOT, "%.6g", v);
                default -> String.format(java.util.Locale.ROOT, "%.17e", v);
            };
            texts.add(text);
            csv.append(text).append(',').append(i).append('\n');
        }
        Table t = ours(write("decimals.csv", csv.toString()));
        assertEquals(ColumnType.DOUBLE, t.column("x").type());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(Double.parseDouble(texts.get(i)), t.doubleColumn("x").getDouble(i), texts.get(i));
        }
    }

    @Test
    void columnsTakeTheWidestTypeTheirValuesNeed() throws IOException {
        Table t = ours(write("types.csv", """
                small,big,mixed,late_text,flag,day,empty
                1,3000000000,1,5,true,2024-01-31,
                2,4,2.5,6,false,2024-02-01,
                ,5,,x7,true,,
                """));
        assertEquals(ColumnType.INTEGER, t.column("small").type());
        assertEquals(ColumnType.LONG, t.column("big").type());
        assertEquals(ColumnType.DOUBLE, t.column("mixed").type());
        assertEquals(1.0, t.doubleColumn("mixed").getDouble(0));
        assertEquals(ColumnType.STRING, t.column("late_text").type(), "numbers then text: read again as text");
        assertEquals(List.of("5", "6", "x7"), t.stringColumn("late_text").asList());
        assertEquals(ColumnType.BOOLEAN, t.column("flag").type());
        assertEquals(ColumnType.LOCAL_DATE, t.column("day").type());
        assertTrue(t.column("day").isMissing(2));
        assertEquals(3, t.column("empty").countMissing());
    }

    @Test
    void quotesBlanksBlankLinesAndTheByteOrderMark() throws IOException {
        Table t = ours(write("quoted.csv", "\uFEFFname,note\r\n"
                + "\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n"
                + "\r\n"
                + "  Lee  ,  \"  padded  \"  \r\n"
                + "5'10\",\"two\nlines\"\r\n"));
        assertEquals(List.of("name", "note"), t.columnNames(), "the byte-order mark is not part of the first name");
        assertEquals(List.of("Smith, Jo", "Lee", "5'10\""), t.stringColumn("name").asList());
        assertEquals(List.of("said \"hi\"", "  padded  ", "two\nlines"), t.stringColumn("note").asList());
    }

    @Test
    void aQuoteThatNeverClosesNamesItsLine() throws IOException {
        String m = assertThrows(DataProblem.class, () -> ours(write("open.csv", "a,b\n1,2\n3,\"oops\n4,5\n")))
                .getMessage();
        assertTrue(m.contains("quote opened on line 3 that is never closed"), m);
    }

    @Test
    void twoColumnsWithOneNameAreRefused() throws IOException {
        String m = assertThrows(DataProblem.class, () -> ours(write("twice.csv", "a,b,a\n1,2,3\n"))).getMessage();
        assertTrue(m.contains("two columns named 'a'"), m);
    }
}
