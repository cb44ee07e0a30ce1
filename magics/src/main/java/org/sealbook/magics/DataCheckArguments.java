package org.sealbook.magics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sealbook.kernel.magic.MagicArguments;
import org.sealbook.toolkit.data.Mitigate;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.data.Task;

/**
 * What {@code %data_check} was given: a data file and its flags. {@link #parse} refuses anything else with one
 * sentence that ends in the usage line.
 */
public record DataCheckArguments(String path, String target, String id, String time, Task task, Mitigate mitigate,
                                 Map<String, Action> columns) {
    public static final String USAGE = "%data_check PATH --target COL [--id COL] [--time COL] "
            + "[--task classification|regression] [--mitigate auto|none] [--column COL=ACTION ...]";

    /** What a per-column flag may ask for, by the name used in the flag. */
    private static final Map<String, Action> ACTIONS = actions();

    private static final List<String> FLAGS = List.of("--target", "--id", "--time", "--task", "--mitigate");

    public static DataCheckArguments parse(String text) {
        List<String> words = MagicArguments.split(text == null ? "" : text);
        String path = null;
        String[] values = new String[FLAGS.size()];
        Map<String, Action> columns = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equalsIgnoreCase("--column")) {
                if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                    throw refuse("needs COL=ACTION after --column");
                }
                column(words.get(++i), columns);
            } else if (word.startsWith("--")) {
                int flag = FLAGS.indexOf(word.toLowerCase(Locale.ROOT));
                if (flag < 0) {
                    throw refuse("does not know the flag " + word);
                }
                if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                    throw refuse("needs a value after " + word);
                }
                if (values[flag] != null) {
                    throw refuse("was given " + word + " twice");
                }
                values[flag] = words.get(++i);
            } else if (path == null) {
                path = word;
            } else {
                throw refuse("takes one data file but was also given " + word);
            }
        }
        if (path == null) {
            throw refuse("needs the path of a data file");
        }
        if (values[0] == null) {
            throw refuse("needs --target naming the column to predict");
        }
        return new DataCheckArguments(path, values[0], values[1], values[2],
                values[3] == null ? null : task(values[3]),
                values[4] == null ? Mitigate.AUTO : mitigate(values[4]), Map.copyOf(columns));
    }

    /** One per-column flag, e.g. Horsepower=impute_model; the same column twice is refused. */
    private static void column(String value, Map<String, Action> columns) {
        int eq = value.lastIndexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw refuse("needs --column in the form COL=ACTION, not " + value);
        }
        String column = value.substring(0, eq);
        Action action = ACTIONS.get(value.substring(eq + 1).toLowerCase(Locale.ROOT));
        if (action == null) {
            throw refuse("cannot use the action " + value.substring(eq + 1) + " in --column " + value + " (use one of "
                    + String.join(", ", ACTIONS.keySet()) + ")");
        }
        if (columns.put(column, action) != null) {
            throw refuse("was given --column for " + column + " twice");
        }
    }

    private static Map<String, Action> actions() {
        Map<String, Action> m = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            m.put(a.name().toLowerCase(Locale.ROOT), a);
        }
        return m;
    }

    private static Task task(String value) {
        for (Task t : Task.values()) {
            if (t.label().equals(value.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw refuse("cannot use --task " + value + " (use classification or regression)");
    }

    private static Mitigate mitigate(String value) {
        for (Mitigate m : Mitigate.values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw refuse("cannot use --mitigate " + value + " (use auto or none)");
    }

    private static IllegalArgumentException refuse(String problem) {
        return new IllegalArgumentException("%data_check " + problem + "; use " + USAGE
                + ", e.g. %data_check cars.csv --target Miles_per_Gallon.");
    }
}
