package org.sealbook.toolkit.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Metric;

/**
 * The default plan: a baseline, then each allowed family from simple to flexible, within the contract's bounds.
 * Ridge (for regression) and the two tree ensembles get one follow-up that changes a single setting, so its result
 * answers one question. Usage: {@code Plan plan = Ladder.propose(contract, 569, "batch_1")}.
 *
 * <p>Estimated seconds are rough (easily off by a factor of ten on another machine): one second to start plus
 * rows x features x a cost per cell in microseconds: 0 for the baseline, 5 for linear, 0.1 x trees x depth for a
 * random forest, 0.2 x trees x depth for gradient boosting (its trees are grown one after another), and
 * 0.01 x epochs x parameters / features for an MLP. They serve to order work and check the budget, not to promise.
 */
public final class Ladder {
    private static final int SMALL_FOREST_TREES = 100;
    private static final int SMALL_FOREST_DEPTH = 8;
    private static final int DEEPER_FOREST_DEPTH = 12;
    private static final int BOOSTING_TREES = 200;
    private static final int BOOSTING_DEPTH = 3;
    // Fewer trees than this is not a fair try of an ensemble; the family is left out instead.
    private static final int FEWEST_TREES = 10;

    private Ladder() {
    }

    /** The default plan for {@code contract} on {@code rows} rows, named {@code batch}, within the default budget. */
    public static Plan propose(Contract contract, int rows, String batch) {
        if (contract == null) {
            throw new IllegalArgumentException("There is no contract to plan for; seal the hypothesis first.");
        }
        if (rows <= 0) {
            throw new IllegalArgumentException("A plan for " + rows + " rows would train on nothing; give the number "
                    + "of rows in the data, 1 or more.");
        }
        if (!(contract.practicalThreshold() >= 0 && contract.practicalThreshold() < 1)) {
            throw new IllegalArgumentException("The contract's practical threshold " + contract.practicalThreshold()
                    + " is not a share between 0 and 1; reseal the hypothesis with one such as 0.01.");
        }
        Steps steps = new Steps(contract, rows);
        boolean regression = contract.task().equals("regression");
        String guess = regression ? "always predicting the average of " + contract.target()
                : "guessing the most common answer";

        steps.add(null, Family.BASELINE, Map.of("strategy", regression ? "mean" : "most_frequent"), "baseline",
                "What score does " + guess + " get, the bar every other model must clear?");

        if (steps.allows(Family.LINEAR)) {
            Experiment linear = steps.add(null, Family.LINEAR, Map.of(), "new family",
                    "Do straight-line relationships between the columns and the answer already beat " + guess + "?");
            if (regression) {
                steps.add(linear, Family.LINEAR, Map.of("l2", 1.0), "Adds l2 = 1.0, making it ridge regression.",
                        "Does pulling the straight-line weights gently towards zero (ridge), so no single column "
                                + "dominates, predict unseen rows better?");
            }
        }

        long treeBound = contract.maxTreesTimesDepth();
        int forestTrees = fittingTrees(SMALL_FOREST_TREES, SMALL_FOREST_DEPTH, treeBound);
        if (steps.allows(Family.RANDOM_FOREST) && forestTrees > 0) {
            Experiment forest = steps.add(null, Family.RANDOM_FOREST,
                    Map.of("trees", forestTrees, "max_depth", SMALL_FOREST_DEPTH), "new family",
                    "Do " + forestTrees + " decision trees, each a chain of yes/no questions about the columns, "
                            + "voting together (a random forest), beat " + guess + "?");
            if ((long) forestTrees * 2 * SMALL_FOREST_DEPTH <= treeBound) {
                steps.add(forest, Family.RANDOM_FOREST,
                        Map.of("trees", forestTrees * 2, "max_depth", SMALL_FOREST_DEPTH),
                        "Sets trees from " + forestTrees + " to " + forestTrees * 2 + ".",
                        "Does doubling the forest to " + forestTrees * 2 + " trees make its vote steadier and its "
                                + "score better?");
            } else if ((long) forestTrees * DEEPER_FOREST_DEPTH <= treeBound) {
                steps.add(forest, Family.RANDOM_FOREST,
                        Map.of("trees", forestTrees, "max_depth", DEEPER_FOREST_DEPTH),
                        "Sets max_depth from " + SMALL_FOREST_DEPTH + " to " + DEEPER_FOREST_DEPTH + ".",
                        "Do deeper trees (up to " + DEEPER_FOREST_DEPTH + " questions per row instead of "
                                + SMALL_FOREST_DEPTH + ") find finer patterns, or only memorise the training rows?");
            }
        }

        int boostingTrees = fittingTrees(BOOSTING_TREES, BOOSTING_DEPTH, treeBound);
        if (steps.allows(Family.GRADIENT_BOOSTING) && boostingTrees > 0) {
            Map<String, Object> boosting = Map.of("trees", boostingTrees, "max_depth", BOOSTING_DEPTH,
                    "learning_rate", 0.1);
            Experiment boosted = steps.add(null, Family.GRADIENT_BOOSTING, boosting, "new family",
                    "Do small trees grown one after another, each correcting the mistakes of those before it "
                            + "(gradient boosting), beat " + guess + "?");
            Map<String, Object> changed = new LinkedHashMap<>(boosting);
            if ((long) boostingTrees * 2 * BOOSTING_DEPTH <= treeBound) {
                changed.put("trees", boostingTrees * 2);
                steps.add(boosted, Family.GRADIENT_BOOSTING, changed,
                        "Sets trees from " + boostingTrees + " to " + boostingTrees * 2 + ".",
                        "Do " + boostingTrees * 2 + " correcting rounds instead of " + boostingTrees
                                + " keep improving the score, or start memorising the training rows?");
            } else {
                // Smaller steps cost no size, so they fit whenever the first try did.
                changed.put("learning_rate", 0.05);
                steps.add(boosted, Family.GRADIENT_BOOSTING, changed, "Sets learning_rate from 0.1 to 0.05.",
                        "Do smaller correcting steps (learning rate 0.05 instead of 0.1) give a steadier model "
                                + "with the same " + boostingTrees + " trees?");
            }
        }

        if (steps.allows(Family.MLP)) {
            Experiment network = steps.draft(null, Family.MLP,
                    Map.of("hidden", "64,32", "epochs", 50, "learning_rate", 0.001), "new family",
                    "Does a small neural network (two layers of 64 and 32 weighted sums that can bend straight "
                            + "lines into curves) beat " + guess + "?");
            if (network.complexity() <= contract.maxParameters()) {
                steps.keep(network);
            }
        }
        return new Plan(batch, steps.experiments, Budget.DEFAULT);
    }

    /** {@code wanted} trees if they fit the bound at this depth, else as many as fit, else 0 when too few fit. */
    private static int fittingTrees(int wanted, int depth, long bound) {
        long fit = Math.min(wanted, bound / depth);
        return fit >= FEWEST_TREES ? (int) fit : 0;
    }

    /**
     * A rough time for one experiment on {@code rows} rows: 1 s plus rows x features x a cost per cell that grows with
     * the family's size. It can easily be off by a factor of ten; it exists to catch plans far over the budget.
     */
    public static double estimateSeconds(Experiment e, int rows) {
        int features = Math.max(1, e.features().size());
        double microsPerCell = switch (e.family()) {
            case BASELINE -> 0;
            case LINEAR -> 5;
            case RANDOM_FOREST -> 0.1 * e.complexity();
            case GRADIENT_BOOSTING -> 0.2 * e.complexity();
            case MLP -> 0.01 * (e.params().get("epochs") instanceof Number n ? n.doubleValue() : 50) * e.complexity() / features;
        };
        double seconds = 1 + (double) rows * features * microsPerCell / 1e6;
        return Math.round(seconds * 10) / 10.0;
    }

    /** Numbers the experiments and gives each the contract's features, rules and a time estimate. */
    private static final class Steps {
        private final Contract contract;
        private final int rows;
        private final Criterion success;
        private final Criterion failure;
        private final Criterion baselineSuccess;
        private final List<Experiment> experiments = new ArrayList<>();

        Steps(Contract contract, int rows) {
            this.contract = contract;
            this.rows = rows;
            Metric primary = contract.primary();
            String score = "val_" + primary.label();
            BigDecimal threshold = BigDecimal.valueOf(contract.practicalThreshold());
            String better = primary.higherIsBetter() ? " >= " : " <= ";
            // R2's baseline sits near 0, where a relative step means nothing, so R2 steps up by the threshold itself.
            String bar = primary == Metric.R2 ? "baseline + " + threshold.toPlainString()
                    : "baseline * " + (primary.higherIsBetter() ? BigDecimal.ONE.add(threshold)
                    : BigDecimal.ONE.subtract(threshold)).toPlainString();
            this.success = Criterion.parse(score + better + bar);
            this.failure = Criterion.parse(score + (primary.higherIsBetter() ? " < " : " > ") + "baseline");
            // The baseline sets the bar, so its own success rule holds by definition.
            this.baselineSuccess = Criterion.parse(score + better + "baseline");
        }

        boolean allows(Family family) {
            return contract.families().contains(family);
        }

        Experiment add(Experiment parent, Family family, Map<String, Object> params, String change, String question) {
            return keep(draft(parent, family, params, change, question));
        }

        Experiment draft(Experiment parent, Family family, Map<String, Object> params, String change,
                         String question) {
            Experiment sized = new Experiment(String.format("exp_%03d", experiments.size()),
                    parent == null ? null : parent.id(), family, params, contract.features(), change, question,
                    family == Family.BASELINE ? baselineSuccess : success, failure, 0);
            return new Experiment(sized.id(), sized.parent(), family, sized.params(), sized.features(), change,
                    question, sized.success(), failure, estimatedSeconds(sized));
        }

        Experiment keep(Experiment experiment) {
            experiments.add(experiment);
            return experiment;
        }

        private double estimatedSeconds(Experiment e) {
            return estimateSeconds(e, rows);
        }
    }
}
