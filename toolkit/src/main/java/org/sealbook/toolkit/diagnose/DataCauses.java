package org.sealbook.toolkit.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.data.Finding;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.SplitStrategy;
import org.sealbook.toolkit.prepare.Prepared;
import org.sealbook.toolkit.prepare.TrainingData;

/**
 * The causes beyond the curve, computed from the sealed records of a batch: the validation rows differ from the
 * training rows ({@link SplitShift}), the target's mix differs between the splits, on a time split the data drifts,
 * a column carries the answer (the data check's sealed leak findings, and any column whose own score on the
 * validation rows comes near the model's), and a model with too few rows for its size. Each strength is a number
 * read from its evidence, so causes of different kinds rank on one scale. Usage:
 * {@code List<Cause> found = DataCauses.find(data, runs, readings, shift, tries);}
 */
final class DataCauses {
    /** Below this cross-validated AUC the two splits are as alike as chance makes them. */
    static final double SHIFT_AUC = 0.65;
    /** Half the summed difference of class shares (total variation): 5% of rows in a different class. */
    static final double MIX_DIFFERENCE = 0.05;
    /** A validation mean this many training standard deviations away (regression). */
    static final double MEAN_SHIFT = 0.2;
    /** Fewer than 10 training rows per weight (the usual rule of thumb) is few. */
    static final double WEIGHTS_PER_ROW = 0.1;
    /** A column alone reaching 95% of the model's skill carries most of the answer. */
    static final double LONE_COLUMN_SHARE = 0.95;
    /** A lone strong column may be genuinely strong; only the data check's leak finding is full evidence. */
    static final double LONE_COLUMN_WEIGHT = 0.6;

    private DataCauses() {
    }

    static List<Cause> find(TrainingData data, List<Diagnostician.TrainedRun> runs, List<CurveReading> readings, SplitShift shift,
                            Tries tries) {
        Contract contract = data.contract();
        List<Cause> causes = new ArrayList<>();
        Cause differs = splitDiffers(shift, contract, data.train().isClassification(), tries);
        Cause mix = mix(data, tries);
        boolean time = contract.split() == SplitStrategy.TIME;
        if (time && (differs != null || mix != null)) {
            causes.add(drift(differs, mix, readings, data.train().isClassification(), tries));
        } else {
            addIf(causes, differs);
            addIf(causes, mix);
        }
        causes.addAll(sealedLeaks(data, tries));
        runs.stream().filter(r -> r.validationPredictions() != null && r.experiment().family() != Family.BASELINE)
                .max(java.util.Comparator.comparingDouble(r -> skill(data.validation(), r.validationPredictions())))
                .ifPresent(best -> addIf(causes, loneColumn(data.validation(), best, tries)));
        for (Diagnostician.TrainedRun run : runs) {
            boolean overfits = readings.stream().anyMatch(r -> r.run().equals(run.run())
                    && r.has(CurveVerdict.OVERFITTING));
            addIf(causes, tooFewRows(data.train().rows(), run, overfits, tries));
        }
        return causes;
    }

    private static void addIf(List<Cause> causes, Cause cause) {
        if (cause != null) {
            causes.add(cause);
        }
    }

    private static Cause splitDiffers(SplitShift shift, Contract contract, boolean classification, Tries tries) {
        if (!(shift.auc() >= SHIFT_AUC)) {
            return null;
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("auc", shift.auc());
        evidence.put("rows", (double) shift.rows());
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, Double> c : shift.columns().subList(0, Math.min(3, shift.columns().size()))) {
            evidence.put("auc_" + c.getKey(), c.getValue());
            named.add(c.getKey() + " (" + Numbers.number(c.getValue()) + " alone)");
        }
        String attempt = switch (contract.split()) {
            // a random deal that came out uneven: deal again, by class where there are classes
            case RANDOM -> classification ? tries.split("stratified") : tries.reseed(contract.seed() + 1);
            case STRATIFIED -> tries.reseed(contract.seed() + 1);
            // groups and time differ by design: more of them is the way to a fairer comparison
            default -> tries.moreRows();
        };
        return new Cause(Cause.Kind.SPLIT_DIFFERS, null, Math.min(1, 2 * (shift.auc() - 0.5)), evidence,
                "a forest told training rows from validation rows with an AUC of " + Numbers.number(shift.auc())
                        + " (cross-validated on " + Numbers.count(shift.rows(), "row") + "; 0.5 would mean they look "
                        + "alike), most by " + String.join(", ", named) + ", so part of the gap is the split's, not the "
                        + "model's", attempt, null);
    }

    private static Cause mix(TrainingData data, Tries tries) {
        Prepared train = data.train();
        Prepared validation = data.validation();
        // the try: a random deal that came out uneven is dealt again (by class where there are classes); groups keep
        // together by design, and a time split's difference is the drift, so more rows is what is left to try
        if (train.isClassification()) {
            int k = train.classes().size();
            double[] t = shares(train.labels(), k);
            double[] v = shares(validation.labels(), k);
            double difference = 0;
            int most = 0;
            for (int c = 0; c < k; c++) {
                difference += Math.abs(t[c] - v[c]) / 2;
                most = Math.abs(t[c] - v[c]) > Math.abs(t[most] - v[most]) ? c : most;
            }
            if (!(difference >= MIX_DIFFERENCE)) {
                return null;
            }
            String label = train.classes().get(most);
            return new Cause(Cause.Kind.CLASS_MIX, null, Math.min(1, difference / (5 * MIX_DIFFERENCE)),
                    Map.of("difference", difference, "train_share", t[most], "validation_share", v[most]),
                    Numbers.percent(difference) + " of the rows would have to change class for the validation rows "
                            + "to have the training rows' mix; the class " + label + " is " + Numbers.percent(t[most])
                            + " of the training rows but " + Numbers.percent(v[most]) + " of the validation rows",
                    data.contract().split() == SplitStrategy.RANDOM ? tries.split("stratified") : tries.moreRows(),
                    null);
        }
        double[] t = original(data, train);
        double[] v = original(data, validation);
        double meanT = mean(t);
        double meanV = mean(v);
        double sd = Math.sqrt(java.util.Arrays.stream(t).map(y -> (y - meanT) * (y - meanT)).sum()
                / Math.max(1, t.length - 1));
        double shift = Math.abs(meanV - meanT) / Math.max(sd, 1e-12);
        if (!(shift >= MEAN_SHIFT)) {
            return null;
        }
        return new Cause(Cause.Kind.CLASS_MIX, null, Math.min(1, shift), Map.of("shift", shift, "train_mean", meanT,
                "validation_mean", meanV, "train_sd", sd), "the target's average is " + Numbers.number(meanT)
                + " on the training rows but " + Numbers.number(meanV) + " on the validation rows, "
                + Numbers.number(shift) + " standard deviations apart", data.contract().split() == SplitStrategy.RANDOM
                ? tries.reseed(data.contract().seed() + 1) : tries.moreRows(), null);
    }

    private static Cause drift(Cause differs, Cause mix, List<CurveReading> readings, boolean classification,
                               Tries tries) {
        long read = readings.stream().filter(r -> r.main() != null).count();
        long overfit = readings.stream().filter(r -> r.has(CurveVerdict.OVERFITTING)).count();
        Map<String, Double> evidence = new LinkedHashMap<>();
        if (differs != null) {
            evidence.putAll(differs.evidence());
        }
        if (mix != null) {
            evidence.putAll(mix.evidence());
        }
        evidence.put("runs_overfitting", (double) overfit);
        evidence.put("runs_read", (double) read);
        double strength = Math.max(differs == null ? 0 : differs.strength(), mix == null ? 0 : mix.strength());
        String what = String.join("; and ", java.util.stream.Stream.of(mix, differs)
                .filter(java.util.Objects::nonNull).map(Cause::finding).toList());
        return new Cause(Cause.Kind.DRIFT, null, strength, evidence, "the rows are split by time and the later "
                + "rows differ from the earlier ones: " + what + "; " + overfit + " of " + read + " runs look like "
                + "they overfit, as every model does when the future differs from the past",
                tries.split(classification ? "stratified" : "random"), null);
    }

    private static List<Cause> sealedLeaks(TrainingData data, Tries tries) {
        List<Cause> causes = new ArrayList<>();
        List<String> features = data.contract().features();
        for (String code : List.of("LEAKAGE_CORRELATION", "LEAKAGE_AUC")) {
            for (Finding f : data.dataCheck().findings(code)) {
                String column = f.column();
                if (column == null || !features.contains(column)) {
                    continue; // the hypothesis left it out already
                }
                String measure = code.equals("LEAKAGE_AUC") ? "auc" : "r";
                double value = f.measure(measure);
                causes.add(new Cause(Cause.Kind.LEAKED_ANSWER, null, 1, Map.of(measure, value),
                        "the data check found that the column " + column + " alone " + (measure.equals("auc")
                                ? "sorts the target with an AUC of " : "correlates with the target at r = ")
                                + Numbers.number(value) + ", and the models may use it", tries.exclude(column), null));
            }
        }
        return causes;
    }

    /** The column whose own score on the validation rows comes nearest the best model's, when near enough. */
    private static Cause loneColumn(Prepared validation, Diagnostician.TrainedRun best, Tries tries) {
        double model = skill(validation, best.validationPredictions());
        if (!(model > 0.05)) {
            return null;
        }
        String top = null;
        double topSkill = 0;
        for (int c = 0; c < validation.features().size(); c++) {
            double[] column = new double[validation.rows()];
            for (int i = 0; i < column.length; i++) {
                column[i] = validation.x()[i][c];
            }
            double s = columnSkill(validation, column);
            if (s > topSkill) {
                top = validation.features().get(c);
                topSkill = s;
            }
        }
        double share = topSkill / model;
        if (top == null || !(share >= LONE_COLUMN_SHARE)) {
            return null;
        }
        String unit = validation.isClassification() ? "AUC above 0.5" : "share of the target's variation explained";
        return new Cause(Cause.Kind.LEAKED_ANSWER, best.run(), Math.min(1, share) * LONE_COLUMN_WEIGHT,
                Map.of("column_skill", topSkill, "model_skill", model, "share", share),
                "the column " + top + " alone reaches " + Numbers.percent(share) + " of what " + best.run()
                        + " reaches on the validation rows (" + unit + ": " + Numbers.number(topSkill) + " against "
                        + Numbers.number(model) + "), so the model may mostly be reading it; that is only a leak if "
                        + top + " is not known before the answer is", tries.exclude(top), null);
    }

    /**
     * How much better than knowing nothing the predictions are: binary classes, AUC above 0.5; numbers, the share of
     * the target's variation explained (R², in the prepared scale); NaN for more than two classes.
     */
    static double skill(Prepared truth, double[][] predictions) {
        if (truth.isClassification()) {
            if (truth.classes().size() != 2) {
                return Double.NaN;
            }
            double[] p = new double[truth.rows()];
            boolean[] positive = new boolean[truth.rows()];
            for (int i = 0; i < p.length; i++) {
                p[i] = predictions[i][1];
                positive[i] = truth.labels()[i] == 1;
            }
            return Stats.rocAuc(p, positive) - 0.5;
        }
        double[] y = truth.y();
        double m = mean(y);
        double residual = 0;
        double spread = 0;
        for (int i = 0; i < y.length; i++) {
            residual += (y[i] - predictions[i][0]) * (y[i] - predictions[i][0]);
            spread += (y[i] - m) * (y[i] - m);
        }
        return spread > 0 ? 1 - residual / spread : Double.NaN;
    }

    /** One column's own skill, as {@link #skill}: its AUC above 0.5 (either direction), or its r². */
    private static double columnSkill(Prepared truth, double[] column) {
        if (truth.isClassification()) {
            boolean[] positive = new boolean[truth.rows()];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = truth.labels()[i] == 1;
            }
            double auc = Stats.auc(column, positive);
            return Double.isNaN(auc) ? 0 : auc - 0.5;
        }
        double r = Stats.pearson(column, truth.y());
        return Double.isNaN(r) ? 0 : r * r;
    }

    /** Weights per row; half as strong when the run's curve does not show it learning its rows by heart. */
    private static Cause tooFewRows(int rows, Diagnostician.TrainedRun run, boolean overfits, Tries tries) {
        Family family = run.experiment().family();
        if (!(family == Family.MLP || family == Family.LINEAR) || rows == 0) {
            return null; // a tree's nodes do not weigh against rows as weights do
        }
        double perRow = run.size() / (double) rows;
        if (!(perRow > WEIGHTS_PER_ROW)) {
            return null;
        }
        return new Cause(Cause.Kind.TOO_FEW_ROWS, run.run(), Math.min(1, perRow) * (overfits ? 1 : 0.5),
                Map.of("weights", (double) run.size(),
                "rows", (double) rows, "rows_per_weight", rows / (double) run.size()), run.run() + " has "
                + Numbers.count(run.size(), "weight") + " for " + Numbers.count(rows, "training row") + ", "
                + Numbers.number(rows / (double) run.size()) + " rows per weight where 10 or more is the usual rule, "
                + "so it can learn its rows by heart" + (overfits ? ", and its curve shows it did"
                : " (its curve does not show that it did)"), family == Family.MLP ? tries.smaller(run.run())
                : tries.moreRows(), null);
    }

    private static double[] shares(int[] labels, int classes) {
        double[] out = new double[classes];
        for (int l : labels) {
            out[l]++;
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= Math.max(1, labels.length);
        }
        return out;
    }

    private static double[] original(TrainingData data, Prepared rows) {
        return java.util.Arrays.stream(rows.y()).map(y -> data.preprocessor().inverseTarget(y)).toArray();
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }
}
