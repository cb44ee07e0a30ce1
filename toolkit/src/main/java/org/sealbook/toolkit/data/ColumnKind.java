package org.sealbook.toolkit.data;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * What a column is to the recipe, which decides the fixes that apply to it ({@link Mitigation.Action#fits}): a
 * feature of numbers (dates and times count: the trainer turns them into numbers), a feature of text or categories
 * (yes/no counts), or the target of a regression or of a classification.
 * Usage: {@code ColumnKind kind = ColumnKind.ofFeature(table.column("Origin"));}
 */
public enum ColumnKind {
    NUMERIC_FEATURE("a numeric feature"),
    CATEGORY_FEATURE("a text or category feature"),
    NUMERIC_TARGET("the numeric target of a regression"),
    CLASS_TARGET("the class target of a classification");

    private final String words;

    ColumnKind(String words) {
        this.words = words;
    }

    /** A feature column's kind: text and yes/no are categories, everything else the trainer reads as numbers. */
    public static ColumnKind ofFeature(Column<?> column) {
        return column instanceof StringColumn || column instanceof BooleanColumn ? CATEGORY_FEATURE : NUMERIC_FEATURE;
    }

    /** The target's kind for the task it is predicted in. */
    public static ColumnKind ofTarget(Task task) {
        return task == Task.CLASSIFICATION ? CLASS_TARGET : NUMERIC_TARGET;
    }

    /** The kind in words, e.g. "a text or category feature". */
    public String words() {
        return words;
    }

    /** The simple fill for gaps in a feature of this kind: the median for numbers, the most common value else. */
    Mitigation.Action simpleImpute() {
        return this == NUMERIC_FEATURE ? Mitigation.Action.IMPUTE_MEDIAN : Mitigation.Action.IMPUTE_MOST_FREQUENT;
    }
}
