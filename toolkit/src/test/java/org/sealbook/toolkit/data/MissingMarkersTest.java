package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.schema.JsonSchema;

/** cars.csv with None, NA, null and NaN written into some cells: read as text, and said so in the data check. */
class MissingMarkersTest {
    private static final int HORSEPOWER = 4;
    private static final int ORIGIN = 8;

    @TempDir
    Path temp;

    private Sessions session;

    /** cars.csv with {@code values} written, in order, into column {@code column} of data lines 1, 2, 3, ... */
    private Path carsWith(int column, List<String> values) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.file("cars.csv")));
        for (int i = 0; i < values.size(); i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            cells[column] = values.get(i);
            lines.set(i + 1, String.join(",", cells));
        }
        return Files.write(temp.resolve("cars.csv"), lines);
    }

    private StageOutcome check(Path data) {
        session = Sessions.in(temp);
        return session.run("data_check", data.toString(), "--target", "Miles_per_Gallon");
    }

    private String output() {
        return session.output();
    }

    /** The decision the data check sealed, as the file holds it. */
    private JsonObject sealed() throws IOException {
        return JsonParser.parseString(Files.readString(session.workspace().file(DataCheckResult.ARTIFACT)))
                .getAsJsonObject().getAsJsonObject("decision");
    }

    @Test
    void markersInANumberColumnAreAConcernNamingTheColumnEachValueAndItsRows() throws IOException {
        Path data = carsWith(HORSEPOWER, List.of("None", "NA", "None", "null", "NaN", "None", "NA"));

        StageOutcome outcome = check(data);

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), outcome.sentence());
        assertTrue(output().contains("Horsepower holds the text None in 3 rows, NA in 2 rows, null in 1 row and NaN "
                + "in 1 row (of 406), which pandas and other tools read as missing; Sealbook reads only an empty cell "
                + "as missing, so it keeps them as text and reads Horsepower as text rather than numbers. If they mean "
                + "missing, empty those cells in the file and run %data_check again."), output());
        assertTrue(outcome.sentence().contains("text that other tools read as missing in Horsepower"),
                outcome.sentence());
        JsonObject sealed = sealed();
        JsonObject finding = findings(sealed, "MISSING_MARKER").get(0);
        assertEquals("WARN", finding.get("severity").getAsString());
        assertEquals(Map.of("marker:None", 3.0, "marker:NA", 2.0, "marker:null", 1.0, "marker:NaN", 1.0, "rows", 406.0),
                measures(finding));
        assertEquals(List.of(), JsonSchema.named("data_check").problems(sealed), "the sealed decision keeps its shape");
    }

    @Test
    void aMarkerInATextColumnIsANoteThatBlocksNothing() throws IOException {
        Path data = carsWith(ORIGIN, List.of("None", "None"));

        StageOutcome outcome = check(data);

        assertTrue(outcome.status() == Status.DONE || outcome.status() == Status.DONE_WITH_CONCERNS,
                outcome.sentence());
        assertTrue(output().contains("Origin holds the text None in 2 rows (of 406), which pandas and other tools read "
                + "as missing; Sealbook reads only an empty cell as missing, so it keeps it as text. If it means "
                + "missing, empty those cells in the file and run %data_check again."), output());
        assertEquals("PASS", findings(sealed(), "MISSING_MARKER")
                .get(0).get("severity").getAsString());
        assertTrue(!outcome.sentence().contains("read as missing"), "a note is not a concern: " + outcome.sentence());
    }

    @Test
    void theRealFileHasNoSuchValues() throws IOException {
        check(Files.copy(SharedData.file("cars.csv"), temp.resolve("cars.csv")));

        assertEquals(List.of(), findings(sealed(), "MISSING_MARKER"));
        assertTrue(!output().contains("other tools read as missing"), output());
    }

    private static List<JsonObject> findings(JsonObject decision, String code) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : decision.getAsJsonArray("findings")) {
            if (e.getAsJsonObject().get("code").getAsString().equals(code)) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }

    private static Map<String, Double> measures(JsonObject finding) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        finding.getAsJsonObject("measures").entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsDouble()));
        return out;
    }
}
