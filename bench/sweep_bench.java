// Benchmark of the sweep engine (toolkit/.../sweep): a search over gradient boosting's learning rate and depth,
// (a) with ASHA stopping trials early, (b) the same trials' settings trained to the end, on one data set and one
// split; prints one JSON line per trial and a summary per side. The Optuna side is sweep_optuna.py; sweep_bench.sh
// runs both and compares. Single-file program, run from the project root with the toolkit on the class path:
//
//   java -cp CP bench/sweep_bench.java CSV TARGET SPLIT_OUT [--trials N] [--max-rounds R] [--min-rounds M]
//        [--eta E] [--sampler random|bayesian] [--seed S]
//
// The split is the toolkit's stratified 70/15/15 split (hypothesis.Splitter, seed 42); the train and validation row
// indices are written to SPLIT_OUT (JSON) so the peer trains and scores on the same rows. A trial's score is the
// negated validation log loss (higher is better), the number the listener reports after each boosting round.
// Compute is counted in boosting rounds (one round = one tree per class). A benchmark, not a test.

import com.google.gson.Gson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.hypothesis.Ratios;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import org.sealbook.toolkit.hypothesis.Splits;
import org.sealbook.toolkit.hypothesis.Splitter;
import org.sealbook.toolkit.models.BoostingModel;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.TrainingListener;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.sweep.Asha;
import org.sealbook.toolkit.sweep.Observation;
import org.sealbook.toolkit.sweep.Sampler;
import org.sealbook.toolkit.sweep.SearchSpace;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

public class SweepBenchMain {
    private static final Gson GSON = new Gson();

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        int trials = 30;
        int maxRounds = 100;
        int eta = 3;
        int minRounds = 1;
        String strategy = "bayesian";
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--max-rounds" -> maxRounds = Integer.parseInt(args[++i]);
                case "--eta" -> eta = Integer.parseInt(args[++i]);
                case "--min-rounds" -> minRounds = Integer.parseInt(args[++i]);
                case "--sampler" -> strategy = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() != 3) {
            System.err.println("usage: sweep_bench.java CSV TARGET SPLIT_OUT [--trials N] [--max-rounds R]"
                    + " [--min-rounds M] [--eta E] [--sampler random|bayesian] [--seed S]");
            System.exit(2);
        }
        Path csv = Path.of(positional.get(0));
        String target = positional.get(1);
        Table table = DataLoader.create().load(csv).table();
        Splits splits = Splitter.split(table, target, "classification", SplitStrategy.STRATIFIED, null, null,
                Ratios.DEFAULT, 42);
        Files.writeString(Path.of(positional.get(2)), GSON.toJson(Map.of("train", splits.train(),
                "validation", splits.validation())));
        Prepared[] data = prepare(table, target, splits);

        Map<String, org.sealbook.toolkit.sweep.Range> ranges = new LinkedHashMap<>();
        ranges.put("learning_rate", SearchSpace.parseRange("learning_rate", "log(0.01, 0.3)"));
        ranges.put("max_depth", SearchSpace.parseRange("max_depth", "int(2, 6)"));
        SearchSpace space = SearchSpace.of(ranges);
        Sampler sampler = Sampler.of(strategy, space, seed);
        Asha asha = new Asha(minRounds, maxRounds, eta);
        print(Map.of("kind", "setup", "train_rows", data[0].rows(), "validation_rows", data[1].rows(),
                "features", data[0].features().size(), "classes", data[0].classes().size(), "rungs", asha.rungs(),
                "sampler", strategy, "trials", trials, "max_rounds", maxRounds));

        // Warm the JIT on one short fit outside the timing, as the peer has imported and run scikit-learn before.
        new BoostingModel(Map.of("trees", 5, "max_depth", 3), 1).fit(data[0], data[1], (d, t, m) -> true);

        // (a) ASHA: each trial stops when Asha says so at a rung.
        List<Observation> history = new ArrayList<>();
        List<Map<String, Object>> settings = new ArrayList<>();
        long ashaRounds = 0;
        long start = System.nanoTime();
        for (int t = 0; t < trials; t++) {
            Map<String, Object> params = sampler.next(history).orElseThrow();
            String trial = "trial_" + t;
            double[] last = {Double.NaN};
            Model model = model(params, maxRounds);
            model.fit(data[0], data[1], (done, total, metrics) -> {
                last[0] = -metrics.get("val_loss");
                return asha.goOn(trial, done, last[0]);
            });
            boolean complete = model.stepsDone() == maxRounds;
            history.add(new Observation(params, last[0], complete));
            settings.add(params);
            ashaRounds += model.stepsDone();
            print(Map.of("kind", "trial", "side", "asha", "trial", t, "params", params, "rounds", model.stepsDone(),
                    "val_loss", -last[0], "complete", complete));
        }
        double ashaSeconds = (System.nanoTime() - start) / 1e9;
        summary("asha", history, ashaRounds, ashaSeconds, data, maxRounds);

        // (b) the same settings, every trial trained to the end.
        List<Observation> full = new ArrayList<>();
        long fullRounds = 0;
        start = System.nanoTime();
        for (int t = 0; t < settings.size(); t++) {
            double[] last = {Double.NaN};
            Model model = model(settings.get(t), maxRounds);
            model.fit(data[0], data[1], (done, total, metrics) -> {
                last[0] = -metrics.get("val_loss");
                return true;
            });
            full.add(new Observation(settings.get(t), last[0], true));
            fullRounds += model.stepsDone();
            print(Map.of("kind", "trial", "side", "full", "trial", t, "params", settings.get(t),
                    "rounds", model.stepsDone(), "val_loss", -last[0], "complete", true));
        }
        summary("full", full, fullRounds, (System.nanoTime() - start) / 1e9, data, maxRounds);
    }

    private static Model model(Map<String, Object> params, int rounds) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("trees", rounds);
        return new BoostingModel(all, 42);
    }

    /**
     * Best validation log loss among the trials trained to the last round, and among all, with the compute; and the
     * standard error of the best one's mean (its model refitted outside the timing), the resolution of the figure.
     */
    private static void summary(String side, List<Observation> trials, long rounds, double seconds, Prepared[] data,
            int maxRounds) {
        Observation best = null;
        Observation bestAny = null;
        for (Observation o : trials) {
            if (o.complete() && (best == null || o.score() > best.score())) {
                best = o;
            }
            if (bestAny == null || o.score() > bestAny.score()) {
                bestAny = o;
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "summary");
        line.put("side", side);
        line.put("rounds", rounds);
        line.put("seconds", seconds);
        line.put("complete_trials", trials.stream().filter(Observation::complete).count());
        line.put("best_val_loss", best == null ? null : -best.score());
        line.put("best_params", best == null ? null : best.params());
        line.put("best_val_loss_any", -bestAny.score());
        line.put("best_val_loss_se", best == null ? null : standardError(model(best.params(), maxRounds), data));
        print(line);
    }

    /** The standard error of the mean validation log loss of {@code model} fitted on the training rows. */
    private static double standardError(Model model, Prepared[] data) {
        model.fit(data[0], data[1], TrainingListener.NONE);
        double[][] p = model.predict(data[1].x());
        int n = data[1].rows();
        double[] loss = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            loss[i] = -Math.log(Math.max(p[i][data[1].labels()[i]], 1e-15));
            mean += loss[i] / n;
        }
        double squares = 0;
        for (double l : loss) {
            squares += (l - mean) * (l - mean);
        }
        return Math.sqrt(squares / (n - 1) / n);
    }

    /** Train and validation rows; every other column a number feature, classes in sorted order. */
    private static Prepared[] prepare(Table table, String target, Splits splits) {
        List<String> features = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            if (!column.name().equals(target)) {
                features.add(column.name());
            }
        }
        Column<?> y = table.column(target);
        TreeSet<String> levels = new TreeSet<>();
        for (int r = 0; r < table.rowCount(); r++) {
            levels.add(y.getString(r));
        }
        List<String> classes = List.copyOf(levels);
        Prepared[] out = new Prepared[2];
        int[][] parts = {splits.train(), splits.validation()};
        for (int p = 0; p < 2; p++) {
            int[] rows = parts[p];
            double[][] x = new double[rows.length][features.size()];
            int[] labels = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                for (int f = 0; f < features.size(); f++) {
                    x[i][f] = ((NumberColumn<?, ?>) table.column(features.get(f))).getDouble(rows[i]);
                }
                labels[i] = classes.indexOf(y.getString(rows[i]));
            }
            out[p] = Prepared.classification(features, x, labels, classes);
        }
        return out;
    }

    private static void print(Map<String, Object> line) {
        System.out.println(GSON.toJson(line));
        System.out.flush();
    }
}
