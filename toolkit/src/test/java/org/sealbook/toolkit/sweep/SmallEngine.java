package org.sealbook.toolkit.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the search engine the other branch fills in (SearchSpace.parseRange, Sampler.of, Importance.of), so
 * the stage's tests run before the merge: ranges as the issue writes them, a grid and a seeded random sampler, and
 * importance as the share of the score variance explained by each setting's value groups. Early stopping is left
 * out on purpose: tests that need it are the real engine's (SweepWithTheRealEngineAfterMergeTest).
 */
public final class SmallEngine {
    private static final Pattern CALL = Pattern.compile("(range|log|int)\\(\\s*([^,]*)\\s*,\\s*([^)]*)\\s*\\)");

    public static final Engine ENGINE = new Engine(SmallEngine::parse, SmallEngine::sampler, (min, max, eta) -> {
        throw new UnsupportedOperationException("early stopping needs the real engine");
    }, SmallEngine::importance);

    private SmallEngine() {
    }

    static Range parse(String setting, String text) {
        String t = text.strip();
        Matcher m = CALL.matcher(t);
        if (m.matches()) {
            double lo = Double.parseDouble(m.group(2));
            double hi = Double.parseDouble(m.group(3));
            if (lo >= hi) {
                throw new IllegalArgumentException("The range of " + setting + " is empty (" + t + "): its low end must "
                        + "be below its high end.");
            }
            if (m.group(1).equals("log") && lo <= 0) {
                throw new IllegalArgumentException("The range of " + setting + " (" + t + ") is searched in powers of "
                        + "ten, so both ends must be above 0.");
            }
            return switch (m.group(1)) {
                case "range" -> new Range.Uniform(lo, hi);
                case "log" -> new Range.LogUniform(lo, hi);
                default -> new Range.IntUniform((int) lo, (int) hi);
            };
        }
        if (!t.contains(",")) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (String v : t.split(",")) {
            String s = v.strip();
            values.add(s.matches("-?\\d+") ? (Object) Integer.parseInt(s)
                    : s.matches("-?[0-9.eE+-]+") ? (Object) Double.parseDouble(s) : s);
        }
        return new Range.Choice(values);
    }

    static Sampler sampler(String strategy, SearchSpace space, long seed) {
        if (strategy.equals("grid")) {
            List<Map<String, Object>> all = new ArrayList<>();
            all.add(new LinkedHashMap<>());
            for (Map.Entry<String, Range> e : space.ranges().entrySet()) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> partial : all) {
                    for (Object v : ((Range.Choice) e.getValue()).values()) {
                        Map<String, Object> more = new LinkedHashMap<>(partial);
                        more.put(e.getKey(), v);
                        next.add(more);
                    }
                }
                all = next;
            }
            List<Map<String, Object>> grid = all;
            return new Sampler() {
                @Override
                public Optional<Map<String, Object>> next(List<Observation> history) {
                    return history.size() < grid.size() ? Optional.of(grid.get(history.size())) : Optional.empty();
                }

                @Override
                public Optional<Integer> size() {
                    return Optional.of(grid.size());
                }
            };
        }
        Random random = new Random(seed);
        return history -> {
            Map<String, Object> next = new LinkedHashMap<>();
            space.ranges().forEach((name, range) -> next.put(name, draw(range, random)));
            return Optional.of(next);
        };
    }

    private static Object draw(Range range, Random random) {
        if (range instanceof Range.Choice c) {
            return c.values().get(random.nextInt(c.values().size()));
        }
        if (range instanceof Range.IntUniform i) {
            return i.lo() + random.nextInt(i.hi() - i.lo() + 1);
        }
        if (range instanceof Range.Uniform u) {
            return u.lo() + random.nextDouble() * (u.hi() - u.lo());
        }
        Range.LogUniform l = (Range.LogUniform) range;
        return Math.exp(Math.log(l.lo()) + random.nextDouble() * (Math.log(l.hi()) - Math.log(l.lo())));
    }

    /** Each setting's between-group share of the score variance, grouped by its value. */
    static Map<String, Double> importance(SearchSpace space, List<Observation> trials, long seed) {
        if (trials.size() < Importance.MIN_TRIALS) {
            return Map.of();
        }
        double mean = trials.stream().mapToDouble(Observation::score).average().orElse(0);
        double total = trials.stream().mapToDouble(o -> Math.pow(o.score() - mean, 2)).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String name : space.ranges().keySet()) {
            Map<Object, List<Double>> groups = new LinkedHashMap<>();
            trials.forEach(o -> groups.computeIfAbsent(o.params().get(name), k -> new ArrayList<>()).add(o.score()));
            double between = groups.values().stream().mapToDouble(g -> g.size()
                    * Math.pow(g.stream().mapToDouble(Double::doubleValue).average().orElse(0) - mean, 2)).sum();
            shares.put(name, total == 0 ? 0 : between / total);
        }
        return shares;
    }
}
