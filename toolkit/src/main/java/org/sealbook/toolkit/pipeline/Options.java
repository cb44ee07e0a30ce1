package org.sealbook.toolkit.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options a stage was given, checked against its declarations and parsed into their types. Read them with
 * {@link #get}; {@link #has} tells whether the reader gave one or its default stands. Made by {@link Arguments}.
 */
public final class Options {
    /** One given value: the name as written (for an option named by a pattern), its text and its parsed value. */
    record Given(String name, String text, Object value) {
    }

    private final Map<Option<?>, List<Given>> given;

    Options(Map<Option<?>, List<Given>> given) {
        this.given = new LinkedHashMap<>();
        given.forEach((o, values) -> this.given.put(o, List.copyOf(values)));
    }

    /** No options given: every default stands. */
    public static Options none() {
        return new Options(Map.of());
    }

    /** The value given, else the option's default (null when it has none). */
    public <T> T get(Option<T> option) {
        List<Given> values = given.get(option);
        if (values == null || values.isEmpty()) {
            return option.fallback();
        }
        @SuppressWarnings("unchecked")
        T value = (T) values.get(0).value();
        return value;
    }

    /** Whether the reader gave this option (its default does not count). */
    public boolean has(Option<?> option) {
        return given.containsKey(option) && !given.get(option).isEmpty();
    }

    /** Every value given for a repeatable option, in the order given. */
    public <T> List<T> all(Option<T> option) {
        List<T> out = new ArrayList<>();
        for (Given g : given.getOrDefault(option, List.of())) {
            @SuppressWarnings("unchecked")
            T value = (T) g.value();
            out.add(value);
        }
        return out;
    }

    /** For an option named by a pattern ({@code exp_NNN}): each name given, with its value, in the order given. */
    public <T> Map<String, T> named(Option<T> option) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Given g : given.getOrDefault(option, List.of())) {
            @SuppressWarnings("unchecked")
            T value = (T) g.value();
            out.put(g.name(), value);
        }
        return out;
    }
}
