package org.sealbook.toolkit.prepare;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/** What a feature column holds, and how it becomes numbers (dates: days since 1970-01-01). */
enum FeatureKind {
    NUMBER("number", "numbers"), DATE("date", "dates"), DATE_TIME("date_time", "date-times"),
    INSTANT("instant", "instants"), TIME("time", "times of day"), CATEGORY("category", "categories");

    private static final double SECONDS_PER_DAY = 86_400.0;
    final String label;
    final String words;

    FeatureKind(String label, String words) {
        this.label = label;
        this.words = words;
    }

    static FeatureKind of(Column<?> c) {
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

    static FeatureKind byLabel(String label) {
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
