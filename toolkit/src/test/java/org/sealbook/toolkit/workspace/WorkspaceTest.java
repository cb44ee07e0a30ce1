package org.sealbook.toolkit.workspace;

import static org.sealbook.toolkit.workspace.Decisions.DATA_CHECK;
import static org.sealbook.toolkit.workspace.Decisions.HYPOTHESIS;
import static org.sealbook.toolkit.workspace.Decisions.NAMES;
import static org.sealbook.toolkit.workspace.Decisions.PLAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    static final Instant T1 = Instant.parse("2026-03-01T10:15:30Z");
    static final Instant T2 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path temp;

    @Test
    void openMakesTheFolderAndAGitRepositoryInIt() {
        Path dir = temp.resolve("notebooks").resolve(Workspace.DEFAULT_FOLDER);
        Workspace workspace = Workspace.open(dir);
        assertEquals(dir.toAbsolutePath(), workspace.folder());
        assertTrue(Files.isDirectory(dir.resolve(".git")));
        // Opening again reuses the repository rather than failing or making another.
        assertEquals(dir.toAbsolutePath(), Workspace.open(dir).folder());
    }

    @Test
    void openRefusesAFileWithOneSentence() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "not a folder");
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> Workspace.open(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("is a file, not a folder"),
                e.getMessage());
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void aSealedDecisionVerifiesAndReadsBack() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        JsonObject decision = Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon");
        Sealed sealed = workspace.seal(DATA_CHECK, decision, T1, Map.of(), NAMES);

        byte[] bytes = Files.readAllBytes(workspace.file(DATA_CHECK));
        assertEquals(CanonicalJson.sha256(bytes), sealed.sha256());
        assertEquals("data_check.json", sealed.name());
        assertEquals(T1, sealed.sealedAt());
        assertTrue(sealed.stale().isEmpty());
        assertEquals(sealed.sha256() + "  data_check.json\n",
                Files.readString(workspace.folder().resolve("data_check.json.sha256")));

        JsonObject artifact = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("data_check", artifact.get("stage").getAsString());
        assertEquals("2026-03-01T10:15:30Z", artifact.get("sealed_at").getAsString());
        assertFalse(artifact.has("predecessor"));
        assertEquals(decision, workspace.read("data_check", DATA_CHECK, NAMES));
        assertEquals(8, workspace.read("data_check", DATA_CHECK, NAMES).getAsJsonArray("features").size());

        workspace.verify("hypothesize", DATA_CHECK, NAMES);
        Sealed hypothesis = workspace.seal(HYPOTHESIS, Decisions.note("claim", "weight predicts mpg"), T2, Map.of(), NAMES);
        JsonObject next = JsonParser.parseString(Files.readString(workspace.file(HYPOTHESIS)))
                .getAsJsonObject();
        assertEquals("data_check", next.getAsJsonObject("predecessor").get("stage").getAsString());
        assertEquals(sealed.sha256(), next.getAsJsonObject("predecessor").get("sha256").getAsString());
        assertNotEquals(sealed.sha256(), hypothesis.sha256());
        workspace.verify("design_experiments", HYPOTHESIS, NAMES);
    }

    @Test
    void theRealSha256sumVerifiesTheSidecar() throws Exception {
        assumeTrue(onPath("sha256sum"), "sha256sum is not installed here");
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "breast_cancer.csv", "target"), T1, Map.of(), NAMES);
        Process check = new ProcessBuilder("sha256sum", "-c", "data_check.json.sha256")
                .directory(workspace.folder().toFile()).redirectErrorStream(true).start();
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.exitValue(), said);
        assertEquals("data_check.json: OK\n", said);

        Files.writeString(workspace.file(DATA_CHECK), " ", java.nio.file.StandardOpenOption.APPEND);
        Process again = new ProcessBuilder("sha256sum", "-c", "data_check.json.sha256")
                .directory(workspace.folder().toFile()).redirectErrorStream(true).start();
        assertTrue(again.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, again.exitValue());
    }

    @Test
    void everySealIsACommitNamingTheStageAndTheHash() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        Sealed first = workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon"), T1, Map.of(), NAMES);
        Sealed second = workspace.seal(HYPOTHESIS, Decisions.note("claim", "weight predicts mpg"), T2, Map.of(), NAMES);

        List<RevCommit> commits = commits(workspace.folder());
        assertEquals(2, commits.size());
        assertEquals("Seal hypothesis " + second.sha256(), commits.get(0).getShortMessage());
        assertEquals("Seal data_check " + first.sha256(), commits.get(1).getShortMessage());
        try (Git git = Git.open(workspace.folder().toFile())) {
            assertTrue(git.status().call().isClean(), "every sealed file is committed");
            String configured = git.getRepository().getConfig().getString("user", null, "name");
            assertEquals(configured == null ? "Sealbook" : configured,
                    commits.get(0).getCommitterIdent().getName());
        }
    }

    @Test
    void twoHandlesOnOneFolderSealingAtOnceLeaveOneCommitEachAndAValidChain() throws Exception {
        Workspace first = Workspace.open(temp.resolve("ws"));
        Workspace second = Workspace.open(temp.resolve("ws"));
        JsonObject decision = Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Sealed>> sealing = new java.util.ArrayList<>();
            for (int round = 0; round < 10; round++) {
                Workspace w = round % 2 == 0 ? first : second;
                sealing.add(pool.submit(() -> w.seal(DATA_CHECK, decision, T1, Map.of(), NAMES)));
            }
            for (java.util.concurrent.Future<Sealed> f : sealing) {
                f.get(); // a failed seal would throw here
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, commits(first.folder()).size());
        first.verify("hypothesize", DATA_CHECK, NAMES); // the data-check seal still verifies
        try (Git git = Git.open(first.folder().toFile())) {
            assertTrue(git.status().call().isClean(), "every sealed file is committed");
        }
    }

    @Test
    void aWorkspaceInsideTheUsersRepositoryLeavesThatRepositoryAlone() throws Exception {
        Path outer = temp.resolve("my-project");
        try (Git git = Git.init().setDirectory(outer.toFile()).setInitialBranch("trunk").call()) {
            Files.writeString(outer.resolve("notes.txt"), "mine\n");
            git.add().addFilepattern("notes.txt").call();
            git.commit().setMessage("mine").setSign(false).setAuthor("Me", "me@example.org")
                    .setCommitter("Me", "me@example.org").call();
            String head = git.getRepository().resolve("HEAD").getName();

            Workspace workspace = Workspace.open(outer.resolve("sealbook-project"));
            workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon"), T1, Map.of(), NAMES);
            workspace.branchExperiments("b1", List.of("exp_000"), Decisions.NAMES);

            assertEquals(head, git.getRepository().resolve("HEAD").getName(), "the user's HEAD did not move");
            assertEquals(List.of("refs/heads/trunk"), git.branchList().call().stream().map(r -> r.getName()).toList());
            assertTrue(git.status().call().getUncommittedChanges().isEmpty(), "nothing added to the user's index");
            assertEquals(1, commits(workspace.folder()).size(), "the seal went to the workspace's own repository");
        }
    }

    @Test
    void resultsAreCommittedOnTheirExperimentBranchWithoutMovingHeadOrTheWorkingTree() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon"), T1, Map.of(), NAMES);
        workspace.branchExperiments("b1", List.of("exp_000", "exp_001"), Decisions.NAMES);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> workspace.commitOnExperimentBranch("b1", "exp_000",
                    java.util.Map.of("runs/b1/exp_000/result.json", "{\"rmse\": 3.1}\n".getBytes(StandardCharsets.UTF_8)), "Result of exp_000"));
            var second = pool.submit(() -> workspace.commitOnExperimentBranch("b1", "exp_001",
                    java.util.Map.of("runs/b1/exp_001/result.json", "{\"rmse\": 2.9}\n".getBytes(StandardCharsets.UTF_8)), "Result of exp_001"));
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }
        try (Git git = Git.open(workspace.folder().toFile())) {
            var repository = git.getRepository();
            assertEquals("refs/heads/main", repository.getFullBranch());
            assertEquals(1, commits(workspace.folder()).size(), "main has only the seal");
            for (String exp : List.of("exp_000", "exp_001")) {
                var tip = repository.parseCommit(repository.resolve(Workspace.experimentBranch("b1", exp)));
                assertEquals("Result of " + exp, tip.getShortMessage());
                assertEquals(repository.resolve("main"), tip.getParent(0).getId(), "branched from the sealed commit");
                try (var walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, "runs/b1/" + exp + "/result.json", tip.getTree())) {
                    assertTrue(walk != null, exp + "'s result is in its branch");
                }
                try (var walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, "data_check.json", tip.getTree())) {
                    assertTrue(walk != null, "the sealed files are kept on the branch");
                }
            }
            assertFalse(Files.exists(workspace.folder().resolve("runs")), "the working tree is untouched");
        }
    }

    @Test
    void resealingSupersedesTheArtifactAndSaysWhichLaterStagesAreStale() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("ws"));
        workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Miles_per_Gallon"), T1, Map.of(), NAMES);
        workspace.seal(HYPOTHESIS, Decisions.note("claim", "weight predicts mpg"), T1, Map.of(), NAMES);
        workspace.seal(PLAN, Decisions.note("experiments", "two"), T1, Map.of(), NAMES);
        assertTrue(workspace.stale().isEmpty());

        Sealed again = workspace.seal(DATA_CHECK, Decisions.dataCheck(temp, "cars.csv", "Horsepower"), T2, Map.of(), NAMES);
        assertEquals(List.of("hypothesis", "plan"), again.stale());
        assertEquals(List.of("hypothesis", "plan"), workspace.stale());
        assertEquals("Horsepower", workspace.read("data_check", DATA_CHECK, NAMES).get("target").getAsString());
        assertTrue(commits(workspace.folder()).get(0).getFullMessage().contains("made stale: [hypothesis, plan]"));

        StageRefused refused = assertThrows(StageRefused.class, () -> workspace.verify("train", PLAN, NAMES));
        assertTrue(refused.getMessage().startsWith("%train cannot run yet: " + workspace.file(HYPOTHESIS)
                + " is stale because the data check was re-run after it was sealed"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("run %hypothesize again first."), refused.getMessage());
        assertTrue(refused.getMessage().contains(again.sha256()), refused.getMessage());

        // Re-running the stale stage clears it, and the stage after it becomes the stale one.
        Sealed hypothesis = workspace.seal(HYPOTHESIS, Decisions.note("claim", "horsepower"), T2, Map.of(), NAMES);
        assertEquals(List.of("plan"), hypothesis.stale());
        workspace.seal(PLAN, Decisions.note("experiments", "three"), T2, Map.of(), NAMES);
        assertTrue(workspace.stale().isEmpty());
        workspace.verify("train", PLAN, NAMES);
    }

    static List<RevCommit> commits(Path folder) throws Exception {
        List<RevCommit> commits = new ArrayList<>();
        try (Git git = Git.open(folder.toFile())) {
            if (git.getRepository().resolve("HEAD") == null) {
                return commits;
            }
            git.log().call().forEach(commits::add);
        }
        return commits;
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
