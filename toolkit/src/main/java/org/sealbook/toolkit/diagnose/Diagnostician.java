package org.sealbook.toolkit.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.plan.Experiment;
import org.sealbook.toolkit.prepare.TrainingData;

/**
 * The diagnosis engine's front door: a list of named runs, each a curve history, in; each run's verdicts and the
 * ranked causes out. A batch, a sweep's trials (through a small adapter that turns each trial's {@code log.jsonl}
 * into a {@link CurveHistory}) and a log from elsewhere all come in the same way; only a batch's sealed records add
 * the causes beyond the curve. Usage: {@code Diagnostician d = Diagnostician.forLog(); d.causes(d.read(histories,
 * Double.NaN));}
 */
public final class Diagnostician {
    /** One trained run of a batch: its experiment, its model's size and its predictions for the validation rows. */
    public record TrainedRun(String run, Experiment experiment, long size, double[][] validationPredictions) {
    }

    private final Tries tries;

    private Diagnostician(Tries tries) {
        this.tries = tries;
    }

    /**
     * For runs of a sealed batch (or sweep): tries are cells in {@code names}' front end, over {@code experiments},
     * and more rows means the data check again on {@code dataFile} with {@code target}.
     */
    public static Diagnostician forBatch(FrontEnd names, Map<String, Experiment> experiments, String dataFile,
                                         String target) {
        return new Diagnostician(Tries.forBatch(names, experiments, dataFile, target));
    }

    /** For a log from elsewhere: tries are instructions in words. */
    public static Diagnostician forLog() {
        return new Diagnostician(Tries.forLog());
    }

    /** Each history's reading; {@code reference} is the loss of a model that learns nothing, NaN when unknown. */
    public List<CurveReading> read(List<CurveHistory> histories, double reference) {
        return histories.stream().map(h -> CurveRules.read(h, reference)).toList();
    }

    /** The causes the curves point to, ranked. */
    public List<Cause> causes(List<CurveReading> readings) {
        return Causes.rank(Causes.fromCurves(readings, tries));
    }

    /**
     * The causes the curves and the batch's sealed records point to, ranked. When the validation rows differ from
     * the training rows (drift on a time split, or a split that came out uneven), a validation loss that rises is
     * partly that difference: every model looks like it overfits on rows unlike those it learned from. So the causes
     * that blame the model for overfitting are discounted by the difference's strength, and say so.
     */
    public List<Cause> causes(List<CurveReading> readings, TrainingData data, List<TrainedRun> runs, SplitShift shift) {
        List<Cause> found = DataCauses.find(data, runs, readings, shift, tries);
        double differ = found.stream().filter(c -> c.kind() == Cause.Kind.DRIFT || c.kind() == Cause.Kind.SPLIT_DIFFERS)
                .mapToDouble(Cause::strength).max().orElse(0);
        List<Cause> all = new ArrayList<>();
        for (Cause c : Causes.fromCurves(readings, tries)) {
            all.add(blamesOverfitting(c) ? discounted(c, differ) : c);
        }
        for (Cause c : found) {
            all.add(c.kind() == Cause.Kind.TOO_FEW_ROWS ? discounted(c, differ) : c);
        }
        return Causes.rank(all);
    }

    private static boolean blamesOverfitting(Cause c) {
        return c.kind() == Cause.Kind.TOO_MANY_STEPS && c.evidence().containsKey("rise");
    }

    private static Cause discounted(Cause c, double differ) {
        if (differ <= 0) {
            return c;
        }
        return new Cause(c.kind(), c.run(), c.strength() * (1 - differ), c.evidence(), c.finding() + " (its strength "
                + Numbers.number(c.strength()) + " is cut by the " + Numbers.number(differ) + " of the difference "
                + "between the splits, which makes any model look like it overfits)", c.attempt(), c.reason());
    }
}
