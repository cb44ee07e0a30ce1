// Benchmark of the toolkit's model families (ForestModel, BoostingModel, LinearModel, MlpModel) on the peers'
// 100k synthetic set, for comparison with the peers' train_sklearn.py and train_torch.py. Single-file program;
// run from the project root with the built jars on the class path:
//
//   java -cp '/tmp/benchlib/*' bench/train_bench.java CSV [--test-idx FILE] [--repeats N]
//        [--models rf,gbm,logreg,mlp] [--mlp-threads N] [--rf-max-depth D]
//
// The same split and features as the peers' prep.py: test rows from CSV minus .csv + .test_idx.txt (0-based data
// rows, written by prep.py), the others train; f00..f19 with NaN replaced by the train rows' median, cat_low one-hot
// over its sorted levels, cat_high -> its number (h042 -> 42): 26 features. The logistic regression and the MLP get
// them standardized with the train mean and (population) standard deviation, as StandardScaler / train_torch.py.
//
// Prints JSON lines: {"kind":"features",...} (sums per feature column, train and test, so the caller can compare
// with prep.py), one {"kind":"repeat",...} per fit (fit and predict seconds, accuracy, AUC; the MLP adds its
// per-epoch seconds from the listener), then one {"kind":"summary",...} per model with median/min/max.
// Each repeat is a fresh model with the same seed (42), as the peers' random_state=42. A benchmark, not a test: it
// asserts nothing.

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.models.BoostingModel;
import org.sealbook.toolkit.models.ForestModel;
import org.sealbook.toolkit.models.LinearModel;
import org.sealbook.toolkit.models.MlpModel;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.models.TrainingListener;
import org.sealbook.toolkit.prepare.Prepared;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

public class TrainBenchMain {
    private static final Gson GSON = new Gson();
    private static final long SEED = 42;
    private static final List<String> CLASSES = List.of("0", "1");

    public static void main(String[] args) throws Exception {
        Path csv = null;
        Path testIdx = null;
        int repeats = 3;
        List<String> models = List.of("rf", "gbm", "logreg", "mlp");
        String mlpThreads = null;
        int rfMaxDepth = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--test-idx" -> testIdx = Path.of(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--models" -> models = List.of(args[++i].split(","));
                case "--mlp-threads" -> mlpThreads = args[++i];
                case "--rf-max-depth" -> rfMaxDepth = Integer.parseInt(args[++i]);
                default -> csv = Path.of(args[i]);
            }
        }
        if (csv == null) {
            System.err.println("usage: train_bench.java CSV [--test-idx FILE] [--repeats N] [--models rf,gbm,logreg,mlp]"
                    + " [--mlp-threads N] [--rf-max-depth D]");
            System.exit(2);
        }
        if (testIdx == null) {
            String name = csv.getFileName().toString();
            testIdx = csv.resolveSibling(name.replaceFirst("\\.csv$", "") + ".test_idx.txt");
        }
        // MlpModel reads this once, when PyTorch loads, and keeps a caller's choice (its own default is 1 thread).
        if (mlpThreads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", mlpThreads);
        }

        long t0 = System.nanoTime();
        Table table = DataLoader.create().load(csv).table();
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        Data data = prepare(table, testIdx);
        double prepSeconds = (System.nanoTime() - t0) / 1e9 - readSeconds;

        JsonObject f = new JsonObject();
        f.addProperty("kind", "features");
        f.addProperty("file", csv.toString());
        f.addProperty("test_idx", testIdx.toString());
        f.addProperty("train_rows", data.trainX.length);
        f.addProperty("test_rows", data.testX.length);
        f.add("names", GSON.toJsonTree(data.names));
        f.add("train_sums", GSON.toJsonTree(columnSums(data.trainX)));
        f.add("test_sums", GSON.toJsonTree(columnSums(data.testX)));
        f.addProperty("train_label_sum", Arrays.stream(data.trainY).sum());
        f.addProperty("test_label_sum", Arrays.stream(data.testY).sum());
        f.addProperty("read_s", readSeconds);
        f.addProperty("prep_s", prepSeconds);
        System.out.println(GSON.toJson(f));

        Prepared train = Prepared.classification(data.names, data.trainX, data.trainY, CLASSES);
        Prepared test = Prepared.classification(data.names, data.testX, data.testY, CLASSES);
        double[][][] scaled = standardize(data.trainX, data.testX);
        Prepared trainScaled = Prepared.classification(data.names, scaled[0], data.trainY, CLASSES);
        Prepared testScaled = Prepared.classification(data.names, scaled[1], data.testY, CLASSES);

        for (String model : models) {
            switch (model) {
                // sklearn RandomForestClassifier(100): no depth limit, min_samples_leaf 1, sqrt(p) features per
                // split, bootstrap of n rows. ForestModel fixes the last three the same way (on 255 bins per
                // feature where sklearn splits on exact values); depth needs a number.
                case "rf" -> run("rf", Map.of("trees", 100, "max_depth", rfMaxDepth), repeats, train, null, test,
                        p -> new ForestModel(p, SEED));
                // HistGradientBoosting(max_iter=100, lr 0.1, max_leaf_nodes 31, min_samples_leaf 20, 255 bins):
                // BoostingModel has the same leaf size and bins but grows level by level to a depth, and depth 5
                // allows at most 32 leaves.
                case "gbm" -> run("gbm", Map.of("trees", 100, "max_depth", 5, "learning_rate", 0.1), repeats, train,
                        null, test, p -> new BoostingModel(p, SEED));
                // StandardScaler + LogisticRegression(C=1): Smile's lambda = 1/C on the standardized features.
                case "logreg" -> run("logreg", Map.of("l2", 1.0), repeats, trainScaled, null, testScaled,
                        p -> new LinearModel(p, SEED));
                case "mlp" -> mlp(repeats, trainScaled, testScaled);
                default -> throw new IllegalArgumentException("unknown model " + model + "; use rf, gbm, logreg, mlp");
            }
        }
    }

    interface Factory {
        Model make(Map<String, Object> params);
    }

    /** Fits a fresh model per repeat; validation (null here) is what the family watches, as the peers watch none. */
    static void run(String name, Map<String, Object> params, int repeats, Prepared train, Prepared validation,
                    Prepared test, Factory factory) {
        double[] fits = new double[repeats];
        double[] predicts = new double[repeats];
        double[] accs = new double[repeats];
        double[] aucs = new double[repeats];
        long complexity = 0;
        for (int r = 0; r < repeats; r++) {
            System.gc(); // untimed: each fit starts without the previous model's garbage
            Model model = factory.make(params);
            long t0 = System.nanoTime();
            model.fit(train, validation, TrainingListener.NONE);
            long t1 = System.nanoTime();
            double[][] proba = model.predict(test.x());
            long t2 = System.nanoTime();
            fits[r] = (t1 - t0) / 1e9;
            predicts[r] = (t2 - t1) / 1e9;
            accs[r] = accuracy(test.labels(), proba);
            aucs[r] = auc(test.labels(), proba);
            complexity = model.complexity();
            JsonObject o = new JsonObject();
            o.addProperty("kind", "repeat");
            o.addProperty("model", name);
            o.addProperty("repeat", r);
            o.addProperty("fit_s", fits[r]);
            o.addProperty("predict_s", predicts[r]);
            o.addProperty("accuracy", accs[r]);
            o.addProperty("auc", aucs[r]);
            System.out.println(GSON.toJson(o));
        }
        JsonObject s = summary(name, params, repeats);
        s.add("fit_s", stats(fits));
        s.add("predict_s", stats(predicts));
        s.add("accuracy", stats(accs));
        s.add("auc", stats(aucs));
        s.addProperty("complexity", complexity);
        System.out.println(GSON.toJson(s));
    }

    /**
     * The MLP as train_torch.py's: 26 -> 64 -> 64 -> 2, ReLU, Adam 1e-3, batch 256, 5 epochs, standardized
     * features. MlpModel needs validation rows: the test rows (only watched; their loss is part of each epoch's
     * seconds). PyTorch is loaded before the first timed fit, as the peer imports torch before timing.
     */
    static void mlp(int repeats, Prepared train, Prepared test) {
        Map<String, Object> params = Map.of("hidden", "64,64", "epochs", 5, "learning_rate", 0.001, "batch_size", 256);
        long t0 = System.nanoTime();
        String device = new MlpModel(params, SEED).device();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        double[] epochMeans = new double[repeats];
        double[] firstEpochs = new double[repeats];
        double[] fits = new double[repeats];
        double[] predicts = new double[repeats];
        double[] accs = new double[repeats];
        double[] aucs = new double[repeats];
        double[] lastLoss = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            System.gc();
            List<Double> seconds = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            MlpModel model = new MlpModel(params, SEED);
            long a = System.nanoTime();
            model.fit(train, test, (done, total, metrics) -> {
                seconds.add(metrics.get("seconds"));
                losses.add(metrics.get("train_loss"));
                return true;
            });
            long b = System.nanoTime();
            double[][] proba = model.predict(test.x());
            long c = System.nanoTime();
            fits[r] = (b - a) / 1e9;
            predicts[r] = (c - b) / 1e9;
            epochMeans[r] = seconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            firstEpochs[r] = seconds.get(0);
            lastLoss[r] = losses.get(losses.size() - 1);
            accs[r] = accuracy(test.labels(), proba);
            aucs[r] = auc(test.labels(), proba);
            JsonObject o = new JsonObject();
            o.addProperty("kind", "repeat");
            o.addProperty("model", "mlp");
            o.addProperty("repeat", r);
            o.add("epoch_seconds", GSON.toJsonTree(seconds));
            o.addProperty("epoch_s", epochMeans[r]);
            o.addProperty("fit_s", fits[r]);
            o.addProperty("predict_s", predicts[r]);
            o.addProperty("accuracy", accs[r]);
            o.addProperty("auc", aucs[r]);
            o.addProperty("final_train_loss", lastLoss[r]);
            System.out.println(GSON.toJson(o));
        }
        JsonObject s = summary("mlp", params, repeats);
        s.addProperty("device", device);
        s.addProperty("num_threads", System.getProperty("ai.djl.pytorch.num_threads"));
        s.addProperty("pytorch_load_s", loadSeconds);
        s.add("epoch_s", stats(epochMeans));
        s.add("first_epoch_s", stats(firstEpochs));
        double[] rowsPerSecond = Arrays.stream(epochMeans).map(e -> train.rows() / e).toArray();
        s.add("samples_per_s", stats(rowsPerSecond));
        s.add("fit_s", stats(fits));
        s.add("predict_s", stats(predicts));
        s.add("accuracy", stats(accs));
        s.add("auc", stats(aucs));
        s.add("final_train_loss", stats(lastLoss));
        System.out.println(GSON.toJson(s));
    }

    static JsonObject summary(String name, Map<String, Object> params, int repeats) {
        JsonObject s = new JsonObject();
        s.addProperty("kind", "summary");
        s.addProperty("model", name);
        s.add("params", GSON.toJsonTree(new TreeMap<>(params)));
        s.addProperty("repeats", repeats);
        s.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        s.addProperty("java", System.getProperty("java.version"));
        s.addProperty("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        s.addProperty("date", ZonedDateTime.now().toString());
        return s;
    }

    // ---- The features, exactly as prep.py makes them. ----

    record Data(List<String> names, double[][] trainX, int[] trainY, double[][] testX, int[] testY) {
    }

    static Data prepare(Table table, Path testIdx) throws Exception {
        int n = table.rowCount();
        boolean[] isTest = new boolean[n];
        for (String line : Files.readAllLines(testIdx)) {
            if (!line.isBlank()) {
                isTest[(int) Long.parseLong(line.trim())] = true;
            }
        }
        int nTest = 0;
        for (boolean t : isTest) {
            nTest += t ? 1 : 0;
        }
        int nTrain = n - nTest;

        List<String> names = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
            String name = String.format("f%02d", j);
            double[] v = numbers(table.column(name));
            // np.nanmedian over the train rows: the middle value, or the mean of the two middle ones
            double[] known = new double[nTrain];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (!isTest[i] && !Double.isNaN(v[i])) {
                    known[k++] = v[i];
                }
            }
            known = Arrays.copyOf(known, k);
            Arrays.sort(known);
            double median = k % 2 == 1 ? known[k / 2] : (known[k / 2 - 1] + known[k / 2]) / 2;
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(v[i])) {
                    v[i] = median;
                }
            }
            names.add(name);
            columns.add(v);
        }
        Column<?> low = table.column("cat_low");
        TreeSet<String> levels = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            if (!low.isMissing(i)) {
                levels.add(low.getString(i));
            }
        }
        for (String level : levels) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = !low.isMissing(i) && low.getString(i).equals(level) ? 1 : 0;
            }
            names.add("cat_low=" + level);
            columns.add(v);
        }
        Column<?> high = table.column("cat_high");
        double[] code = new double[n];
        for (int i = 0; i < n; i++) {
            code[i] = Long.parseLong(high.getString(i).substring(1));
        }
        names.add("cat_high_code");
        columns.add(code);
        double[] target = numbers(table.column("target"));

        int p = columns.size();
        double[][] trainX = new double[nTrain][p];
        double[][] testX = new double[nTest][p];
        int[] trainY = new int[nTrain];
        int[] testY = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) { // ascending row order in both parts, as prep.py's sorted indices
            double[] row = isTest[i] ? testX[b] : trainX[a];
            for (int j = 0; j < p; j++) {
                row[j] = columns.get(j)[i];
            }
            if (isTest[i]) {
                testY[b++] = (int) target[i];
            } else {
                trainY[a++] = (int) target[i];
            }
        }
        return new Data(names, trainX, trainY, testX, testY);
    }

    /** A number column as doubles, NaN where missing; a text column parsed (an empty cell is missing). */
    static double[] numbers(Column<?> column) {
        double[] out = new double[column.size()];
        for (int i = 0; i < out.length; i++) {
            if (column.isMissing(i)) {
                out[i] = Double.NaN;
            } else if (column instanceof NumberColumn<?, ?> number) {
                out[i] = number.getDouble(i);
            } else {
                out[i] = Double.parseDouble(column.getString(i));
            }
        }
        return out;
    }

    /** (x - train mean) / train population sd, sd 0 taken as 1: StandardScaler and train_torch.py alike. */
    static double[][][] standardize(double[][] train, double[][] test) {
        int p = train[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] row : train) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= train.length;
        }
        for (double[] row : train) {
            for (int j = 0; j < p; j++) {
                double d = row[j] - mean[j];
                sd[j] += d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j] / train.length);
            if (sd[j] == 0) {
                sd[j] = 1;
            }
        }
        double[][][] out = new double[2][][];
        int part = 0;
        for (double[][] x : List.of(train, test)) {
            double[][] s = new double[x.length][p];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < p; j++) {
                    s[i][j] = (x[i][j] - mean[j]) / sd[j];
                }
            }
            out[part++] = s;
        }
        return out;
    }

    static double[] columnSums(double[][] x) {
        double[] sums = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < sums.length; j++) {
                sums[j] += row[j];
            }
        }
        return sums;
    }

    // ---- Scores, as scikit-learn computes them. ----

    /** Share of rows whose most probable class (the first on a tie, as numpy's argmax) is the true one. */
    static double accuracy(int[] labels, double[][] proba) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < proba[i].length; c++) {
                if (proba[i][c] > proba[i][best]) {
                    best = c;
                }
            }
            right += best == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /** ROC AUC of the class-1 probability: the Mann-Whitney statistic with tied scores sharing their mean rank. */
    static double auc(int[] labels, double[][] proba) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(proba[x][1], proba[y][1]));
        double rankSumPositive = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && proba[order[j + 1]][1] == proba[order[i]][1]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPositive += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static JsonObject stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        JsonObject o = new JsonObject();
        o.addProperty("median", n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2);
        o.addProperty("min", s[0]);
        o.addProperty("max", s[n - 1]);
        o.addProperty("n", n);
        return o;
    }
}
