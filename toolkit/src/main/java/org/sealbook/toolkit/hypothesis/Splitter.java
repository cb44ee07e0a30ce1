package org.sealbook.toolkit.hypothesis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Deals the rows that have a target into training, validation and test rows; the same seed always gives the same
 * splits. Usage:
 * {@code Splits s = Splitter.split(rows, "diagnosis", "classification", SplitStrategy.STRATIFIED, null, null, Ratios.DEFAULT, 42);}
 */
public final class Splitter {
    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int TEST = 2;
    private static final int SPLITS = 3;

    private Splitter() {
    }

    /**
     * Splits {@code rows} (only rows that have a target) with {@code strategy}; {@code groupColumn} is needed for
     * GROUP and {@code timeColumn} for TIME, each ignored otherwise. Bad input is refused with one sentence.
     */
    public static Splits split(Table rows, String target, String task, SplitStrategy strategy, String groupColumn,
                               String timeColumn, Ratios ratios, long seed) {
        boolean classification = isClassification(task);
        requireTarget(rows, target);
        if (strategy == null) {
            throw new IllegalArgumentException("No split strategy was given; use random, stratified, group or time.");
        }
        if (ratios == null) {
            throw new IllegalArgumentException("No split ratios were given; pass three shares such as 0.7/0.15/0.15.");
        }
        if (strategy == SplitStrategy.STRATIFIED && !classification) {
            throw new IllegalArgumentException("A stratified split keeps each class's share, but " + target
                    + " is a regression target without classes; use --split random, group or time.");
        }
        int n = rows.rowCount();
        int[] sizes = sizes(n, ratios);
        if (sizes[TRAIN] < 1 || sizes[VALIDATION] < 1 || sizes[TEST] < 1) {
            throw new IllegalArgumentException("There are only " + n + " rows to split, too few for the ratios " + ratios
                    + " to give training, validation and test at least one row each; use more rows or larger "
                    + "validation and test shares.");
        }
        int[] splitOfRow = switch (strategy) {
            case RANDOM -> random(n, sizes, new Random(seed));
            case STRATIFIED -> stratified(rows.column(target), ratios, new Random(seed));
            case GROUP -> group(rows, groupColumn, sizes, new Random(seed));
            case TIME -> time(rows, timeColumn, sizes);
        };
        return toSplits(splitOfRow, strategy);
    }

    /** True for "classification", false for "regression"; one sentence for anything else. */
    static boolean isClassification(String task) {
        if ("classification".equals(task)) {
            return true;
        }
        if ("regression".equals(task)) {
            return false;
        }
        throw new IllegalArgumentException("The task " + task + " is neither classification nor regression; "
                + "pass one of those two, as the data check sealed it.");
    }

    /** Refuses a missing table, an unknown target column, or a target with missing values. */
    static void requireTarget(Table rows, String target) {
        if (rows == null) {
            throw new IllegalArgumentException("There is no table of rows; pass the rows that have a target.");
        }
        if (target == null || !rows.containsColumn(target)) {
            throw new IllegalArgumentException("There is no target column named " + target + " among the columns "
                    + rows.columnNames() + "; name the column to predict.");
        }
        int missing = rows.column(target).countMissing();
        if (missing > 0) {
            throw new IllegalArgumentException("The target " + target + " is missing in " + missing + " of the "
                    + rows.rowCount() + " rows; pass only the rows that have a target.");
        }
    }

    /** Rows per split: train and validation rounded from their shares, test the rest. */
    private static int[] sizes(int n, Ratios ratios) {
        int train = (int) Math.round(n * ratios.train());
        int validation = (int) Math.round(n * ratios.validation());
        return new int[] {train, validation, n - train - validation};
    }

    private static int[] random(int n, int[] sizes, Random random) {
        int[] order = identity(n);
        shuffle(order, random);
        return byPosition(order, sizes[TRAIN], sizes[TRAIN] + sizes[VALIDATION]);
    }

    /** Each class (in first-seen order) shuffled and cut on its own, so every split keeps the class shares. */
    private static int[] stratified(Column<?> target, Ratios ratios, Random random) {
        Map<String, List<Integer>> rowsByClass = new LinkedHashMap<>();
        for (int row = 0; row < target.size(); row++) {
            rowsByClass.computeIfAbsent(target.getString(row), label -> new ArrayList<>()).add(row);
        }
        int[] splitOfRow = new int[target.size()];
        for (List<Integer> members : rowsByClass.values()) {
            int[] order = members.stream().mapToInt(Integer::intValue).toArray();
            shuffle(order, random);
            int[] sizes = sizes(order.length, ratios);
            if (order.length >= SPLITS) {
                giveEverySplitOneRow(sizes);
            }
            int[] classSplits = byPosition(identity(order.length), sizes[TRAIN], sizes[TRAIN] + sizes[VALIDATION]);
            for (int i = 0; i < order.length; i++) {
                splitOfRow[order[i]] = classSplits[i];
            }
        }
        return splitOfRow;
    }

    /** Rounding can leave a small class out of a split; take its row from the largest split instead. */
    private static void giveEverySplitOneRow(int[] sizes) {
        for (int s = 0; s < SPLITS; s++) {
            if (sizes[s] == 0) {
                int largest = sizes[TRAIN] >= sizes[VALIDATION] && sizes[TRAIN] >= sizes[TEST] ? TRAIN
                        : sizes[VALIDATION] >= sizes[TEST] ? VALIDATION : TEST;
                sizes[largest]--;
                sizes[s]++;
            }
        }
    }

    /**
     * Whole groups, shuffled, filled into train, then validation, then test: a split takes groups until it reaches
     * its share or the next group would take it further from its share, and each split keeps at least one group.
     */
    private static int[] group(Table rows, String groupColumn, int[] sizes, Random random) {
        if (groupColumn == null) {
            throw new IllegalArgumentException("A group split keeps all rows of one group together, but no group "
                    + "column was given; name it with --group COL.");
        }
        if (!rows.containsColumn(groupColumn)) {
            throw new IllegalArgumentException("There is no column named " + groupColumn + " to group by; name an "
                    + "existing column with --group COL.");
        }
        Column<?> column = rows.column(groupColumn);
        Map<String, List<Integer>> rowsByGroup = new LinkedHashMap<>();
        for (int row = 0; row < column.size(); row++) {
            // missing values form one group "(missing)"; Tablesaw holds no present value as empty text
            String key = column.isMissing(row) ? "" : column.getString(row);
            rowsByGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<List<Integer>> groups = new ArrayList<>(rowsByGroup.values());
        if (groups.size() < SPLITS) {
            throw new IllegalArgumentException("The group column " + groupColumn + " has only " + groups.size()
                    + (groups.size() == 1 ? " group" : " groups") + ", too few to give training, validation and test "
                    + "a group each; name a column with at least 3 groups with --group COL or use another split.");
        }
        int[] groupOrder = identity(groups.size());
        shuffle(groupOrder, random);
        int[] splitOfRow = new int[rows.rowCount()];
        int[] filled = new int[SPLITS];
        int split = TRAIN;
        for (int i = 0; i < groupOrder.length; i++) {
            List<Integer> members = groups.get(groupOrder[i]);
            int groupsLeft = groupOrder.length - i;
            int splitsAfter = TEST - split;
            boolean full = filled[split] >= sizes[split]
                    || Math.abs(filled[split] + members.size() - sizes[split]) > Math.abs(filled[split] - sizes[split]);
            if (split < TEST && filled[split] > 0 && (full || groupsLeft <= splitsAfter)) {
                split++;
            }
            for (int row : members) {
                splitOfRow[row] = split;
            }
            filled[split] += members.size();
        }
        return splitOfRow;
    }

    /**
     * Rows in time order (ties keep row order) cut by the shares; a cut inside a run of equal times moves forward to
     * the run's end, or back to its start when moving forward would leave a later split without rows.
     */
    private static int[] time(Table rows, String timeColumn, int[] sizes) {
        if (timeColumn == null) {
            throw new IllegalArgumentException("A time split puts earlier rows in training and later rows in test, "
                    + "but no time column was given; name a date column with --time COL.");
        }
        if (!rows.containsColumn(timeColumn)) {
            throw new IllegalArgumentException("There is no column named " + timeColumn + " to order rows by time; "
                    + "name an existing date column with --time COL.");
        }
        Column<?> column = rows.column(timeColumn);
        Comparator<Integer> byTime = timeOrder(column);
        int missing = column.countMissing();
        if (missing > 0) {
            throw new IllegalArgumentException("The time column " + timeColumn + " has no value in " + missing
                    + (missing == 1 ? " row" : " rows") + ", which cannot be put in time order; drop or fill those "
                    + "rows before splitting, or use another split.");
        }
        Integer[] boxed = Arrays.stream(identity(rows.rowCount())).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, byTime); // a stable sort, so equal times keep row order
        int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        int n = order.length;
        int trainEnd = cutBetweenTimes(order, byTime, sizes[TRAIN], 1, n - 2, timeColumn);
        int validationEnd = cutBetweenTimes(order, byTime, Math.max(sizes[TRAIN] + sizes[VALIDATION], trainEnd + 1),
                trainEnd + 1, n - 1, timeColumn);
        // every training time before every validation time, every validation time before every test time
        if (byTime.compare(order[trainEnd - 1], order[trainEnd]) >= 0
                || byTime.compare(order[validationEnd - 1], order[validationEnd]) >= 0) {
            throw new IllegalStateException("The time split put equal times on both sides of a cut in " + timeColumn
                    + "; this is a bug in Sealbook, please report it with the data.");
        }
        return byPosition(order, trainEnd, validationEnd);
    }

    /** Moves {@code cut} to a place between two different times, staying within {@code lowest..highest}. */
    private static int cutBetweenTimes(int[] order, Comparator<Integer> byTime, int cut, int lowest, int highest,
                                       String timeColumn) {
        int forward = cut;
        while (forward < order.length && byTime.compare(order[forward - 1], order[forward]) == 0) {
            forward++;
        }
        if (forward <= highest) {
            return forward;
        }
        int back = cut;
        while (back > 0 && byTime.compare(order[back - 1], order[back]) == 0) {
            back--;
        }
        if (back >= lowest) {
            return back;
        }
        int distinct = 1;
        for (int position = 1; position < order.length; position++) {
            distinct += byTime.compare(order[position - 1], order[position]) == 0 ? 0 : 1;
        }
        throw new IllegalArgumentException("The time column " + timeColumn + " has only " + distinct + " different "
                + "times, too few to give training, validation and test each their own period without one time falling in two "
                + "splits; choose a finer time column with --time COL or use another split.");
    }

    /** Orders row indices by the column's time; one sentence for a column that holds no times or numbers. */
    private static Comparator<Integer> timeOrder(Column<?> column) {
        if (column instanceof NumberColumn<?, ?> numbers) {
            return Comparator.comparingDouble(numbers::getDouble);
        }
        if (column instanceof DateColumn dates) {
            return Comparator.comparing(dates::get);
        }
        if (column instanceof DateTimeColumn dateTimes) {
            return Comparator.comparing(dateTimes::get);
        }
        if (column instanceof InstantColumn instants) {
            return Comparator.comparing(instants::get);
        }
        ColumnType type = column.type();
        String holds = type == ColumnType.STRING ? "text"
                : type == ColumnType.BOOLEAN ? "yes/no values"
                : type == ColumnType.LOCAL_TIME ? "times of day without dates"
                : type.name().toLowerCase(Locale.ROOT) + " values";
        throw new IllegalArgumentException("The time column " + column.name() + " holds " + holds
                + ", not dates or numbers, so rows cannot be put in time order; choose a date column with --time COL "
                + "or use another split.");
    }

    /** The split of each row when {@code order} is dealt out: positions before trainEnd to train, and so on. */
    private static int[] byPosition(int[] order, int trainEnd, int validationEnd) {
        int[] splitOfRow = new int[order.length];
        for (int position = 0; position < order.length; position++) {
            splitOfRow[order[position]] = position < trainEnd ? TRAIN : position < validationEnd ? VALIDATION : TEST;
        }
        return splitOfRow;
    }

    private static Splits toSplits(int[] splitOfRow, SplitStrategy strategy) {
        int[] counts = new int[SPLITS];
        for (int split : splitOfRow) {
            counts[split]++;
        }
        int[][] rows = {new int[counts[TRAIN]], new int[counts[VALIDATION]], new int[counts[TEST]]};
        int[] next = new int[SPLITS];
        for (int row = 0; row < splitOfRow.length; row++) {
            rows[splitOfRow[row]][next[splitOfRow[row]]++] = row;
        }
        for (int s = 0; s < SPLITS; s++) {
            if (counts[s] == 0) {
                // only a stratified split of classes that each have fewer than 3 rows can get here
                throw new IllegalArgumentException("The " + strategy.label() + " split left the "
                        + Splits.NAMES.get(s) + " split without rows because every class has fewer than 3 rows; use "
                        + "more rows or --split random.");
            }
        }
        return Splits.of(rows[TRAIN], rows[VALIDATION], rows[TEST]);
    }

    private static int[] identity(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    /** Fisher-Yates: every order equally likely, and the same order for the same seed. */
    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
