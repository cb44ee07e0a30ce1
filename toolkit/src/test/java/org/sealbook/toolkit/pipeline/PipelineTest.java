package org.sealbook.toolkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.view.Progress;
import org.sealbook.toolkit.view.View;
import tech.tablesaw.api.Table;

/** The one way every stage runs: a failure at any step is one status, and a failing listener changes nothing. */
class PipelineTest {
    @TempDir
    Path temp;

    /** A listener that throws at every call, as a broken display or log might. */
    private static class Broken implements View {
        @Override
        public void stageStarted(String stage) {
            throw new IllegalStateException("broken listener");
        }

        @Override
        public void explain(String heading, String text) {
            throw new IllegalStateException("broken listener");
        }

        @Override
        public void table(String title, Table table) {
            throw new IllegalStateException("broken listener");
        }

        @Override
        public void figure(Figure figure) {
            throw new IllegalStateException("broken listener");
        }

        @Override
        public Progress progress(String label, long total) {
            throw new IllegalStateException("broken listener");
        }

        @Override
        public void status(StageOutcome outcome) {
            throw new IllegalStateException("broken listener");
        }
    }

    /** A stage whose work fails in the way the test picks. */
    private record Failing(RuntimeException failure) implements Stage {
        @Override
        public StageSpec spec() {
            return StageSpec.named("failing", "Fails on purpose").reads(DataCheckResult.ARTIFACT);
        }

        @Override
        public Result run(StageRun run) {
            throw failure;
        }
    }

    @Test
    void aListenerThatThrowsIsSkippedAndTheStageStillSealsAndEnds() throws Exception {
        Files.copy(SharedData.file("iris.csv"), temp.resolve("iris.csv"));
        Sessions s = Sessions.in(temp);
        List<StageOutcome> heard = new ArrayList<>();
        s.session().listen(new Broken());
        s.session().listen(new Broken() {
            @Override
            public void status(StageOutcome outcome) {
                heard.add(outcome);
            }
        });

        StageOutcome outcome = s.run("data_check", "iris.csv", "--target", "species");

        assertEquals(Status.DONE_WITH_CONCERNS, outcome.status(), s.output());
        assertEquals(List.of(outcome), heard, "the listener after the broken one still hears the status");
        assertTrue(s.output().contains("DONE_WITH_CONCERNS: The data check is sealed"), s.output());
        assertTrue(Files.isRegularFile(s.workspace().file(DataCheckResult.ARTIFACT)));
    }

    @Test
    void anExpectedFailureIsItsSentenceAndAnUnexpectedOneIsLoggedAndStillOneStatus() throws Exception {
        Files.copy(SharedData.file("iris.csv"), temp.resolve("iris.csv"));
        Stage expected = new Failing(StageProblem.needsContext("Name the column with --column COL."));
        Stage bug = new Failing(new NullPointerException("x is null"));
        Session session = Session.of(temp, true, Session.standardStages().with(expected), Clock.systemUTC());
        Sessions s = Sessions.of(session, temp.resolve("figures"));

        StageOutcome gate = s.run("failing");
        assertEquals(Status.BLOCKED, gate.status());
        assertTrue(gate.sentence().startsWith("%failing needs the data check first: there is no data_check.json"),
                gate.sentence());

        s.run("data_check", "iris.csv", "--target", "species");
        StageOutcome asked = s.run("failing");
        assertEquals(new StageOutcome(Status.NEEDS_CONTEXT, "Name the column with --column COL."), asked);

        Session buggy = Session.of(temp, true, Session.standardStages().with(bug), Clock.systemUTC());
        StageOutcome crashed = Sessions.of(buggy, temp.resolve("figures")).run("failing");
        assertEquals(Status.BLOCKED, crashed.status());
        assertEquals("The stage failing stopped on an unexpected error (NullPointerException: x is null), so nothing "
                + "was sealed; this is a fault in Sealbook, and its log holds the details.", crashed.sentence());
        assertFalse(Files.exists(temp.resolve("sealbook-project").resolve("failing.json")));
    }
}
