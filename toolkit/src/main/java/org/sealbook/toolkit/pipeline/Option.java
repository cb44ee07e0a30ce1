package org.sealbook.toolkit.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.sealbook.toolkit.explain.Numbers;

/**
 * One option a stage declares, once: its name, what its value looks like, its default and one line of help. The
 * magic's argument parsing, the nearest-name hints, {@code %lsmagic}, completion, the JShell methods and the
 * README's table all come from these declarations. Values are checked by the option's parser, whose sentence names
 * the option as the reader wrote it. Usage: {@code Option<Long> SEED = Option.whole("seed", 42, 0, "the seed ...")}.
 *
 * @param <T> the parsed value's type
 */
public final class Option<T> {
    /** Turns the text given for an option into its value, or throws a {@link StageProblem} naming {@code written}. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String written, String text);
    }

    private final String name;
    private final String placeholder;
    private final String type;
    private final T fallback;
    private final String fallbackText;
    private final String help;
    private final Parser<T> parser;
    private final boolean flag;
    private final boolean required;
    private final boolean positional;
    private final boolean repeatable;
    private final Pattern namePattern;

    private Option(String name, String placeholder, String type, T fallback, String fallbackText, String help,
                   Parser<T> parser, boolean flag, boolean required, boolean positional, boolean repeatable,
                   Pattern namePattern) {
        this.name = name;
        this.placeholder = placeholder;
        this.type = type;
        this.fallback = fallback;
        this.fallbackText = fallbackText;
        this.help = help;
        this.parser = parser;
        this.flag = flag;
        this.required = required;
        this.positional = positional;
        this.repeatable = repeatable;
        this.namePattern = namePattern;
    }

    /** Free text such as a column name; no default. */
    public static Option<String> text(String name, String placeholder, String help) {
        return new Option<>(name, placeholder, "text", null, "", help, (w, t) -> t, false, false, false, false, null);
    }

    /** A comma-separated list, e.g. {@code a,b,c}; no default. */
    public static Option<List<String>> list(String name, String placeholder, String help) {
        return new Option<>(name, placeholder, "list", null, "", help,
                (w, t) -> Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                false, false, false, false, null);
    }

    /** A whole number of at least {@code minimum}. */
    public static Option<Long> whole(String name, long fallback, long minimum, String help) {
        return new Option<>(name, "N", "whole number", fallback, String.valueOf(fallback), help, (w, t) -> {
            long v;
            try {
                v = Long.parseLong(t.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw StageProblem.blocked(w + " " + t + " is not a whole number; give one such as " + fallback + ".");
            }
            if (v < minimum) {
                throw StageProblem.blocked(w + " " + v + " is too small; give a whole number of at least " + minimum
                        + ".");
            }
            return v;
        }, false, false, false, false, null);
    }

    /** A number above zero, such as a number of minutes. */
    public static Option<Double> positive(String name, double fallback, String help) {
        return new Option<>(name, "X", "number above 0", fallback, plain(fallback), help, (w, t) -> {
            double v = number(w, t, fallback);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw StageProblem.blocked(w + " " + t + " is not a number above 0; give one such as "
                        + plain(fallback) + ".");
            }
            return v;
        }, false, false, false, false, null);
    }

    /** A share between 0 and 1, such as 0.1 for 10%; zero only where {@code zeroAllowed}. */
    public static Option<Double> share(String name, double fallback, boolean zeroAllowed, String help) {
        String example = plain(fallback) + " (" + Numbers.percent(fallback) + ")";
        return new Option<>(name, "SHARE", zeroAllowed ? "share, 0 to 1" : "share above 0, below 1", fallback,
                plain(fallback), help, (w, t) -> {
                    double v;
                    try {
                        v = Double.parseDouble(t.strip());
                    } catch (NumberFormatException e) {
                        throw StageProblem.blocked(w + " " + t + " is not a number; give a share such as " + example
                                + ".");
                    }
                    if (!(v < 1) || v < 0 || (v == 0 && !zeroAllowed)) {
                        throw StageProblem.blocked(w + " " + t + " is not a share between 0 and 1; give one such as "
                                + example + ".");
                    }
                    return v;
                }, false, false, false, false, null);
    }

    /** One of a fixed set of words, e.g. {@code auto|none}, matched ignoring case; {@code fallback} may be null. */
    public static <E> Option<E> choice(String name, List<E> values, Function<E, String> label, E fallback,
                                       String help) {
        String words = String.join("|", values.stream().map(label).toList());
        return new Option<>(name, words, "one of " + String.join(", ", values.stream().map(label).toList()),
                fallback, fallback == null ? "" : label.apply(fallback), help, (w, t) -> {
                    for (E value : values) {
                        if (label.apply(value).equalsIgnoreCase(t.strip())) {
                            return value;
                        }
                    }
                    throw StageProblem.blocked(w + " " + t + " is not a choice here; use one of "
                            + String.join(", ", values.stream().map(label).toList()) + ".");
                }, false, false, false, false, null);
    }

    /** On when given, off when not; takes no value. */
    public static Option<Boolean> flag(String name, String help) {
        return new Option<>(name, "", "flag", false, "off", help, (w, t) -> {
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("yes") || t.equalsIgnoreCase("on")) {
                return true;
            }
            if (t.equalsIgnoreCase("false") || t.equalsIgnoreCase("no") || t.equalsIgnoreCase("off")) {
                return false;
            }
            throw StageProblem.blocked(w + " is a flag and takes no value, but was given " + t + "; leave the value "
                    + "out.");
        }, true, false, false, false, null);
    }

    /** A value checked by a parser of the stage's own, e.g. {@code COL=ACTION}; no default. */
    public static <T> Option<T> parsed(String name, String placeholder, String type, Parser<T> parser, String help) {
        return new Option<>(name, placeholder, type, null, "", help, parser, false, false, false, false, null);
    }

    /** The same option, needed: a run without it ends NEEDS_CONTEXT. */
    public Option<T> required() {
        return new Option<>(name, placeholder, type, fallback, fallbackText, help, parser, flag, true, positional,
                repeatable, namePattern);
    }

    /** The same option, given as a bare word on the magic's line ({@code %data_check cars.csv}). */
    public Option<T> positional() {
        return new Option<>(name, placeholder, type, fallback, fallbackText, help, parser, flag, required, true,
                repeatable, namePattern);
    }

    /** The same option, which may be given several times ({@code --column a=keep --column b=drop_column}). */
    public Option<T> repeatable() {
        return new Option<>(name, placeholder, type, fallback, fallbackText, help, parser, flag, required, positional,
                true, namePattern);
    }

    /** The same option, whose name is any name matching {@code pattern} (e.g. {@code exp_\d{3}}), each kept apart. */
    public Option<T> namedLike(String pattern) {
        return new Option<>(name, placeholder, type, fallback, fallbackText, help, parser, flag, required, positional,
                true, Pattern.compile(pattern));
    }

    /** The same option, with {@code value} as its default, written as {@code text} in help. */
    public Option<T> withDefault(T value, String text) {
        return new Option<>(name, placeholder, type, value, text, help, parser, flag, required, positional,
                repeatable, namePattern);
    }

    /** The same option, with its default described in words where no single value says it ("from the data check"). */
    public Option<T> defaultText(String words) {
        return new Option<>(name, placeholder, type, fallback, words, help, parser, flag, required, positional,
                repeatable, namePattern);
    }

    public String name() {
        return name;
    }

    /** How a value is shown in usage lines: {@code N}, {@code COL}, {@code auto|none}; empty for a flag. */
    public String placeholder() {
        return placeholder;
    }

    /** What kind of value it takes, in words, for help and the README. */
    public String type() {
        return type;
    }

    /** The value when the option is not given; null when it has none. */
    public T fallback() {
        return fallback;
    }

    /** The default as help shows it; empty when there is none. */
    public String fallbackText() {
        return fallbackText;
    }

    public String help() {
        return help;
    }

    public boolean isFlag() {
        return flag;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isPositional() {
        return positional;
    }

    public boolean isRepeatable() {
        return repeatable;
    }

    /** Whether {@code given} (already lower-cased, dashes for underscores) names this option. */
    boolean matches(String given, String original) {
        return namePattern == null ? name.equals(given) : namePattern.matcher(original).matches();
    }

    boolean isPattern() {
        return namePattern != null;
    }

    T parse(String written, String text) {
        return parser.parse(written, text);
    }

    /** The option's name as a reader types it on a magic's line or in a body: lower case, dashes for underscores. */
    static String normalise(String given) {
        return given.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static double number(String written, String text, double fallback) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw StageProblem.blocked(written + " " + text + " is not a number; give one such as " + plain(fallback)
                    + ".");
        }
    }

    /** 0.1 as "0.1", 30.0 as "30": a default as a person writes it. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
