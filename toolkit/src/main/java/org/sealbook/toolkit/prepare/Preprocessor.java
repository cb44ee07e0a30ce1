package org.sealbook.toolkit.prepare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.data.Stats;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
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
    /** Fewer rows than this with the column present make a ridge imputation too noisy: the median is used. */
    private static final int MODEL_IMPUTE_MIN_ROWS = 20;
    /** The ridge penalty on standardised predictors: keeps the solve stable when predictors are collinear. */
    private static final double RIDGE_PENALTY = 1.0;
    private static final String INDICATOR_SUFFIX = "_was_missing";

    private final String target;
    private final boolean classification;
    private final boolean logTarget;
    private final List<String> classes;
    private final double[] classWeights;
    private final List<Step> steps;
    private final List<String> outputNames;

    private Preprocessor(String target, boolean classification, boolean logTarget, List<String> classes,
                         double[] classWeights, List<Step> steps) {
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
     * @param trainingRows      the training split; its target is present in every row
     * @param dataCheckDecision the sealed data-check decision ({@code DataCheckResult.toJson()})
     * @param features          the columns a model may use (the hypothesis whitelist); dropped columns are left out
     */
    public static Preprocessor fit(Table trainingRows, JsonObject dataCheckDecision, List<String> features) {
        String target = text(dataCheckDecision, "target", "data-check decision");
        String task = text(dataCheckDecision, "task", "data-check decision");
        String transform = text(dataCheckDecision, "target_transform", "data-check decision");
        Map<String, Set<Action>> recipe = recipe(dataCheckDecision);
        boolean classification = isClassification(task);
        boolean logTarget = isLog(transform, classification);
        if (trainingRows.rowCount() == 0) {
            throw new IllegalArgumentException("The training rows are empty; fit the preprocessor on the training split.");
        }
        Column<?> y = targetColumn(trainingRows, target);
        List<String> kept = keptFeatures(trainingRows, target, features, recipe);

        Map<String, Kind> kinds = new LinkedHashMap<>();
        Map<String, double[]> raw = new HashMap<>();
        Map<String, Double> medians = new HashMap<>();
        for (String column : kept) {
            Column<?> c = trainingRows.column(column);
            Kind kind = Kind.of(c);
            kinds.put(column, kind);
            if (c.countMissing() == c.size()) {
                throw new IllegalArgumentException("Column '" + column + "' has no values in the "
                        + trainingRows.rowCount() + " training rows, so there is nothing to learn from it; "
                        + "run the data check again with --column " + column + "=drop_column.");
            }
            if (kind != Kind.CATEGORY) {
                double[] values = kind.numbers(c);
                raw.put(column, values);
                medians.put(column, Stats.median(values));
            }
        }
        List<String> numericColumns = kept.stream().filter(c -> kinds.get(c) != Kind.CATEGORY).toList();
        List<Step> steps = new ArrayList<>();
        for (String column : kept) {
            Set<Action> actions = recipe.getOrDefault(column, Set.of());
            boolean indicator = actions.contains(Action.ADD_MISSING_INDICATOR);
            if (kinds.get(column) == Kind.CATEGORY) {
                steps.add(categoryStep(column, trainingRows.column(column), actions, indicator));
            } else {
                Filler filler = filler(column, actions, raw, medians, numericColumns);
                steps.add(numericStep(column, kinds.get(column), filler, indicator, raw));
            }
        }
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

    /** The features as numbers in a fixed column order, and the target as a class index or (transformed) number. */
    public Prepared transform(Table rows) {
        Column<?> y = targetColumn(rows, target);
        double[][] x = features(rows);
        if (!classification) {
            return Prepared.regression(outputNames, x, regressionTargets(y, target, logTarget));
        }
        int[] labels = new int[rows.rowCount()];
        Map<String, Integer> indexOf = indexes(classes);
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
        return Prepared.classification(outputNames, x, labels, classes);
    }

    /** The features of rows that need no target (new rows to predict), as numbers in the fitted column order. */
    public double[][] features(Table rows) {
        Map<String, double[]> raw = new HashMap<>();
        for (Step step : steps) {
            if (!rows.columnNames().contains(step.column())) {
                throw new IllegalArgumentException("The rows have no column '" + step.column()
                        + "', which the preprocessor was fitted with; give rows with the training data's columns.");
            }
            Column<?> c = rows.column(step.column());
            Kind found = Kind.of(c);
            if (found != step.kind() && c.countMissing() != c.size()) {
                throw new IllegalArgumentException("Column '" + step.column() + "' holds " + found.words
                        + " in these rows but held " + step.kind().words + " in the training rows; "
                        + "load the rows with the same column types as the training data.");
            }
            if (step.kind() != Kind.CATEGORY) {
                raw.put(step.column(), step.kind().numbers(c));
            }
        }
        double[][] x = new double[rows.rowCount()][outputNames.size()];
        int offset = 0;
        for (Step step : steps) {
            step.write(rows.column(step.column()), raw, x, offset);
            offset += step.outputNames().size();
        }
        return x;
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
        List<Step> steps = new ArrayList<>();
        for (JsonElement e : array(saved, "columns", where)) {
            JsonObject s = e.getAsJsonObject();
            String column = text(s, "column", where);
            Kind kind = Kind.byLabel(text(s, "kind", where));
            boolean indicator = s.has("missing_indicator") && s.get("missing_indicator").getAsBoolean();
            if (kind == Kind.CATEGORY) {
                String fill = s.has("fill") ? s.get("fill").getAsString() : null;
                steps.add(new CategoryStep(column, textList(array(s, "categories", where)), fill, indicator));
            } else {
                Ridge ridge = null;
                if (s.has("ridge")) {
                    JsonObject r = s.getAsJsonObject("ridge");
                    ridge = new Ridge(textList(array(r, "predictors", where)), numberArray(array(r, "medians", where)),
                            numberArray(array(r, "means", where)), numberArray(array(r, "sds", where)),
                            numberArray(array(r, "coefficients", where)), number(r, "intercept", where));
                }
                Filler filler = new Filler(text(s, "impute", where), number(s, "fill", where), ridge);
                steps.add(new NumericStep(column, kind, filler, indicator, number(s, "mean", where),
                        number(s, "sd", where)));
            }
        }
        return new Preprocessor(text(saved, "target", where), classification, logTarget, classes, weights, steps);
    }

    // ---- fitting ----

    private static Map<String, Set<Action>> recipe(JsonObject decision) {
        Map<String, Set<Action>> byColumn = new HashMap<>();
        for (JsonElement e : array(decision, "recipe", "data-check decision")) {
            JsonObject step = e.getAsJsonObject();
            String column = text(step, "column", "data-check recipe step");
            String name = text(step, "action", "data-check recipe step");
            Action action = Arrays.stream(Action.values()).filter(a -> a.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("The recipe asks for '" + name + "' on column '"
                            + column + "', which is not a known action; run the data check again to get a valid recipe."));
            byColumn.computeIfAbsent(column, k -> EnumSet.noneOf(Action.class)).add(action);
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

    private static CategoryStep categoryStep(String column, Column<?> c, Set<Action> actions, boolean indicator) {
        for (Action numericOnly : List.of(Action.IMPUTE_MEDIAN, Action.IMPUTE_MODEL)) {
            if (actions.contains(numericOnly)) {
                throw new IllegalArgumentException("Column '" + column + "' holds categories, so "
                        + numericOnly.name().toLowerCase(Locale.ROOT) + " cannot fill it; run the data check again "
                        + "with --column " + column + "=impute_most_frequent.");
            }
        }
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
            Ridge ridge = Ridge.fit(raw.get(column), predictors, raw, medians);
            if (ridge != null) {
                return new Filler(Filler.MODEL, median, ridge);
            }
        }
        return new Filler(Filler.MEDIAN, median, null);
    }

    private static NumericStep numericStep(String column, Kind kind, Filler filler, boolean indicator,
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

    // ---- target ----

    private static boolean isClassification(String task) {
        if (!task.equals("classification") && !task.equals("regression")) {
            throw new IllegalArgumentException("The task '" + task + "' is neither classification nor regression; "
                    + "run the data check again to get a valid decision.");
        }
        return task.equals("classification");
    }

    private static boolean isLog(String transform, boolean classification) {
        if (!transform.equals("none") && !transform.equals("log")) {
            throw new IllegalArgumentException("The target transform '" + transform + "' is neither none nor log; "
                    + "run the data check again to get a valid decision.");
        }
        if (transform.equals("log") && classification) {
            throw new IllegalArgumentException("A log target transform needs a regression, but the task is "
                    + "classification; run the data check again without log_transform_target.");
        }
        return transform.equals("log");
    }

    private static Column<?> targetColumn(Table rows, String target) {
        if (!rows.columnNames().contains(target)) {
            throw new IllegalArgumentException("The rows have no target column '" + target
                    + "'; give rows that hold the target, as the training rows did.");
        }
        return rows.column(target);
    }

    private static String targetValueText(Column<?> y, int row, String target, int rows) {
        if (y.isMissing(row)) {
            throw missingTarget(row, rows, target);
        }
        return y.getString(row);
    }

    private static double[] regressionTargets(Column<?> y, String target, boolean log) {
        if (!(y instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("The target '" + target + "' holds " + Kind.of(y).words
                    + ", not numbers, so it cannot be a regression target; run the data check with --task classification.");
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (n.isMissing(i)) {
                throw missingTarget(i, out.length, target);
            }
            double v = n.getDouble(i);
            if (log && !(v > 0)) {
                throw new IllegalArgumentException("Row " + (i + 1) + " of " + out.length + " has " + target + " = "
                        + v + ", but the log target needs values above zero; leave such rows out or run the data "
                        + "check without log_transform_target.");
            }
            out[i] = log ? Math.log(v) : v;
        }
        return out;
    }

    private static IllegalArgumentException missingTarget(int row, int rows, String target) {
        return new IllegalArgumentException("Row " + (row + 1) + " of " + rows + " has no value for the target '"
                + target + "'; leave out rows without a target before preparing them (the data check does).");
    }

    // ---- the steps ----

    /** What a feature column holds, and how it becomes numbers (dates: days since 1970-01-01). */
    private enum Kind {
        NUMBER("number", "numbers"), DATE("date", "dates"), DATE_TIME("date_time", "date-times"),
        INSTANT("instant", "instants"), TIME("time", "times of day"), CATEGORY("category", "categories");

        private static final double SECONDS_PER_DAY = 86_400.0;
        final String label;
        final String words;

        Kind(String label, String words) {
            this.label = label;
            this.words = words;
        }

        static Kind of(Column<?> c) {
            if (c instanceof NumericColumn<?>) {
                return NUMBER;
            } else if (c instanceof DateColumn) {
                return DATE;
            } else if (c instanceof DateTimeColumn) {
                return DATE_TIME;
            } else if (c instanceof InstantColumn) {
                return INSTANT;
            } else if (c instanceof TimeColumn) {
                return TIME;
            } else if (c instanceof StringColumn || c instanceof BooleanColumn) {
                return CATEGORY;
            }
            throw new IllegalArgumentException("Column '" + c.name() + "' has the type " + c.type().name()
                    + ", which the preprocessor cannot turn into numbers; leave it out of the features.");
        }

        static Kind byLabel(String label) {
            return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("The saved preprocessor has a column of kind '"
                            + label + "', which is unknown; save it again with Preprocessor.toJson()."));
        }

        /** The column as numbers, NaN where missing (every value, when the column holds nothing at all). */
        double[] numbers(Column<?> c) {
            double[] out = new double[c.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = c.isMissing(i) ? Double.NaN : number(c, i);
            }
            return out;
        }

        private double number(Column<?> c, int i) {
            return switch (this) {
                case NUMBER -> ((NumericColumn<?>) c).getDouble(i);
                case DATE -> ((LocalDate) c.get(i)).toEpochDay();
                case DATE_TIME -> {
                    LocalDateTime t = (LocalDateTime) c.get(i);
                    yield (t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9) / SECONDS_PER_DAY;
                }
                case INSTANT -> {
                    Instant t = (Instant) c.get(i);
                    yield (t.getEpochSecond() + t.getNano() / 1e9) / SECONDS_PER_DAY;
                }
                case TIME -> ((LocalTime) c.get(i)).toNanoOfDay() / (SECONDS_PER_DAY * 1e9);
                case CATEGORY -> throw new IllegalStateException("categories are one-hot encoded, not numbers");
            };
        }
    }

    private sealed interface Step permits NumericStep, CategoryStep {
        String column();

        Kind kind();

        List<String> outputNames();

        /** Writes this column's output values into x, starting at column {@code offset}. */
        void write(Column<?> c, Map<String, double[]> raw, double[][] x, int offset);

        JsonObject toJson();
    }

    /** A number column: fill missing values, then standardise; optionally a 0/1 "was missing" column after it. */
    private record NumericStep(String column, Kind kind, Filler filler, boolean indicator, double mean, double sd)
            implements Step {
        @Override
        public List<String> outputNames() {
            return indicator ? List.of(column, column + INDICATOR_SUFFIX) : List.of(column);
        }

        @Override
        public void write(Column<?> c, Map<String, double[]> raw, double[][] x, int offset) {
            double[] values = raw.get(column);
            for (int i = 0; i < values.length; i++) {
                boolean missing = Double.isNaN(values[i]);
                double v = missing ? filler.fill(raw, i) : values[i];
                x[i][offset] = (v - mean) / sd;
                if (indicator) {
                    x[i][offset + 1] = missing ? 1 : 0;
                }
            }
        }

        @Override
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("column", column);
            o.addProperty("kind", kind.label);
            o.addProperty("impute", filler.method());
            o.addProperty("fill", filler.value());
            if (filler.ridge() != null) {
                o.add("ridge", filler.ridge().toJson());
            }
            o.addProperty("missing_indicator", indicator);
            o.addProperty("mean", mean);
            o.addProperty("sd", sd);
            return o;
        }
    }

    /** A text or yes/no column: one 0/1 column per training category; missing (unless filled) and unseen: zeros. */
    private record CategoryStep(String column, List<String> categories, String fill, boolean indicator)
            implements Step {
        @Override
        public Kind kind() {
            return Kind.CATEGORY;
        }

        @Override
        public List<String> outputNames() {
            List<String> names = new ArrayList<>();
            categories.forEach(v -> names.add(column + "=" + v));
            if (indicator) {
                names.add(column + INDICATOR_SUFFIX);
            }
            return names;
        }

        @Override
        public void write(Column<?> c, Map<String, double[]> raw, double[][] x, int offset) {
            boolean allMissing = c.countMissing() == c.size(); // then its type may differ from training's
            Map<String, Integer> indexOf = indexes(categories);
            for (int i = 0; i < x.length; i++) {
                boolean missing = allMissing || c.isMissing(i);
                Integer index = indexOf.get(missing ? fill : c.getString(i)); // null: unseen, or missing and unfilled
                if (index != null) {
                    x[i][offset + index] = 1;
                }
                if (indicator) {
                    x[i][offset + categories.size()] = missing ? 1 : 0;
                }
            }
        }

        @Override
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("column", column);
            o.addProperty("kind", Kind.CATEGORY.label);
            o.add("categories", texts(categories));
            if (fill != null) {
                o.addProperty("fill", fill);
            }
            o.addProperty("missing_indicator", indicator);
            return o;
        }
    }

    /** How a missing number is filled: a fixed value (median, most frequent) or a ridge prediction. */
    private record Filler(String method, double value, Ridge ridge) {
        static final String MEDIAN = "median";
        static final String MOST_FREQUENT = "most_frequent";
        static final String MODEL = "model";

        Filler {
            if (!List.of(MEDIAN, MOST_FREQUENT, MODEL).contains(method) || method.equals(MODEL) != (ridge != null)) {
                throw new IllegalArgumentException("The saved preprocessor has the imputation '" + method
                        + "' without what it needs; save it again with Preprocessor.toJson().");
            }
        }

        double fill(Map<String, double[]> raw, int row) {
            return ridge == null ? value : ridge.predict(raw, row);
        }
    }

    /**
     * A ridge regression of one column on the other numeric features (their missing values filled with their
     * training medians), on standardised predictors with an unpenalised intercept, as scikit-learn's
     * {@code Ridge(alpha=1)} after {@code StandardScaler}.
     */
    private record Ridge(List<String> predictors, double[] medians, double[] means, double[] sds,
                         double[] coefficients, double intercept) {

        /** Null when there are no predictors or too few rows with the column present. */
        static Ridge fit(double[] column, List<String> predictors, Map<String, double[]> raw,
                         Map<String, Double> medians) {
            int p = predictors.size();
            int[] present = IntStream.range(0, column.length)
                    .filter(i -> !Double.isNaN(column[i])).toArray();
            if (p == 0 || present.length < MODEL_IMPUTE_MIN_ROWS) {
                return null;
            }
            double[] med = new double[p];
            double[][] z = new double[present.length][p];
            for (int j = 0; j < p; j++) {
                med[j] = medians.get(predictors.get(j));
                double[] values = raw.get(predictors.get(j));
                for (int r = 0; r < present.length; r++) {
                    double v = values[present[r]];
                    z[r][j] = Double.isNaN(v) ? med[j] : v;
                }
            }
            double[] means = new double[p];
            double[] sds = new double[p];
            for (int j = 0; j < p; j++) {
                double sum = 0;
                for (double[] row : z) {
                    sum += row[j];
                }
                means[j] = sum / present.length;
                double squares = 0;
                for (double[] row : z) {
                    squares += (row[j] - means[j]) * (row[j] - means[j]);
                }
                double sd = Math.sqrt(squares / present.length);
                sds[j] = sd > 0 ? sd : 1.0;
                for (double[] row : z) {
                    row[j] = (row[j] - means[j]) / sds[j];
                }
            }
            double yMean = 0;
            for (int i : present) {
                yMean += column[i];
            }
            yMean /= present.length;
            double[][] a = new double[p][p];
            double[] b = new double[p];
            for (int r = 0; r < present.length; r++) {
                double centred = column[present[r]] - yMean;
                for (int j = 0; j < p; j++) {
                    b[j] += z[r][j] * centred;
                    for (int k = 0; k <= j; k++) {
                        a[j][k] += z[r][j] * z[r][k];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                a[j][j] += RIDGE_PENALTY;
                for (int k = 0; k < j; k++) {
                    a[k][j] = a[j][k];
                }
            }
            return new Ridge(predictors, med, means, sds, solveSymmetricPositive(a, b), yMean);
        }

        double predict(Map<String, double[]> raw, int row) {
            double y = intercept;
            for (int j = 0; j < predictors.size(); j++) {
                double v = raw.get(predictors.get(j))[row];
                y += coefficients[j] * ((Double.isNaN(v) ? medians[j] : v) - means[j]) / sds[j];
            }
            return y;
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.add("predictors", texts(predictors));
            o.add("medians", numbers(medians));
            o.add("means", numbers(means));
            o.add("sds", numbers(sds));
            o.add("coefficients", numbers(coefficients));
            o.addProperty("intercept", intercept);
            return o;
        }

        /** Cholesky: A = L L^T, then two triangular solves; A is X^T X plus a positive penalty, so it is positive definite. */
        private static double[] solveSymmetricPositive(double[][] a, double[] b) {
            int p = b.length;
            double[][] l = new double[p][p];
            for (int j = 0; j < p; j++) {
                for (int k = 0; k <= j; k++) {
                    double s = a[j][k];
                    for (int m = 0; m < k; m++) {
                        s -= l[j][m] * l[k][m];
                    }
                    l[j][k] = j == k ? Math.sqrt(s) : s / l[k][k];
                }
            }
            double[] w = new double[p];
            for (int j = 0; j < p; j++) {
                double s = b[j];
                for (int m = 0; m < j; m++) {
                    s -= l[j][m] * w[m];
                }
                w[j] = s / l[j][j];
            }
            double[] beta = new double[p];
            for (int j = p - 1; j >= 0; j--) {
                double s = w[j];
                for (int m = j + 1; m < p; m++) {
                    s -= l[m][j] * beta[m];
                }
                beta[j] = s / l[j][j];
            }
            return beta;
        }
    }

    /** Each name's position in the list, to look values up in one step. */
    private static Map<String, Integer> indexes(List<String> names) {
        Map<String, Integer> out = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            out.put(names.get(k), k);
        }
        return out;
    }

    // ---- JSON helpers ----

    private static String text(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException("The " + where + " has no '" + key + "'; pass the whole JSON object "
                    + "that " + (where.startsWith("saved") ? "Preprocessor.toJson()" : "the data check") + " wrote.");
        }
        return e.getAsString();
    }

    private static double number(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("The " + where + " has no number '" + key
                    + "'; pass the whole JSON object that Preprocessor.toJson() wrote.");
        }
        return e.getAsDouble();
    }

    private static JsonArray array(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException("The " + where + " has no list '" + key + "'; pass the whole JSON "
                    + "object that " + (where.startsWith("saved") ? "Preprocessor.toJson()" : "the data check") + " wrote.");
        }
        return e.getAsJsonArray();
    }

    private static JsonArray texts(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static JsonArray numbers(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static List<String> textList(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static double[] numberArray(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }
}
