package org.sealbook.toolkit.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.evaluation.Drift;
import org.sealbook.toolkit.evaluation.EvalRecord;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.explain.Numbers;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Metric;
import org.sealbook.toolkit.pipeline.FrontEnd;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The words and tables of %eval: every number in them comes from the record or the sealed scores. */
final class EvalText {
    private final EvalRecord record;
    private final Contract contract;
    private final Map<String, Double> sealedScores;
    private final Map<String, Double> testScores;
    private final Explainer explainer;
    private final FrontEnd names;

    EvalText(EvalRecord record, Contract contract, Map<String, Double> sealedScores, Map<String, Double> testScores,
             Explainer explainer, FrontEnd names) {
        this.record = record;
        this.contract = contract;
        this.sealedScores = sealedScores;
        this.testScores = testScores;
        this.explainer = explainer;
        this.names = names;
    }

    String whatIDid(int trainingRows, String target) {
        String model = record.chosenAs().equals("promoted") ? record.experiment() + " (the model the report promoted)"
                : record.experiment() + " (a run of the sealed batch)";
        String scored = record.scoredRows() > 0
                ? "scored it on the " + record.scoredRows() + " rows that have a '" + target + "' value"
                + (record.scoredRows() < record.rows() ? " (" + (record.rows() - record.scoredRows() == 1
                ? "the other row has" : "the other " + (record.rows() - record.scoredRows()) + " have")
                + " none and were left out of the scores)" : "") + " with the hypothesis's metrics"
                : "found no '" + target + "' values, so I could only predict it, not score it";
        return "I read the " + record.rows() + " rows of " + Path.of(record.file()).getFileName() + " (SHA-256 "
                + record.sha256().substring(0, 12) + "), prepared them with the recipe fitted on the " + trainingRows
                + " training rows, ran " + model + " on them and " + scored + ". Then I compared each column the "
                + "model reads with the training rows, to see how far the new rows have moved: "
                + explainer.term("drift") + ".";
    }

    Table scoreTable() {
        StringColumn metric = StringColumn.create("metric");
        StringColumn fresh = StringColumn.create("new rows");
        StringColumn validation = StringColumn.create("validation rows (sealed)");
        StringColumn test = StringColumn.create("test rows (sealed)");
        record.scores().forEach((name, value) -> {
            metric.append(name + (Metric.byLabel(name).higherIsBetter() ? " (higher is better)"
                    : " (lower is better)"));
            fresh.append(Numbers.cell(value));
            validation.append(Numbers.cell(sealedScores.get("val_" + name)));
            test.append(Numbers.cell(testScores.get(name)));
        });
        return Table.create("Scores on the new rows", metric, fresh, validation, test);
    }

    String scores() {
        Metric primary = contract.primary();
        double now = record.scores().getOrDefault(primary.label(), Double.NaN);
        double before = sealedScores.getOrDefault("val_" + primary.label(), Double.NaN);
        String test = testScores.containsKey(primary.label()) ? " and " + Numbers.number(testScores.get(primary.label()))
                + " on the locked test rows" : " (its test score is not known: the test rows were "
                + (testScores.isEmpty() ? "not used for it" : "used for another run") + ")";
        String start = record.experiment() + "'s " + primary.label() + " on the new rows is " + Numbers.number(now)
                + ", against " + Numbers.number(before) + " on the validation rows" + test + ". ";
        double change = relativeLoss();
        if (!Double.isFinite(change)) {
            return start + "The two cannot be compared as a share, since the validation score is 0.";
        }
        if (change > contract.maxGap()) {
            return start + "That is " + Numbers.percent(change) + " worse, more than the " + Numbers.percent(
                    contract.maxGap()) + " gap the hypothesis allows: the model does not hold up as well on these rows.";
        }
        return start + (change > 0 ? "That is " + Numbers.percent(change) + " worse, within the "
                + Numbers.percent(contract.maxGap()) + " gap the hypothesis allows."
                : "That is as good or better: the model holds up on these rows.")
                + (record.scoredRows() < 30 ? " With only " + record.scoredRows() + " scored rows, chance moves this "
                + "score a lot." : "");
    }

    /** How much worse the primary score is on the new rows than on the validation rows, as a share; NaN if unknown. */
    private double relativeLoss() {
        Metric primary = contract.primary();
        double now = record.scores().getOrDefault(primary.label(), Double.NaN);
        double before = sealedScores.getOrDefault("val_" + primary.label(), Double.NaN);
        if (!Double.isFinite(now) || !Double.isFinite(before) || before == 0) {
            return Double.NaN;
        }
        return (primary.higherIsBetter() ? before - now : now - before) / Math.abs(before);
    }

    boolean worseThanValidation() {
        double change = relativeLoss();
        return Double.isFinite(change) && change > contract.maxGap();
    }

    Table driftTable() {
        StringColumn column = StringColumn.create("column");
        StringColumn kind = StringColumn.create("kind");
        StringColumn psi = StringColumn.create("PSI");
        StringColumn chance = StringColumn.create("PSI chance reaches");
        StringColumn ks = StringColumn.create("KS distance");
        StringColumn unseen = StringColumn.create("unseen categories");
        StringColumn missing = StringColumn.create("missing: training -> new");
        StringColumn words = StringColumn.create("moved");
        for (Drift.ColumnDrift d : record.drift()) {
            column.append(d.column());
            kind.append(d.kind());
            psi.append(Numbers.number(d.psi()));
            chance.append(Numbers.number(d.chance()));
            ks.append(Numbers.cell(d.ks()));
            unseen.append(d.kind().equals("category") ? Numbers.percent(d.unseen()) : "-");
            missing.append(Numbers.percent(d.missingBefore()) + " -> " + Numbers.percent(d.missingNow()));
            words.append(d.words());
        }
        return Table.create("Drift from the training rows", column, kind, psi, chance, ks, unseen, missing,
                words);
    }

    String drift(int named) {
        List<Drift.ColumnDrift> drift = record.drift();
        if (drift.isEmpty()) {
            return "The model reads no columns, so there is nothing to compare.";
        }
        List<Drift.ColumnDrift> top = drift.subList(0, Math.min(named, drift.size()));
        StringBuilder s = new StringBuilder("Each column's " + explainer.term("PSI") + " compares the share of rows "
                + "in each range of values (numbers) or each category; for numbers the " + explainer.term("KS distance")
                + " is shown too. Two samples of the very same rows differ a little by chance, more so when they are "
                + "small, so a PSI counts only above what chance reaches 19 times in 20 for its row counts. The "
                + "columns that moved most: ");
        for (int i = 0; i < top.size(); i++) {
            Drift.ColumnDrift d = top.get(i);
            s.append(i == 0 ? "" : i == top.size() - 1 ? " and " : ", ").append(d.column()).append(" (PSI ")
                    .append(Numbers.number(d.psi())).append(Double.isFinite(d.ks()) ? ", KS " + Numbers.number(d.ks())
                    : "").append(d.unseen() > 0 ? ", " + Numbers.percent(d.unseen()) + " unseen categories" : "")
                    .append(")");
        }
        s.append(". ");
        long large = drift.stream().filter(Drift.ColumnDrift::movedALot).count();
        long some = drift.stream().filter(Drift.ColumnDrift::movedSome).count();
        if (large > 0) {
            s.append(Numbers.count(large, "column")).append(" moved a lot (PSI ").append(Numbers.number(Drift.LARGE))
                    .append(" or more, and above chance): these rows are not like the ones the model learned from, so its scores "
                    + "here may not match the validation scores, and if this is the data it will see from now on, "
                    + "it should be trained again on rows like these.");
        } else if (some > 0) {
            s.append(Numbers.count(some, "column")).append(" moved somewhat (PSI ").append(Numbers.number(Drift.SMALL))
                    .append(" to ").append(Numbers.number(Drift.LARGE)).append(", and above chance): worth watching, not yet a reason "
                    + "to retrain.");
        } else {
            s.append("No column moved more than a little (PSI below ").append(Numbers.number(Drift.SMALL))
                    .append(") or more than chance explains: the new rows look like the training rows.");
        }
        return s.toString();
    }

    String summary(Path predictions) {
        Drift.ColumnDrift top = record.drift().isEmpty() ? null : record.drift().get(0);
        String drifted = top == null ? "" : "; the column that moved most is " + top.column() + " (PSI "
                + Numbers.number(top.psi()) + ", " + top.words() + ")";
        if (predictions != null) {
            return record.experiment() + " predicted the " + record.rows() + " rows; the predictions are in "
                    + predictions + drifted + ".";
        }
        Metric primary = contract.primary();
        return record.experiment() + " scored " + Numbers.number(record.scores().getOrDefault(primary.label(),
                Double.NaN)) + " " + primary.label() + " on " + record.scoredRows() + " new rows" + drifted + ".";
    }

    String concern(boolean moved, boolean worse) {
        StringBuilder s = new StringBuilder();
        if (worse) {
            Metric primary = contract.primary();
            s.append(record.experiment()).append("'s ").append(primary.label()).append(" on the new rows (")
                    .append(Numbers.number(record.scores().get(primary.label()))).append(") is ")
                    .append(Numbers.percent(relativeLoss())).append(" worse than on the validation rows (")
                    .append(Numbers.number(sealedScores.get("val_" + primary.label()))).append(")");
        }
        if (moved) {
            List<String> large = record.drift().stream().filter(Drift.ColumnDrift::movedALot)
                    .map(d -> d.column() + " (PSI " + Numbers.number(d.psi()) + ")").toList();
            s.append(worse ? ", and " : "").append(large.size() == 1 ? "the column " : "the columns ")
                    .append(String.join(", ", large)).append(" moved")
                    .append(" a lot from the training rows, more than chance explains");
        }
        return s.append("; check where these rows come from, and train again on rows like them (")
                .append(names.stage("data_check")).append(" on a file that includes them) if this is what the "
                + "model will see.").toString();
    }
}
