package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.workspace.StageRefused;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * Changes one byte at a time in every sealed file (the three artifacts and the split files), at positions spread
 * over each file, and shows the next stage refuses with "tamper detected" and writes nothing, every time.
 */
class SealMutationTest {
    static final int POSITIONS_PER_ARTIFACT = 70;
    static final int POSITIONS_PER_SPLIT_FILE = 10;

    @TempDir
    Path temp;

    @Test
    void everySingleByteChangeOfASealedFileIsDetectedAndNothingRuns() throws Exception {
        Sessions session = Sessions.in(temp);
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session.run("data_check", "wine.csv", "--target", "cultivar");
        session.run("hypothesize");
        assertEquals(Status.DONE, session.run("design_experiments").status(), session.raw());
        Workspace workspace = session.workspace();

        // Which stage must refuse when a file changes: the stages after it that read it.
        Supplier<StageOutcome> hypothesize = () -> session.run("hypothesize");
        Supplier<StageOutcome> design = () -> session.run("design_experiments");
        Supplier<StageOutcome> train = () -> { // what %train will do first: verify the chain up to the plan
            try {
                workspace.verify("train", Plan.ARTIFACT, session.session().names());
                return new StageOutcome(Status.DONE, "the chain verified");
            } catch (StageRefused e) {
                return new StageOutcome(Status.BLOCKED, e.getMessage());
            }
        };
        int checked = 0;
        checked += mutate(workspace, "data_check.json", POSITIONS_PER_ARTIFACT, hypothesize, design);
        checked += mutate(workspace, "hypothesis.json", POSITIONS_PER_ARTIFACT, design, train);
        checked += mutate(workspace, "plan.json", POSITIONS_PER_ARTIFACT, train);
        for (String split : new String[] {"train", "validation", "test"}) {
            checked += mutate(workspace, "splits/" + split + ".rows", POSITIONS_PER_SPLIT_FILE, design);
        }
        assertTrue(checked >= 200, "positions changed: " + checked);
        assertEquals(Status.DONE, train.get().status(), "every file is back as sealed");
    }

    /** Flips one bit at each of {@code count} positions spread over the file; every refusal is checked. */
    @SafeVarargs
    private int mutate(Workspace workspace, String name, int count, Supplier<StageOutcome>... next) throws IOException {
        Path file = workspace.folder().resolve(name);
        byte[] original = Files.readAllBytes(file);
        int positions = Math.min(count, original.length);
        for (int k = 0; k < positions; k++) {
            int at = (int) ((long) k * (original.length - 1) / Math.max(1, positions - 1));
            byte[] changed = original.clone();
            changed[at] ^= (byte) (1 << (k % 7)); // a different bit each time; every result is a different byte
            Files.write(file, changed);
            Map<String, String> before = snapshot(workspace.folder());
            for (Supplier<StageOutcome> stage : next) {
                StageOutcome outcome = stage.get();
                assertEquals(Status.BLOCKED, outcome.status(), name + " byte " + at + ": " + outcome.sentence());
                assertTrue(outcome.sentence().contains("tamper detected"), name + " byte " + at + ": " + outcome.sentence());
                assertTrue(outcome.sentence().contains(Path.of(name).getFileName().toString()),
                        "the changed file is named: " + outcome.sentence());
                assertEquals(before, snapshot(workspace.folder()), name + " byte " + at + ": a refused stage wrote something");
            }
            Files.write(file, original);
        }
        return positions;
    }

    /** Every file in the workspace (git's internals aside) with its bytes, and the commit HEAD is on. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).filter(p -> !folder.relativize(p).startsWith(".git")).toList()) {
                files.put(folder.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
            }
        }
        try (Git git = Git.open(folder.toFile())) {
            files.put("HEAD", git.getRepository().resolve("HEAD").getName());
        }
        return files;
    }
}
