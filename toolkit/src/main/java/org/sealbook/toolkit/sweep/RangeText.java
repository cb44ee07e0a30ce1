package org.sealbook.toolkit.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text a reader gives one setting in a sweep: {@code a, b, c}, {@code range(lo, hi)}, {@code log(lo, hi)},
 * {@code int(lo, hi)} or one fixed value. Every refusal is one sentence that names the setting and says what to write
 * instead, because the reader sees it as the whole answer to their cell.
 */
final class RangeText {
    private static final Pattern FUNCTION = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)");
    /** Plain decimal numbers only: Double.parseDouble would also take NaN, Infinity, 0x1p3 and 1d. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

    private RangeText() {
    }

    static Range parse(String setting, String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("The setting " + setting + " has no value; give one value, choices "
                    + "such as 0.1, 0.3, or a range such as range(0, 1), log(0.001, 0.1) or int(2, 8).");
        }
        Matcher function = FUNCTION.matcher(value);
        if (function.matches()) {
            return function(setting, function.group(1), function.group(2), value);
        }
        List<String> parts = split(setting, value);
        return parts.size() > 1 ? choices(setting, value, parts) : null;
    }

    /**
     * The text cut at each comma outside quotes, so that a quoted value may hold commas: {@code "64,64", "128"} is
     * two choices and {@code "64,64"} alone one fixed value.
     */
    private static List<String> split(String setting, String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (char c : value.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ',') {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        if (quote != 0) {
            throw new IllegalArgumentException("The setting " + setting + " is " + value + ", whose quote " + quote
                    + " is not closed; close it, e.g. \"64,64\", \"128,128\".");
        }
        parts.add(part.toString());
        return parts;
    }

    private static Range function(String setting, String name, String arguments, String value) {
        String example = switch (name) {
            case "range" -> "range(0, 1)";
            case "log" -> "log(0.001, 0.1)";
            case "int" -> "int(2, 8)";
            default -> throw new IllegalArgumentException("The setting " + setting + " uses " + name + "(...), "
                    + "which is not a known range; write range(lo, hi), log(lo, hi) or int(lo, hi), or list the "
                    + "choices as a, b, c.");
        };
        String[] parts = arguments.split(",", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("The setting " + setting + " is " + value + ", but " + name
                    + "(...) takes two numbers, the lowest and the highest, e.g. " + example + ".");
        }
        String loText = parts[0].strip();
        String hiText = parts[1].strip();
        boolean whole = name.equals("int");
        for (String number : List.of(loText, hiText)) {
            if (!(whole ? WHOLE : NUMBER).matcher(number).matches()) {
                throw new IllegalArgumentException("The setting " + setting + " is " + value + ", and " + number
                        + " is not " + (whole ? "a whole number" : "a number") + "; write it with digits, e.g. "
                        + example + ".");
            }
        }
        double lo = Double.parseDouble(loText);
        double hi = Double.parseDouble(hiText);
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || (whole && (Math.abs(lo) > Integer.MAX_VALUE
                || Math.abs(hi) > Integer.MAX_VALUE))) {
            throw new IllegalArgumentException("The setting " + setting + " is " + value + ", whose ends are too "
                    + "large to use; give smaller numbers, e.g. " + example + ".");
        }
        if (lo >= hi) {
            throw new IllegalArgumentException("The setting " + setting + " is " + value + ", but its lowest value "
                    + loText + " is not below its highest " + hiText + "; put the smaller number first, e.g. "
                    + example + ".");
        }
        return switch (name) {
            case "range" -> new Range.Uniform(lo, hi);
            case "int" -> new Range.IntUniform((int) lo, (int) hi);
            default -> {
                if (lo <= 0) {
                    throw new IllegalArgumentException("The setting " + setting + " is " + value + ", but a log "
                            + "range searches powers of ten and cannot reach " + loText + "; give a lowest value "
                            + "above 0, e.g. " + example + ", or use range(lo, hi).");
                }
                yield new Range.LogUniform(lo, hi);
            }
        };
    }

    private static Range choices(String setting, String value, List<String> parts) {
        List<Object> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (String part : parts) {
            String raw = part.strip();
            String item = unquote(raw);
            if (item.isEmpty()) {
                throw new IllegalArgumentException("The setting " + setting + " is " + value + ", which has an "
                        + "empty choice; remove the extra comma, e.g. 0.1, 0.3.");
            }
            // A quoted choice stays text, so '1' can name a level rather than the number one.
            Object choice = item.equals(raw) ? choice(item) : item;
            if (!seen.add(choice)) {
                throw new IllegalArgumentException("The setting " + setting + " lists " + item + " twice; give "
                        + "each choice once.");
            }
            values.add(choice);
        }
        return new Range.Choice(List.copyOf(values));
    }

    /** A whole number that fits an int becomes an Integer, another number a Double, anything else a String. */
    static Object choice(String item) {
        if (WHOLE.matcher(item).matches()) {
            try {
                return Integer.parseInt(item);
            } catch (NumberFormatException tooLarge) {
                return Double.parseDouble(item);
            }
        }
        if (NUMBER.matcher(item).matches()) {
            return Double.parseDouble(item);
        }
        return item;
    }

    /** A number as a reader writes it: 0 not 0.0, 0.0001 not 1.0E-4. */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A number rounded to one significant digit, for examples in sentences. */
    static String rounded(double value) {
        return plain(new java.math.BigDecimal(value).round(new java.math.MathContext(1)).doubleValue());
    }

    private static String unquote(String item) {
        if (item.length() >= 2 && (item.startsWith("\"") && item.endsWith("\"")
                || item.startsWith("'") && item.endsWith("'"))) {
            return item.substring(1, item.length() - 1).strip();
        }
        return item;
    }
}
