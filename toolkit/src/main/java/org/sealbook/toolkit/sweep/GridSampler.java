package org.sealbook.toolkit.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Every combination of the settings' choices, the last setting changing fastest (as nested loops written in the
 * order the reader wrote the settings). Whole-number ranges count as their list of whole numbers; a continuous
 * range has no list, so a grid over one is refused. A combination some earlier trial already ran (a sweep picked up
 * again) is skipped, so no combination runs twice.
 */
final class GridSampler implements Sampler {
    private final List<Dimension> dimensions;
    private final List<List<Object>> values = new ArrayList<>();
    private final int size;
    private int cursor;

    GridSampler(SearchSpace space) {
        this.dimensions = Dimension.of(space);
        long combinations = 1;
        for (Dimension dimension : dimensions) {
            List<Object> choices;
            if (dimension.range() instanceof Range.Choice c) {
                choices = c.values();
            } else if (dimension.range() instanceof Range.IntUniform i) {
                choices = IntStream.rangeClosed(i.lo(), i.hi()).mapToObj(v -> (Object) v).toList();
            } else {
                throw new IllegalArgumentException("A grid search tries every combination of choices, "
                        + "but " + dimension.name() + " is the range " + dimension.range().describe() + ", which "
                        + "has no list of values; give it choices such as " + example(dimension.range())
                        + ", or search it with random or bayesian.");
            }
            values.add(choices);
            combinations *= choices.size();
            if (combinations > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A grid search over these settings would be more than "
                        + Integer.MAX_VALUE + " trials; give " + dimension.name() + " and the others fewer "
                        + "choices, or search with random or bayesian.");
            }
        }
        this.size = (int) combinations;
    }

    @Override
    public synchronized Optional<Map<String, Object>> next(List<Observation> history) {
        while (cursor < size) {
            Map<String, Object> combination = combination(cursor++);
            if (history.stream().noneMatch(done -> sameSettings(done.params(), combination))) {
                return Optional.of(combination);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Integer> size() {
        return Optional.of(size);
    }

    private Map<String, Object> combination(int index) {
        Object[] chosen = new Object[dimensions.size()];
        int rest = index;
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            List<Object> choices = values.get(d);
            chosen[d] = choices.get(rest % choices.size());
            rest /= choices.size();
        }
        Map<String, Object> combination = new LinkedHashMap<>();
        for (int d = 0; d < dimensions.size(); d++) {
            combination.put(dimensions.get(d).name(), chosen[d]);
        }
        return combination;
    }

    private boolean sameSettings(Map<String, Object> done, Map<String, Object> combination) {
        for (Dimension dimension : dimensions) {
            double a = dimension.encode(done.get(dimension.name()));
            double b = dimension.encode(combination.get(dimension.name()));
            if (Double.isNaN(a) || a != b) {
                return false;
            }
        }
        return true;
    }

    private static String example(Range range) {
        if (range instanceof Range.LogUniform l) {
            return RangeText.plain(l.lo()) + ", " + RangeText.rounded(Math.sqrt(l.lo() * l.hi())) + ", "
                    + RangeText.plain(l.hi());
        }
        Range.Uniform u = (Range.Uniform) range;
        return RangeText.plain(u.lo()) + ", " + RangeText.plain((u.lo() + u.hi()) / 2) + ", "
                + RangeText.plain(u.hi());
    }
}
