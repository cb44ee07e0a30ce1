package org.sealbook.toolkit.sweep;

import java.util.List;

/**
 * Where one setting of a sweep is searched: a list of choices ({@code a, b, c}), a uniform range
 * ({@code range(lo, hi)}), a range searched evenly in powers of ten ({@code log(lo, hi)}) or whole numbers
 * ({@code int(lo, hi)}). Parsed from a {@code %%sweep} line's value by {@link SearchSpace#parseRange}.
 */
public sealed interface Range permits Range.Choice, Range.Uniform, Range.LogUniform, Range.IntUniform {
    /** The range as the reader typed it, e.g. {@code log(0.001, 0.1)}. */
    String describe();

    /** {@code a, b, c}: each value an Integer, Double or String. */
    record Choice(List<Object> values) implements Range {
        public String describe() {
            return String.join(", ", values.stream()
                    .map(v -> v instanceof Double d ? RangeText.plain(d) : String.valueOf(v)).toList());
        }
    }

    /** {@code range(lo, hi)}, lo < hi. */
    record Uniform(double lo, double hi) implements Range {
        public String describe() {
            return "range(" + RangeText.plain(lo) + ", " + RangeText.plain(hi) + ")";
        }
    }

    /** {@code log(lo, hi)}, 0 < lo < hi. */
    record LogUniform(double lo, double hi) implements Range {
        public String describe() {
            return "log(" + RangeText.plain(lo) + ", " + RangeText.plain(hi) + ")";
        }
    }

    /** {@code int(lo, hi)}, lo < hi, both ends included. */
    record IntUniform(int lo, int hi) implements Range {
        public String describe() {
            return "int(" + lo + ", " + hi + ")";
        }
    }
}
