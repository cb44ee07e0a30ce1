package org.sealbook.toolkit.hypothesis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sealbook.toolkit.explain.Numbers;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How the target is spread over the training, validation and test splits, so a learner can see that the splits
 * look alike: class shares for classification, min/median/max/mean for regression.
 * Usage: {@code SplitBalance.of(rows, "diagnosis", "classification", splits).rows()}
 */
public final class SplitBalance {
    /** One class in one split: its label, its rows there and their share of that split's rows (0..1). */
    public record ClassShare(String label, int count, double share) {
    }

    /** A regression target's spread in one split. */
    public record Spread(double min, double median, double max, double mean) {
    }

    /**
     * A class with rows in some split but none in others, e.g. {@code rare, 2, {train=2, validation=0, test=0}}:
     * no score on a split it is missing from says anything about it, and missing from train it cannot be learned.
     */
    public record Absence(String label, int total, Map<String, Integer> countBySplit) {
        public Absence {
            countBySplit = Collections.unmodifiableMap(new LinkedHashMap<>(countBySplit));
        }

        /** The splits (train, validation, test order) that hold none of this class's rows. */
        public List<String> missingFrom() {
            return countBySplit.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        }

        /** The splits that hold at least one of its rows. */
        public List<String> presentIn() {
            return countBySplit.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        }
    }

    /** One line of the table shown to the learner, e.g. {@code train, 398, "malignant 37.2% (148), benign 62.8% (250)"}. */
    public record Row(String split, int rows, String summary) {
    }

    private final boolean classification;
    private final Map<String, List<ClassShare>> classesBySplit;
    private final Map<String, Spread> spreadBySplit;
    private final List<Row> rows;

    private SplitBalance(boolean classification, Map<String, List<ClassShare>> classesBySplit,
                         Map<String, Spread> spreadBySplit, List<Row> rows) {
        this.classification = classification;
        this.classesBySplit = classesBySplit;
        this.spreadBySplit = spreadBySplit;
        this.rows = rows;
    }

    /**
     * The balance of {@code target} in each split of {@code rows} (the rows that have a target); splits that do not
     * cover exactly these rows are refused as by {@link Splits#requireDisjointAndComplete(int)}.
     */
    public static SplitBalance of(Table rows, String target, String task, Splits splits) {
        boolean classification = Splitter.isClassification(task);
        Splitter.requireTarget(rows, target);
        if (splits == null) {
            throw new IllegalArgumentException("There are no splits to describe; pass the splits of these rows.");
        }
        splits.requireDisjointAndComplete(rows.rowCount());
        Column<?> column = rows.column(target);
        if (!classification && !(column instanceof NumberColumn<?, ?>)) {
            throw new IllegalArgumentException("The regression target " + target + " holds " + column.type().name()
                    .toLowerCase(Locale.ROOT) + " values, not numbers; pass --task classification or a "
                    + "numeric target.");
        }
        Map<String, List<ClassShare>> classesBySplit = new LinkedHashMap<>();
        Map<String, Spread> spreadBySplit = new LinkedHashMap<>();
        List<Row> table = new ArrayList<>();
        List<String> labels = classification ? labelsInFirstSeenOrder(column) : List.of();
        for (String split : Splits.NAMES) {
            int[] indices = splits.get(split);
            String summary;
            if (classification) {
                List<ClassShare> shares = classShares(column, labels, indices);
                classesBySplit.put(split, shares);
                summary = shares.stream().map(c -> c.label() + " " + Numbers.percent(c.share()) + " (" + c.count() + ")")
                        .collect(Collectors.joining(", "));
            } else {
                Spread spread = spread((NumberColumn<?, ?>) column, indices);
                spreadBySplit.put(split, spread);
                summary = "min " + Numbers.number(spread.min()) + ", median " + Numbers.number(spread.median()) + ", max "
                        + Numbers.number(spread.max()) + ", mean " + Numbers.number(spread.mean());
            }
            table.add(new Row(split, indices.length, summary));
        }
        return new SplitBalance(classification, classesBySplit, spreadBySplit, List.copyOf(table));
    }

    /** One row per split, in the order train, validation, test. */
    public List<Row> rows() {
        return rows;
    }

    /** Each class's count and share in {@code split}, every class listed in the order it first appears. */
    public List<ClassShare> classShares(String split) {
        if (!classification) {
            throw new IllegalStateException("A regression target has no classes; read spread(" + split + ") instead.");
        }
        return List.copyOf(classesBySplit.get(checked(split)));
    }

    /**
     * The classes that have no rows in at least one split, in the order they first appear; empty for a regression
     * target or when every split holds every class.
     */
    public List<Absence> absentClasses() {
        if (!classification) {
            return List.of();
        }
        Map<String, Map<String, Integer>> countsByLabel = new LinkedHashMap<>();
        classesBySplit.forEach((split, shares) -> shares.forEach(c ->
                countsByLabel.computeIfAbsent(c.label(), k -> new LinkedHashMap<>()).put(split, c.count())));
        List<Absence> absent = new ArrayList<>();
        countsByLabel.forEach((label, counts) -> {
            if (counts.containsValue(0)) {
                absent.add(new Absence(label, counts.values().stream().mapToInt(Integer::intValue).sum(), counts));
            }
        });
        return List.copyOf(absent);
    }

    /** The regression target's min, median, max and mean in {@code split}. */
    public Spread spread(String split) {
        if (classification) {
            throw new IllegalStateException("A classification target has no spread; read classShares(" + split
                    + ") instead.");
        }
        return spreadBySplit.get(checked(split));
    }

    private static String checked(String split) {
        if (!Splits.NAMES.contains(split)) {
            throw new IllegalArgumentException("There is no split called " + split + "; use train, validation or test.");
        }
        return split;
    }

    private static List<String> labelsInFirstSeenOrder(Column<?> column) {
        Set<String> labels = new LinkedHashSet<>();
        for (int row = 0; row < column.size(); row++) {
            labels.add(column.getString(row));
        }
        return List.copyOf(labels);
    }

    private static List<ClassShare> classShares(Column<?> column, List<String> labels, int[] indices) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        labels.forEach(label -> counts.put(label, 0));
        for (int row : indices) {
            counts.merge(column.getString(row), 1, Integer::sum);
        }
        List<ClassShare> shares = new ArrayList<>();
        counts.forEach((label, count) -> shares.add(new ClassShare(label, count, (double) count / indices.length)));
        return shares;
    }

    private static Spread spread(NumberColumn<?, ?> column, int[] indices) {
        double[] values = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            values[i] = column.getDouble(indices[i]);
        }
        Arrays.sort(values);
        int middle = values.length / 2;
        double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new Spread(values[0], median, values[values.length - 1], Arrays.stream(values).average().orElseThrow());
    }
}
