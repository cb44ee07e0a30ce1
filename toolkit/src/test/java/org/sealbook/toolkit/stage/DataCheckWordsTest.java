package org.sealbook.toolkit.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Glossary;
import org.sealbook.toolkit.explain.Term;
import org.sealbook.toolkit.view.ConsoleView;
import org.sealbook.toolkit.workspace.Workspace;
import org.sealbook.toolkit.SharedData;

/** Every glossary word the stages print is defined, and defined once, where it is first used. */
class DataCheckWordsTest {
    @TempDir
    Path temp;

    @Test
    void everyTermTheStagePrintsIsInTheGlossaryAndGlossedOnceAtAUse() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConsoleView view = new ConsoleView(new PrintStream(printed, true, StandardCharsets.UTF_8), temp.resolve("fig"));
        // Explainer.term refuses a word the glossary lacks, so a stray word would fail these runs outright.
        Explainer explainer = Explainer.session();
        // cars: imputation, skew, outliers; breast cancer: leakage by AUC; wine: many outliers, classes
        String[][] runs = {{"cars.csv", "Miles_per_Gallon"}, {"breast_cancer.csv", "diagnosis"}, {"wine.csv", "cultivar"}};
        for (String[] run : runs) {
            Path file = Files.copy(SharedData.file(run[0]), temp.resolve(run[0]));
            DataCheckStage.of(file, run[1]).run(Workspace.open(temp.resolve("ws-" + run[0])), view, explainer);
        }
        // the stages after it, on the one data set whose check seals without a change
        Workspace wine = Workspace.open(temp.resolve("ws-wine.csv"));
        HypothesisStage.create().run(wine, view, explainer);
        DesignStage.create().run(wine, view, explainer);
        String out = printed.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
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
