package org.sealbook.toolkit.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.plan.Experiment;

/**
 * What to try for a cause, written as a cell the reader can run in their front end ({@code %sweep ...} in a
 * notebook, {@code sweep(...)} in JShell), with values computed from the run's own settings. For a log from
 * elsewhere there is no Sealbook experiment to change, so each try is an instruction in words instead.
 */
final class Tries {
    private final FrontEnd names;
    private final Map<String, Experiment> experiments;
    private final String dataFile;
    private final String target;

    private Tries(FrontEnd names, Map<String, Experiment> experiments, String dataFile, String target) {
        this.names = names;
        this.experiments = experiments;
        this.dataFile = dataFile;
        this.target = target;
    }

    /** Tries for a sealed batch: cells over its experiments ({@code dataFile}, {@code target} from the check). */
    static Tries forBatch(FrontEnd names, Map<String, Experiment> experiments, String dataFile, String target) {
        return new Tries(names, Map.copyOf(experiments), dataFile, target);
    }

    /** Tries for a log from elsewhere: instructions in words. */
    static Tries forLog() {
        return new Tries(null, Map.of(), null, null);
    }

    boolean cells() {
        return names != null;
    }

    /** A search over learning rates below the run's: from a hundredth to half of it. */
    String lowerLearningRate(String run, double current) {
        double rate = Double.isFinite(current) && current > 0 ? current : learningRate(run);
        if (!Double.isFinite(rate)) {
            return cells() ? sweepLearningRate(run, "log(0.0001, 0.01)")
                    : "train again with a smaller learning rate, say a tenth of the one used";
        }
        String range = "log(" + Numbers.number(rate / 100) + ", " + Numbers.number(rate / 2) + ")";
        return cells() ? sweepLearningRate(run, range)
                : "train again with learning rates from " + Numbers.number(rate / 100) + " to "
                + Numbers.number(rate / 2) + " (the run used " + Numbers.number(rate) + ")";
    }

    /**
     * A sweep over {@code range} of learning rates with the run's other settings fixed, on one line:
     * {@code %sweep --family mlp --epochs 50 --hidden '"64,32"' --learning_rate "log(0.0001, 0.01)"}. A value with a
     * comma is quoted inside, so the sweep reads it as one fixed value, not a list of choices.
     */
    private String sweepLearningRate(String run, String range) {
        Experiment e = experiments.get(run);
        List<String> words = new ArrayList<>();
        if (e != null) {
            words.add("--family");
            words.add(e.family().label());
            e.params().forEach((setting, value) -> {
                // the MLP's own early_stopping reads as the sweep's early-stopping option, so it keeps its default
                if (!setting.equals("learning_rate") && !setting.equals("early_stopping")) {
                    String text = String.valueOf(value);
                    words.add("--" + setting);
                    words.add(text.contains(",") ? (names.isNotebook() ? "'\"" + text + "\"'" : "\"" + text + "\"")
                            : text);
                }
            });
        }
        words.add("--learning_rate");
        words.add(quoted(range));
        return names.call("sweep", words.toArray(String[]::new));
    }

    /** The same experiment with half its size: narrower layers, shallower trees. */
    String smaller(String run) {
        Experiment e = experiments.get(run);
        if (!cells() || e == null) {
            return "train a smaller model: about half the layers' widths, or trees half as deep";
        }
        return switch (e.family()) {
            case MLP -> design(e, "hidden=" + scaled(e, 0.5));
            case RANDOM_FOREST, GRADIENT_BOOSTING -> design(e, "max_depth=" + Math.max(1, whole(e, "max_depth", 6) / 2));
            default -> moreRows();
        };
    }

    /** The same experiment with twice its size, or a tree ensemble in place of a straight line. */
    String bigger(String run) {
        Experiment e = experiments.get(run);
        if (!cells() || e == null) {
            return "train a bigger model: about twice the layers' widths, or deeper trees";
        }
        return switch (e.family()) {
            case MLP -> design(e, "hidden=" + scaled(e, 2));
            case RANDOM_FOREST, GRADIENT_BOOSTING -> design(e, "max_depth=" + (whole(e, "max_depth", 6) + 2));
            default -> names.call("design_experiments", "--" + nextId(), quoted("gradient_boosting trees=100 max_depth=3"));
        };
    }

    /** The same experiment trained for {@code steps} steps (epochs or trees). */
    String steps(String run, long steps) {
        Experiment e = experiments.get(run);
        String key = e == null ? null : switch (e.family()) {
            case MLP -> "epochs";
            case GRADIENT_BOOSTING, RANDOM_FOREST -> "trees"; // a tree ensemble's step is its trees so far
            default -> null;
        };
        if (!cells() || key == null) {
            return "train for " + Numbers.count(steps, "step") + " (epochs or rounds)";
        }
        return design(e, key + "=" + Math.max(1, steps));
    }

    /** The hypothesis again with another split. */
    String split(String strategy) {
        return cells() ? names.call("hypothesize", "--split", strategy)
                : "split the rows " + strategy + " before training again";
    }

    /** The hypothesis again with another seed, so the rows are dealt again. */
    String reseed(long seed) {
        return cells() ? names.call("hypothesize", "--seed", String.valueOf(seed))
                : "deal the rows into training and validation again with another seed";
    }

    /** The hypothesis again without {@code column}. */
    String exclude(String column) {
        return cells() ? names.call("hypothesize", "--exclude", column) : "train again without the column " + column;
    }

    /** More rows: the data check again on a bigger file. */
    String moreRows() {
        return cells() && dataFile != null ? "add rows to " + dataFile + ", then " + names.call("data_check", dataFile,
                "--target", target) : "train on more rows";
    }

    /** The learning rate the run's experiment set, NaN when none. */
    double learningRate(String run) {
        Experiment e = experiments.get(run);
        return e != null && e.params().get("learning_rate") instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The run's experiment, if this is a batch's. */
    Experiment experiment(String run) {
        return experiments.get(run);
    }

    private String design(Experiment e, String change) {
        return names.call("design_experiments", "--" + nextId(), quoted(e.family().label() + " parent=" + e.id()
                + " " + change));
    }

    /** Words with spaces: quoted on a magic's line, one string already in JShell. */
    private String quoted(String words) {
        return names.isNotebook() ? "\"" + words + "\"" : words;
    }

    /** The id after the plan's highest, so the new experiment adds to the batch instead of replacing one. */
    private String nextId() {
        int highest = experiments.keySet().stream().filter(id -> id.matches("exp_\\d+"))
                .mapToInt(id -> Integer.parseInt(id.substring(4))).max().orElse(0);
        return String.format("exp_%03d", highest + 1);
    }

    private static String scaled(Experiment e, double factor) {
        List<String> widths = new ArrayList<>();
        Object hidden = e.params().get("hidden");
        for (String w : String.valueOf(hidden == null ? "32" : hidden).split("\\s*,\\s*")) {
            widths.add(String.valueOf(Math.max(1, Math.round(Integer.parseInt(w.strip()) * factor))));
        }
        return String.join(",", widths);
    }

    private static int whole(Experiment e, String key, int fallback) {
        return e.params().get(key) instanceof Integer i ? i : fallback;
    }

    static boolean learnsWithSteps(Family family) {
        return family == Family.MLP || family == Family.GRADIENT_BOOSTING;
    }
}
