package org.sealbook.toolkit.prepare;

import static org.sealbook.toolkit.prepare.RecipeJson.array;
import static org.sealbook.toolkit.prepare.RecipeJson.numberArray;
import static org.sealbook.toolkit.prepare.RecipeJson.numbers;
import static org.sealbook.toolkit.prepare.RecipeJson.text;
import static org.sealbook.toolkit.prepare.RecipeJson.textList;
import static org.sealbook.toolkit.prepare.RecipeJson.texts;
import static org.sealbook.toolkit.prepare.TargetValues.isClassification;
import static org.sealbook.toolkit.prepare.TargetValues.isLog;
import static org.sealbook.toolkit.prepare.TargetValues.regressionTargets;
import static org.sealbook.toolkit.prepare.TargetValues.targetColumn;
import static org.sealbook.toolkit.prepare.TargetValues.targetValueText;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.sealbook.toolkit.data.ColumnKind;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.Mitigation;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.data.Recipe;
import org.sealbook.toolkit.data.Stats;
import org.sealbook.toolkit.data.Task;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The data check's recipe, fitted on the training rows only and then applied to any rows, so validation and test
 * rows are prepared with numbers learned from training alone.
 * Usage: {@code Preprocessor p = Preprocessor.fit(train, decision, features); Prepared v = p.transform(validation);}
 *
 * <p>Numeric columns (dates become days since 1970-01-01) are imputed as the recipe says (median by default) and
 * standardised with the training mean and standard deviation; text and yes/no columns become one 0/1 column per
 * training category; {@code add_missing_indicator} adds a 0/1 column {@code <column>_was_missing}. One-hot and
 * indicator columns stay 0/1.
 */
public final class Preprocessor {
    private final String target;
    private final boolean classification;
    private final boolean logTarget;
    private final List<String> classes;
    private final double[] classWeights;
    private final List<ColumnStep> steps;
    private final List<String> outputNames;

    private Preprocessor(String target, boolean classification, boolean logTarget, List<String> classes,
                         double[] classWeights, List<ColumnStep> steps) {
        this.target = target;
        this.classification = classification;
        this.logTarget = logTarget;
        this.classes = List.copyOf(classes);
        this.classWeights = classWeights.clone();
        this.steps = List.copyOf(steps);
        List<String> names = new ArrayList<>();
        this.steps.forEach(s -> names.addAll(s.outputNames()));
        this.outputNames = List.copyOf(names);
    }

    /**
     * Learns every number the recipe needs from {@code trainingRows} alone.
     *
     * @param trainingRows the training split; its target is present in every row
     * @param dataCheck    the sealed data check: the target, the task, its transform and the recipe
     * @param features     the columns a model may use (the hypothesis whitelist); dropped columns are left out
     */
    public static Preprocessor fit(Table trainingRows, DataCheckResult dataCheck, List<String> features) {
        String target = dataCheck.target();
        String task = dataCheck.task().label();
        String transform = dataCheck.targetTransform();
        Map<String, Set<Action>> recipe = recipe(dataCheck.recipe());
        boolean classification = isClassification(task);
        boolean logTarget = isLog(transform, classification);
        if (trainingRows.rowCount() == 0) {
            throw new IllegalArgumentException("The training rows are empty; fit the preprocessor on the training split.");
        }
        Column<?> y = targetColumn(trainingRows, target);
        List<String> kept = keptFeatures(trainingRows, target, features, recipe);

        Map<String, FeatureKind> kinds = new LinkedHashMap<>();
        Map<String, double[]> raw = new HashMap<>();
        Map<String, Double> medians = new HashMap<>();
        for (String column : kept) {
            Column<?> c = trainingRows.column(column);
            FeatureKind kind = FeatureKind.of(c);
            kinds.put(column, kind);
            if (c.countMissing() == c.size()) {
                throw new IllegalArgumentException("Column '" + column + "' has no values in the "
                        + trainingRows.rowCount() + " training rows, so there is nothing to learn from it; "
                        + "run the data check again with --column " + column + "=drop_column.");
            }
            if (kind != FeatureKind.CATEGORY) {
                double[] values = kind.numbers(c);
                raw.put(column, values);
                medians.put(column, Stats.median(values));
            }
        }
        List<String> numericColumns = kept.stream().filter(c -> kinds.get(c) != FeatureKind.CATEGORY).toList();
        List<ColumnStep> steps = new ArrayList<>();
        for (String column : kept) {
            Set<Action> actions = recipe.getOrDefault(column, Set.of());
            checkFits(column, ColumnKind.ofFeature(trainingRows.column(column)), actions);
            boolean indicator = actions.contains(Action.ADD_MISSING_INDICATOR);
            if (kinds.get(column) == FeatureKind.CATEGORY) {
                steps.add(categoryStep(column, trainingRows.column(column), actions, indicator));
            } else {
                Filler filler = filler(column, actions, raw, medians, numericColumns);
                steps.add(numericStep(column, kinds.get(column), filler, indicator, raw));
            }
        }
        checkFits(target, ColumnKind.ofTarget(classification ? Task.CLASSIFICATION : Task.REGRESSION),
                recipe.getOrDefault(target, Set.of()));
        List<String> classes = new ArrayList<>();
        double[] weights = new double[0];
        if (classification) {
            Map<String, Integer> counts = new TreeMap<>(); // sorted as strings: the class indexes are fixed by it
            for (int i = 0; i < y.size(); i++) {
                counts.merge(targetValueText(y, i, target, trainingRows.rowCount()), 1, Integer::sum);
            }
            classes.addAll(counts.keySet());
            boolean weighted = recipe.getOrDefault(target, Set.of()).contains(Action.CLASS_WEIGHTS);
            weights = new double[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                weights[k] = weighted ? (double) y.size() / (classes.size() * counts.get(classes.get(k))) : 1.0;
            }
        } else {
            regressionTargets(y, target, logTarget); // refuses a text or non-positive (log) target now, not later
        }
        return new Preprocessor(target, classification, logTarget, classes, weights, steps);
    }

    /**
     * The features as numbers in a fixed column order, and the target as a class index or (transformed) number; the
     * rows carry the class weights when the recipe asks to weight the rare classes more.
     */
    public Prepared transform(Table rows) {
        Column<?> y = targetColumn(rows, target);
        double[][] x = features(rows);
        if (!classification) {
            return Prepared.regression(outputNames, x, regressionTargets(y, target, logTarget));
        }
        int[] labels = new int[rows.rowCount()];
        Map<String, Integer> indexOf = CategoryStep.indexes(classes);
        for (int i = 0; i < labels.length; i++) {
            String value = targetValueText(y, i, target, rows.rowCount());
            Integer index = indexOf.get(value);
            if (index == null) {
                throw new IllegalArgumentException("Row " + (i + 1) + " of " + rows.rowCount() + " has the class '"
                        + value + "' for '" + target + "', which the training rows never had; fit on training rows "
                        + "that include it, or leave those rows out.");
            }
            labels[i] = index;
        }
        Prepared prepared = Prepared.classification(outputNames, x, labels, classes);
        return Arrays.stream(classWeights).allMatch(w -> w == 1.0) ? prepared : prepared.withClassWeights(classWeights);
    }

    /** The features of rows that need no target (new rows to predict), as numbers in the fitted column order. */
    public double[][] features(Table rows) {
        Map<String, double[]> raw = new HashMap<>();
        for (ColumnStep step : steps) {
            if (!rows.columnNames().contains(step.column())) {
                throw new IllegalArgumentException("The rows have no column '" + step.column()
                        + "', which the preprocessor was fitted with; give rows with the training data's columns.");
            }
            Column<?> c = rows.column(step.column());
            FeatureKind found = FeatureKind.of(c);
            if (found != step.kind() && c.countMissing() != c.size()) {
                throw new IllegalArgumentException("Column '" + step.column() + "' holds " + found.words
                        + " in these rows but held " + step.kind().words + " in the training rows; "
                        + "load the rows with the same column types as the training data.");
            }
            if (step.kind() != FeatureKind.CATEGORY) {
                raw.put(step.column(), step.kind().numbers(c));
            }
        }
        double[][] x = new double[rows.rowCount()][outputNames.size()];
        int offset = 0;
        for (ColumnStep step : steps) {
            step.write(rows.column(step.column()), raw, x, offset);
            offset += step.outputNames().size();
        }
        return x;
    }

    /** The data file's columns the recipe reads, in the fitted order: what new rows must have. */
    public List<String> columns() {
        return steps.stream().map(ColumnStep::column).toList();
    }

    /**
     * The column of {@code rows} as the recipe reads it as numbers (dates as days since 1970-01-01), NaN where
     * missing; empty when the recipe reads the column as categories, or does not read it at all.
     */
    public Optional<double[]> numericValues(String column, Table rows) {
        return steps.stream().filter(s -> s.column().equals(column) && s.kind() != FeatureKind.CATEGORY).findFirst()
                .map(s -> s.kind().numbers(rows.column(column)));
    }

    /** The target column's name. */
    public String target() {
        return target;
    }

    /** The class names in class-index order; empty for a regression. */
    public List<String> classes() {
        return classes;
    }

    /** A prediction on the target's original scale: exp for a log target, unchanged otherwise. */
    public double inverseTarget(double value) {
        return logTarget ? Math.exp(value) : value;
    }

    /**
     * One weight per class, in class-index order: n / (classes x rows of that class) when the recipe asks for
     * class weights, else 1 each; empty for a regression.
     */
    public double[] classWeights() {
        return classWeights.clone();
    }

    /** Everything needed to transform new rows, so a saved model can be reloaded with {@link #fromJson}. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("target", target);
        o.addProperty("task", classification ? "classification" : "regression");
        o.addProperty("target_transform", logTarget ? "log" : "none");
        if (classification) {
            o.add("classes", texts(classes));
            o.add("class_weights", numbers(classWeights));
        }
        JsonArray columns = new JsonArray();
        steps.forEach(s -> columns.add(s.toJson()));
        o.add("columns", columns);
        return o;
    }

    /** The preprocessor {@link #toJson} saved; it transforms rows exactly as the saved one did. */
    public static Preprocessor fromJson(JsonObject saved) {
        String where = "saved preprocessor";
        boolean classification = isClassification(text(saved, "task", where));
        boolean logTarget = isLog(text(saved, "target_transform", where), classification);
        List<String> classes = classification ? textList(array(saved, "classes", where)) : List.of();
        double[] weights = classification ? numberArray(array(saved, "class_weights", where)) : new double[0];
        List<ColumnStep> steps = new ArrayList<>();
        for (JsonElement e : array(saved, "columns", where)) {
            steps.add(ColumnStep.fromJson(e.getAsJsonObject(), where));
        }
        return new Preprocessor(text(saved, "target", where), classification, logTarget, classes, weights, steps);
    }

    // ---- fitting ----

    private static Map<String, Set<Action>> recipe(Recipe recipe) {
        Map<String, Set<Action>> byColumn = new HashMap<>();
        for (Mitigation step : recipe.steps()) {
            byColumn.computeIfAbsent(step.column(), k -> EnumSet.noneOf(Action.class)).add(step.action());
        }
        return byColumn;
    }

    private static List<String> keptFeatures(Table rows, String target, List<String> features,
                                             Map<String, Set<Action>> recipe) {
        Set<String> seen = new HashSet<>();
        for (String f : features) {
            if (!seen.add(f)) {
                throw new IllegalArgumentException("Feature '" + f + "' is listed twice; list each feature once.");
            }
            if (f.equals(target)) {
                throw new IllegalArgumentException("The target '" + target + "' is also listed as a feature; "
                        + "remove it from the features.");
            }
            if (!rows.columnNames().contains(f)) {
                throw new IllegalArgumentException("The training rows have no column '" + f + "'; list only columns "
                        + "of the data (" + String.join(", ", rows.columnNames()) + ").");
            }
        }
        List<String> kept = features.stream()
                .filter(f -> !recipe.getOrDefault(f, Set.of()).contains(Action.DROP_COLUMN)).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("No features are left after the recipe's dropped columns; list at "
                    + "least one feature the data check kept.");
        }
        return kept;
    }

    /** Refuses a recipe step the trainer cannot apply: the data check's table says which kinds each action fits. */
    private static void checkFits(String column, ColumnKind kind, Set<Action> actions) {
        for (Action action : actions) {
            if (!action.fits(kind)) {
                throw new IllegalArgumentException("Column '" + column + "' is " + kind.words() + ", so the recipe's "
                        + action.flag() + " cannot apply to it; run the data check again (with --column " + column
                        + "=ACTION, one of " + Action.fittingWords(kind) + ") to seal a recipe the trainer can apply.");
            }
        }
    }

    private static CategoryStep categoryStep(String column, Column<?> c, Set<Action> actions, boolean indicator) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                counts.merge(c.getString(i), 1, Integer::sum);
            }
        }
        String fill = actions.contains(Action.IMPUTE_MOST_FREQUENT) ? mostFrequent(counts) : null;
        return new CategoryStep(column, List.copyOf(counts.keySet()), fill, indicator);
    }

    /** The most frequent key; on a tie the first in the map's order (the smallest). */
    private static <K> K mostFrequent(Map<K, Integer> counts) {
        K best = null;
        int most = 0;
        for (Map.Entry<K, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    private static Filler filler(String column, Set<Action> actions, Map<String, double[]> raw,
                                 Map<String, Double> medians, List<String> numericColumns) {
        double median = medians.get(column);
        if (actions.contains(Action.IMPUTE_MOST_FREQUENT)) {
            Map<Double, Integer> counts = new TreeMap<>();
            for (double v : raw.get(column)) {
                if (!Double.isNaN(v)) {
                    counts.merge(v, 1, Integer::sum);
                }
            }
            return new Filler(Filler.MOST_FREQUENT, mostFrequent(counts), null);
        }
        if (actions.contains(Action.IMPUTE_MODEL)) {
            List<String> predictors = numericColumns.stream().filter(c -> !c.equals(column)).toList();
            RidgeImputer ridge = RidgeImputer.fit(raw.get(column), predictors, raw, medians);
            if (ridge != null) {
                return new Filler(Filler.MODEL, median, ridge);
            }
        }
        return new Filler(Filler.MEDIAN, median, null);
    }

    private static NumericStep numericStep(String column, FeatureKind kind, Filler filler, boolean indicator,
                                           Map<String, double[]> raw) {
        double[] values = raw.get(column);
        double[] filled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            filled[i] = Double.isNaN(values[i]) ? filler.fill(raw, i) : values[i];
        }
        double mean = Stats.mean(filled);
        double squares = 0;
        for (double v : filled) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / filled.length); // population sd, as scikit-learn's StandardScaler
        return new NumericStep(column, kind, filler, indicator, mean, sd > 0 ? sd : 1.0);
    }
}
