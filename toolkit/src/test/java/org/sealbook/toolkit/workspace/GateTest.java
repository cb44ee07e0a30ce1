package org.sealbook.toolkit.workspace;

import static org.sealbook.toolkit.workspace.Decisions.DATA_CHECK;
import static org.sealbook.toolkit.workspace.Decisions.HYPOTHESIS;
import static org.sealbook.toolkit.workspace.Decisions.NAMES;
import static org.sealbook.toolkit.workspace.Decisions.PLAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateTest {
    static final Instant T1 = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path temp;

    @Test
    void aMissingPredecessorIsNamedWithTheCellToRun() {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        StageRefused e = assertThrows(StageRefused.class, () -> workspace.verify("hypothesize", DATA_CHECK, NAMES));
        assertEquals("%hypothesize needs the data check first: there is no data_check.json in "
                + workspace.folder() + "; run %data_check PATH --target COL first.", e.getMessage());
    }

    @Test
    void aLaterStageNamesTheFirstMissingStage() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "iris.csv", "species"), T1, Map.of(), NAMES);
        StageRefused e = assertThrows(StageRefused.class, () -> workspace.verify("train", PLAN, NAMES));
        assertEquals("%train needs the hypothesis first: there is no hypothesis.json in "
                + workspace.folder() + "; run %hypothesize first.", e.getMessage());
    }

    @Test
    void aRefusedStageWritesNothing() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "wine.csv", "target"), T1, Map.of(), NAMES);
        Map<String, String> before = listing(workspace.folder());
        List<String> logBefore = messages(workspace.folder());

        assertThrows(StageRefused.class, () -> workspace.seal(PLAN, Decisions.note("experiments", "one"), T1, Map.of(), NAMES));
        Files.write(workspace.file(DATA_CHECK), "{}\n".getBytes(StandardCharsets.UTF_8));
        Map<String, String> tampered = listing(workspace.folder());
        assertThrows(StageRefused.class, () -> workspace.seal(HYPOTHESIS, Decisions.note("claim", "x"), T1, Map.of(), NAMES));

        assertEquals(before.keySet(), tampered.keySet());
        assertEquals(tampered, listing(workspace.folder()), "the refused seal left every file as it was");
        assertEquals(logBefore, messages(workspace.folder()), "the refused seal made no commit");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 40, -3, -2, -1})
    void changingOneByteAnywhereIsTamper(int position) throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        Sealed sealed = workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon"), T1, Map.of(), NAMES);
        Path file = workspace.file(DATA_CHECK);
        byte[] bytes = Files.readAllBytes(file);
        int at = position < 0 ? bytes.length + position : position;
        bytes[at] = (byte) (bytes[at] == 'x' ? 'y' : 'x');
        Files.write(file, bytes);
        String now = CanonicalJson.sha256(bytes);

        StageRefused e = assertThrows(StageRefused.class, () -> workspace.verify("hypothesize", DATA_CHECK, NAMES));
        assertEquals("tamper detected: " + file + " was sealed at 2026-03-01T10:15:30Z with sha256 "
                + sealed.sha256() + ", but its contents now hash to " + now + "; run %data_check again to "
                + "seal a fresh one (the sealed version is in the workspace's git history).", e.getMessage());
    }

    @Test
    void aDeletedSidecarIsTamper() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        Sealed sealed = workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "diabetes.csv", "target"), T1, Map.of(), NAMES);
        Files.delete(workspace.folder().resolve("data_check.json.sha256"));
        StageRefused e = assertThrows(StageRefused.class, () -> workspace.verify("hypothesize", DATA_CHECK, NAMES));
        assertTrue(e.getMessage().startsWith("tamper detected: " + workspace.file(DATA_CHECK)
                + " was sealed at 2026-03-01T10:15:30Z with sha256 " + sealed.sha256()
                + ", but its hash file data_check.json.sha256 is missing;"), e.getMessage());
    }

    @Test
    void aGarbledSidecarIsTamper() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        Sealed sealed = workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "diabetes.csv", "target"), T1, Map.of(), NAMES);
        Files.writeString(workspace.folder().resolve("data_check.json.sha256"), sealed.sha256() + " data_check.json\n");
        StageRefused e = assertThrows(StageRefused.class, () -> workspace.verify("hypothesize", DATA_CHECK, NAMES));
        assertTrue(e.getMessage().startsWith("tamper detected: "), e.getMessage());
        assertTrue(e.getMessage().contains("no longer holds the single line"), e.getMessage());
    }

    @Test
    void aSidecarEditedToAnotherHashIsTamper() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        Sealed sealed = workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "diabetes.csv", "target"), T1, Map.of(), NAMES);
        String other = "0".repeat(64);
        Files.writeString(workspace.folder().resolve("data_check.json.sha256"), other + "  data_check.json\n");
        StageRefused e = assertThrows(StageRefused.class, () -> workspace.verify("hypothesize", DATA_CHECK, NAMES));
        assertTrue(e.getMessage().contains("with sha256 " + sealed.sha256() + ", but its contents now hash to "
                + sealed.sha256()), e.getMessage());
    }

    @Test
    void rewritingTheFileAndItsSidecarTogetherIsStillCaughtByTheHistory() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        Sealed sealed = workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon"), T1, Map.of(), NAMES);
        Path file = workspace.file(DATA_CHECK);
        String forged = Files.readString(file).replace("Miles_per_Gallon", "Horsepower");
        Files.writeString(file, forged);
        String forgedHash = CanonicalJson.sha256(forged.getBytes(StandardCharsets.UTF_8));
        Files.writeString(workspace.folder().resolve("data_check.json.sha256"), forgedHash + "  data_check.json\n");

        StageRefused e = assertThrows(StageRefused.class, () -> workspace.read("data_check", DATA_CHECK, NAMES));
        assertTrue(e.getMessage().contains("with sha256 " + sealed.sha256() + ", but its contents now hash to "
                + forgedHash + " and its hash file was rewritten to match"), e.getMessage());
    }

    @Test
    void resealingTheTamperedStageRecovers() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon"), T1, Map.of(), NAMES);
        Files.writeString(workspace.file(DATA_CHECK), "{}\n");
        workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon"), T1, Map.of(), NAMES);
        workspace.verify("hypothesize", DATA_CHECK, NAMES);
        assertEquals(2, messages(workspace.folder()).size());
    }

    private static Map<String, String> listing(Path folder) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), CanonicalJson.sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static List<String> messages(Path folder) throws Exception {
        return WorkspaceTest.commits(folder).stream().map(RevCommit::getFullMessage).toList();
    }
}
