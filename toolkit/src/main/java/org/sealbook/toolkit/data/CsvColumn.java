package org.sealbook.toolkit.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.AbstractColumnParser;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.ReadOptions;

/**
 * One column of a file {@link CsvReader} reads, as its values arrive: whole numbers, then decimals, or text; missing
 * where empty. At the end it becomes a Tablesaw column, text typed as dates, times or yes/no where every value fits.
 * Usage: {@code column.add(bytes, length); Column<?> c = column.toColumn(options);}
 */
final class CsvColumn {
    static final int WHOLE = 0;
    static final int DECIMAL = 1;
    static final int TEXT = 2;
    static final int SKIPPED = 3;
    private static final int INTERN_LIMIT = 1 << 16; // beyond this many distinct values, sharing saves little

    final String name;
    int kind;
    int size;
    boolean needsText; // held numbers, then text: the second pass reads it as text
    private boolean anyPresent;
    private long[] whole = new long[1024];
    private double[] decimal;
    private String[] text;
    private Map<String, String> interned;
    private final CsvNumber number = new CsvNumber();

    CsvColumn(String name, int kind) {
        this.name = name;
        this.kind = kind;
        if (kind == TEXT) {
            toText();
        } else if (kind == SKIPPED) {
            whole = null;
        }
    }

    void add(byte[] bytes, int length) {
        int at = size++;
        if (kind == SKIPPED || needsText) {
            return;
        }
        if (length == 0) {
            missing(at);
            return;
        }
        if (kind != TEXT) {
            int parsed = number.parse(bytes, length);
            if (parsed == CsvNumber.WHOLE && kind == WHOLE) {
                ensure(at);
                whole[at] = number.whole;
                anyPresent = true;
                return;
            }
            if (parsed != CsvNumber.NOT_A_NUMBER) {
                if (kind == WHOLE) {
                    toDecimal();
                }
                ensure(at);
                decimal[at] = parsed == CsvNumber.WHOLE ? number.whole : number.decimal;
                anyPresent = true;
                return;
            }
            if (anyPresent) {
                needsText = true;
                return;
            }
            toText(); // only missing values so far: nothing to read again
        }
        ensure(at);
        String s = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (interned.size() < INTERN_LIMIT) {
            String shared = interned.putIfAbsent(s, s);
            s = shared == null ? s : shared;
        }
        text[at] = s;
        anyPresent = true;
    }

    private void missing(int at) {
        ensure(at);
        switch (kind) {
            case WHOLE -> whole[at] = Long.MIN_VALUE;
            case DECIMAL -> decimal[at] = Double.NaN;
            default -> text[at] = "";
        }
    }

    private void ensure(int at) {
        int capacity = kind == WHOLE ? whole.length : kind == DECIMAL ? decimal.length : text.length;
        if (at < capacity) {
            return;
        }
        int grown = Math.max(at + 1, capacity * 2);
        switch (kind) {
            case WHOLE -> whole = Arrays.copyOf(whole, grown);
            case DECIMAL -> decimal = Arrays.copyOf(decimal, grown);
            default -> text = Arrays.copyOf(text, grown);
        }
    }

    private void toDecimal() {
        decimal = new double[whole.length];
        for (int i = 0; i < size - 1; i++) {
            decimal[i] = whole[i] == Long.MIN_VALUE ? Double.NaN : whole[i];
        }
        whole = null;
        kind = DECIMAL;
    }

    private void toText() {
        text = new String[Math.max(1024, size)];
        Arrays.fill(text, 0, size, "");
        interned = new HashMap<>();
        whole = null;
        decimal = null;
        kind = TEXT;
    }

    Column<?> toColumn(ReadOptions options) {
        switch (kind) {
            case WHOLE -> {
                if (!anyPresent) {
                    return StringColumn.create(name, emptyText(size)); // no values at all: nothing to type
                }
                long[] v = Arrays.copyOf(whole, size);
                boolean fitsInt = true;
                for (long x : v) {
                    fitsInt &= x == Long.MIN_VALUE || (x > Integer.MIN_VALUE && x <= Integer.MAX_VALUE);
                }
                if (!fitsInt) {
                    return LongColumn.create(name, v);
                }
                int[] ints = new int[size];
                for (int i = 0; i < size; i++) {
                    ints[i] = v[i] == Long.MIN_VALUE ? Integer.MIN_VALUE : (int) v[i];
                }
                return IntColumn.create(name, ints);
            }
            case DECIMAL -> {
                return DoubleColumn.create(name, Arrays.copyOf(decimal, size));
            }
            default -> {
                return typedText(name, Arrays.copyOf(text, size), options);
            }
        }
    }

    private static String[] emptyText(int size) {
        String[] out = new String[size];
        Arrays.fill(out, "");
        return out;
    }

    /** Dates, times and yes/no when Tablesaw's parser reads every distinct value; text otherwise. */
    private static Column<?> typedText(String name, String[] values, ReadOptions options) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            if (!v.isEmpty()) {
                distinct.add(v);
            }
        }
        if (!distinct.isEmpty()) {
            for (ColumnType type : List.of(ColumnType.LOCAL_DATE_TIME, ColumnType.LOCAL_TIME, ColumnType.LOCAL_DATE,
                    ColumnType.BOOLEAN)) {
                AbstractColumnParser<?> parser = type.customParser(options);
                if (distinct.stream().allMatch(parser::canParse)) {
                    Column<?> column = type.create(name);
                    for (String v : values) {
                        if (v.isEmpty()) {
                            column.appendMissing();
                        } else {
                            column.appendCell(v, parser);
                        }
                    }
                    return column;
                }
            }
        }
        return StringColumn.create(name, values);
    }
}
