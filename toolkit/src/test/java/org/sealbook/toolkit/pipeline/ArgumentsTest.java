package org.sealbook.toolkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stage's declared options turned into values from a magic's line, a cell's body and a JShell method's arguments. */
class ArgumentsTest {
    private static final Option<String> PATH = Option.text("path", "PATH", "the data file").positional().required();
    private static final Option<String> TARGET = Option.text("target", "COL", "the column to predict").required();
    private static final Option<Long> SEED = Option.whole("seed", 42, 0, "the seed");
    private static final Option<Double> GAP = Option.share("max-gap", 0.1, false, "the largest gap");
    private static final Option<Boolean> WAIT = Option.flag("wait", "wait for it");
    private static final Option<String> MODE = Option.choice("mode", List.of("auto", "none"), s -> s, "auto", "how");
    private static final Option<String> EXPERIMENT = Option.text("exp_NNN", "DEFINITION", "an experiment")
            .namedLike("exp_\\d{3}");
    private static final StageSpec SPEC = StageSpec.named("demo_stage", "A stage for tests")
            .options(PATH, TARGET, SEED, GAP, WAIT, MODE, EXPERIMENT).withBody();
    private static final FrontEnd NOTEBOOK = FrontEnd.notebook(n -> Optional.of(SPEC));
    private static final FrontEnd JSHELL = FrontEnd.jshell(n -> Optional.of(SPEC));

    private static Options line(String... words) {
        return Arguments.parse(SPEC, List.of(words), null, NOTEBOOK);
    }

    private static StageProblem refused(Runnable parse) {
        return assertThrows(StageProblem.class, parse::run);
    }

    @Test
    void flagsValuesAndBareWordsBecomeTypedValues() {
        Options o = line("cars.csv", "--target", "mpg", "--seed", "7", "--wait", "--max_gap", "0.2", "--mode", "NONE");
        assertEquals("cars.csv", o.get(PATH));
        assertEquals("mpg", o.get(TARGET));
        assertEquals(7L, o.get(SEED));
        assertEquals(0.2, o.get(GAP));
        assertTrue(o.get(WAIT));
        assertEquals("none", o.get(MODE));
        assertTrue(o.has(SEED));
    }

    @Test
    void anOptionNotGivenHasItsDefault() {
        Options o = line("cars.csv", "--target", "mpg");
        assertEquals(42L, o.get(SEED));
        assertFalse(o.get(WAIT));
        assertFalse(o.has(SEED));
    }

    @Test
    void aCellBodyGivesOptionsAsNameValueLinesAndPatternNamesKeepTheirOwnName() {
        Options o = Arguments.parse(SPEC, List.of("cars.csv"), "target: mpg\n# a comment\n\nexp_007: forest trees=3\n"
                + "exp_008: linear", NOTEBOOK);
        assertEquals("mpg", o.get(TARGET));
        assertEquals(Map.of("exp_007", "forest trees=3", "exp_008", "linear"), o.named(EXPERIMENT));
    }

    @Test
    void anUnknownOptionIsAnsweredWithTheNearestDeclaredNames() {
        StageProblem p = refused(() -> line("cars.csv", "--target", "mpg", "--sed", "7"));
        assertEquals(Status.BLOCKED, p.status());
        assertTrue(p.getMessage().startsWith("%demo_stage has no option --sed; the nearest are --seed,"), p.getMessage());
    }

    @Test
    void aMissingRequiredOptionNeedsContextAndShowsTheUsage() {
        StageProblem p = refused(() -> line("cars.csv"));
        assertEquals(Status.NEEDS_CONTEXT, p.status());
        assertEquals("%demo_stage needs --target COL: the column to predict; for example %demo_stage PATH --target COL.",
                p.getMessage());
    }

    @Test
    void eachBadInputIsOneSentenceNamingTheOption() {
        assertEquals("--seed x is not a whole number; give one such as 42.",
                refused(() -> line("a.csv", "--target", "t", "--seed", "x")).getMessage());
        assertEquals("--max-gap 1.5 is not a share between 0 and 1; give one such as 0.1 (10%).",
                refused(() -> line("a.csv", "--target", "t", "--max-gap", "1.5")).getMessage());
        assertEquals("--mode some is not a choice here; use one of auto, none.",
                refused(() -> line("a.csv", "--target", "t", "--mode", "some")).getMessage());
        assertEquals("%demo_stage needs a value after --seed; write it as --seed N.",
                refused(() -> line("a.csv", "--target", "t", "--seed")).getMessage());
        assertEquals("%demo_stage was given --seed twice (7 and 8), which contradict each other; keep one.",
                refused(() -> line("a.csv", "--target", "t", "--seed", "7", "--seed", "8")).getMessage());
        assertTrue(refused(() -> line("a.csv", "b.csv", "--target", "t")).getMessage()
                .contains("was given b.csv"), "a second bare word has no place");
        assertEquals("Line 1 of the %%demo_stage body (seed 7) is not name: value; write each option on its own line "
                + "as name: value.", refused(() -> Arguments.parse(SPEC, List.of("a.csv", "--target", "t"), "seed 7",
                NOTEBOOK)).getMessage());
    }

    @Test
    void jshellTakesTheRequiredOptionsFirstThenPairsAndNamesOptionsItsOwnWay() {
        Options o = Arguments.jshell(SPEC, List.of("cars.csv", "mpg", "seed", "7", "wait"), JSHELL);
        assertEquals("cars.csv", o.get(PATH));
        assertEquals("mpg", o.get(TARGET));
        assertEquals(7L, o.get(SEED));
        assertTrue(o.get(WAIT));
        assertTrue(refused(() -> Arguments.jshell(SPEC, List.of("a.csv", "t", "sed", "7"), JSHELL)).getMessage()
                .startsWith("demoStage() has no option \"sed\"; the nearest are \"seed\","));
        assertEquals("demoStage() needs a value after \"seed\"; give it as \"seed\", \"N\".",
                refused(() -> Arguments.jshell(SPEC, List.of("a.csv", "t", "seed"), JSHELL)).getMessage());
    }

    @Test
    void callsAreWrittenForTheReadersFrontEnd() {
        assertEquals("%demo_stage PATH --target COL", NOTEBOOK.usage("demo_stage"));
        assertEquals("demoStage(\"PATH\", \"COL\")", JSHELL.usage("demo_stage"));
        assertEquals("demoStage(\"cars.csv\", \"mpg\", \"wait\")",
                JSHELL.call("demo_stage", "cars.csv", "--target", "mpg", "--wait"));
        assertEquals("%demo_stage --wait", NOTEBOOK.call("demo_stage", "--wait"));
        assertEquals("demoStage()", JSHELL.stage("demo_stage"));
    }
}
