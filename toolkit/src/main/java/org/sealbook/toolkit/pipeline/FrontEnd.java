package org.sealbook.toolkit.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sealbook.toolkit.workspace.StageNames;

/**
 * How the toolkit writes a stage call for the reader at hand: {@code %train --resume} in a notebook,
 * {@code train("resume")} in JShell. Every sentence that tells the reader what to run next goes through it, so
 * neither reader meets the other's syntax. Usage: {@code names.call("train", "--resume")}.
 */
public final class FrontEnd implements StageNames {
    private final boolean notebook;
    private final Function<String, Optional<StageSpec>> specs;

    private FrontEnd(boolean notebook, Function<String, Optional<StageSpec>> specs) {
        this.notebook = notebook;
        this.specs = specs;
    }

    /** Magics in Jupyter cells: {@code %hypothesize --seed 7}. */
    public static FrontEnd notebook(Function<String, Optional<StageSpec>> specs) {
        return new FrontEnd(true, specs);
    }

    /** Methods in plain JShell: {@code hypothesize("seed", "7")}; required options come first, as parameters. */
    public static FrontEnd jshell(Function<String, Optional<StageSpec>> specs) {
        return new FrontEnd(false, specs);
    }

    public boolean isNotebook() {
        return notebook;
    }

    /** The JShell method of a stage: {@code data_check} is {@code dataCheck}. */
    public static String method(String stage) {
        StringBuilder s = new StringBuilder();
        boolean upper = false;
        for (char c : stage.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }

    @Override
    public String stage(String name) {
        return notebook ? "%" + name : method(name) + "()";
    }

    @Override
    public String usage(String name) {
        Optional<StageSpec> spec = specs.apply(name);
        if (spec.isEmpty()) {
            return stage(name);
        }
        List<String> words = new ArrayList<>();
        for (Option<?> o : spec.get().required()) {
            if (!o.isPositional()) {
                words.add("--" + o.name());
            }
            words.add(o.placeholder());
        }
        return call(name, words.toArray(String[]::new));
    }

    /**
     * A call of stage {@code name} with {@code words} as they would follow the magic ({@code "--seed", "7"}); in
     * JShell the required options become the method's first arguments and the rest name/value pairs.
     */
    public String call(String name, String... words) {
        if (notebook) {
            return ("%" + name + " " + String.join(" ", words)).strip();
        }
        List<String> rest = new ArrayList<>(List.of(words));
        List<String> arguments = new ArrayList<>();
        for (Option<?> o : specs.apply(name).map(StageSpec::required).orElse(List.of())) {
            int at = o.isPositional() ? firstBare(rest) : rest.indexOf("--" + o.name());
            if (at < 0 || (!o.isPositional() && at + 1 >= rest.size())) {
                break;
            }
            if (!o.isPositional()) {
                rest.remove(at);
            }
            arguments.add(rest.remove(at));
        }
        for (String word : rest) {
            arguments.add(word.startsWith("--") ? word.substring(2) : word);
        }
        return method(name) + "(" + arguments.stream().map(FrontEnd::quoted).collect(Collectors.joining(", ")) + ")";
    }

    /** An option as a sentence names it: {@code --max-gap} in a notebook, {@code "max-gap"} in JShell. */
    public String option(String option) {
        return notebook ? "--" + option : quoted(option);
    }

    /** An option with a value as the reader gives it: {@code --group COL}, or {@code "group", "COL"}. */
    public String option(String option, String value) {
        return notebook ? "--" + option + " " + value : quoted(option) + ", " + quoted(value);
    }

    private static int firstBare(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (!words.get(i).startsWith("--")) {
                return i;
            }
        }
        return -1;
    }

    private static String quoted(String word) {
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return notebook ? "notebook" : "jshell";
    }
}
