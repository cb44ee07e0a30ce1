package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Glossary;
import org.sealbook.toolkit.explain.Term;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.SharedData;

/** Every glossary word the stages print is defined, and defined once, where it is first used. */
class DataCheckWordsTest {
    @TempDir
    Path temp;

    @Test
    void everyTermTheStagePrintsIsInTheGlossaryAndGlossedOnceAtAUse() throws Exception {
        // one session, so one explainer; Explainer.term refuses a word the glossary lacks, which ends its stage
        // BLOCKED, so every stage below must end on its own findings
        Sessions session = Sessions.in(temp);
        Explainer explainer = session.session().explainer();
        List<StageOutcome> outcomes = new ArrayList<>();
        // cars: imputation, skew, outliers; breast cancer: leakage by AUC; wine: many outliers, classes
        String[][] runs = {{"cars.csv", "Miles_per_Gallon"}, {"breast_cancer.csv", "diagnosis"}, {"wine.csv", "cultivar"}};
        for (String[] run : runs) {
            Files.copy(SharedData.file(run[0]), temp.resolve(run[0]));
            session.session().useWorkspace("ws-" + run[0]);
            outcomes.add(session.run("data_check", run[0], "--target", run[1]));
        }
        // the stages after it, on the one data set whose check seals without a change
        session.session().useWorkspace("ws-wine.csv");
        outcomes.add(session.run("hypothesize"));
        outcomes.add(session.run("design_experiments"));
        for (StageOutcome outcome : outcomes) {
            assertTrue(outcome.status() != Status.BLOCKED || outcome.sentence().startsWith("The data check found "),
                    "a stage ended on something other than its findings: " + outcome);
        }
        String out = session.raw().replaceAll("\\s+", " ");
        Glossary glossary = Glossary.standard();
        List<String> used = explainer.termsUsed();
        assertTrue(used.containsAll(List.of("target", "imputation", "outlier", "leakage", "AUC", "skew", "training set",
                "validation set", "test set", "overfitting", "baseline", "experiment", "hyperparameter")), used.toString());
        for (String name : used) {
            Term term = glossary.find(name).orElseThrow();
            String gloss = " (" + term.gloss() + ")";
            int at = out.indexOf(gloss);
            assertTrue(at > 0, name + " was used but never defined");
            assertEquals(at, out.lastIndexOf(gloss), name + " was defined more than once");
            assertTrue(namesTermBefore(out.substring(0, at), term, glossary),
                    "the definition of " + name + " does not follow the word: ..." + out.substring(Math.max(0, at - 40), at));
        }
    }

    /** Whether the last one to four words before the definition name the term, in any form the glossary knows. */
    private static boolean namesTermBefore(String before, Term term, Glossary glossary) {
        String[] words = before.strip().split(" ");
        for (int n = 1; n <= Math.min(4, words.length); n++) {
            String phrase = String.join(" ", Arrays.copyOfRange(words, words.length - n, words.length));
            Optional<Term> found = glossary.find(phrase);
            if (found.isPresent() && found.get().equals(term)) {
                return true;
            }
        }
        return false;
    }
}
