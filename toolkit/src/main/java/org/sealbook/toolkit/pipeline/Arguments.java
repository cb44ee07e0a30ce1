package org.sealbook.toolkit.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.explain.Names;

/**
 * Turns what a reader typed into a stage's {@link Options}, checked against its declarations: the words after a
 * magic ({@code --seed 7 --resume}, bare words for positional options), the {@code name: value} lines of a cell's
 * body, or a JShell method's arguments. Every mistake is one sentence naming the nearest declared names; a missing
 * required option ends NEEDS_CONTEXT, anything else BLOCKED.
 */
public final class Arguments {
    private final StageSpec spec;
    private final FrontEnd names;
    private final Map<Option<?>, List<Options.Given>> given = new LinkedHashMap<>();

    private Arguments(StageSpec spec, FrontEnd names) {
        this.spec = spec;
        this.names = names;
    }

    /** The words after the magic on its line, and for a cell magic its body (null for none). */
    public static Options parse(StageSpec spec, List<String> words, String body, FrontEnd names) {
        Arguments a = new Arguments(spec, names);
        List<Option<?>> positional = new ArrayList<>(spec.options().stream().filter(Option::isPositional).toList());
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("--") && word.length() > 2) {
                String name = word.substring(2);
                Option<?> option = a.find(name);
                if (option.isFlag()) {
                    a.add(option, name, "true");
                } else if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                    throw StageProblem.blocked(names.stage(spec.name()) + " needs a value after " + word
                            + "; write it as " + word + " " + option.placeholder() + ".");
                } else {
                    a.add(option, name, words.get(++i));
                }
            } else if (positional.isEmpty()) {
                throw StageProblem.blocked(names.stage(spec.name()) + " takes only " + names.option("name")
                        + " options here, but was given " + word + "; see " + spec.usage() + ".");
            } else {
                Option<?> option = positional.get(0);
                if (!option.isRepeatable()) {
                    positional.remove(0);
                }
                a.add(option, option.name(), word);
            }
        }
        if (body != null) {
            a.body(body);
        }
        return a.finish();
    }

    /**
     * A JShell method's arguments: first one value for each required option, in declared order, then the other
     * options as name/value pairs, a flag by its name alone, and bare words for the positional options:
     * {@code dataCheck("cars.csv", "mpg", "task", "regression")}, {@code train("resume")}, {@code train("stop")}.
     */
    public static Options jshell(StageSpec spec, List<String> values, FrontEnd names) {
        Arguments a = new Arguments(spec, names);
        List<Option<?>> required = spec.required();
        for (int i = 0; i < required.size() && i < values.size(); i++) {
            a.add(required.get(i), required.get(i).name(), values.get(i));
        }
        List<Option<?>> positional = new ArrayList<>(spec.options().stream()
                .filter(o -> o.isPositional() && !o.isRequired()).toList());
        for (int i = required.size(); i < values.size(); i++) {
            String name = values.get(i).startsWith("--") ? values.get(i).substring(2) : values.get(i);
            if (!a.declares(name) && !positional.isEmpty()) {
                Option<?> bare = positional.remove(0); // train("stop", "exp_002"): bare words fill positional options
                a.add(bare, bare.name(), values.get(i));
                continue;
            }
            Option<?> option = a.find(name);
            if (option.isFlag()) {
                a.add(option, name, "true");
            } else if (i + 1 >= values.size()) {
                throw StageProblem.blocked(names.stage(spec.name()) + " needs a value after " + names.option(name)
                        + "; give it as " + names.option(name, option.placeholder()) + ".");
            } else {
                a.add(option, name, values.get(++i));
            }
        }
        return a.finish();
    }

    private void body(String body) {
        String[] lines = body.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw StageProblem.blocked("Line " + (n + 1) + " of the %%" + spec.name() + " body (" + line
                        + ") is not name: value; write each option on its own line as name: value.");
            }
            String name = line.substring(0, colon).strip();
            add(find(name), name, line.substring(colon + 1).strip());
        }
    }

    private boolean declares(String given) {
        String key = Option.normalise(given);
        return spec.options().stream().anyMatch(o -> o.matches(key, given.strip()));
    }

    private Option<?> find(String given) {
        String key = Option.normalise(given);
        for (Option<?> o : spec.options()) {
            if (o.matches(key, given.strip())) {
                return o;
            }
        }
        List<String> known = spec.options().stream().map(Option::name).toList();
        List<String> nearest = Names.closest(key, known, 3).stream().map(names::option).toList();
        throw StageProblem.blocked(names.stage(spec.name()) + " has no option " + names.option(given.strip())
                + (known.isEmpty() ? "; it takes none." : "; the nearest are " + String.join(", ", nearest)
                + " (all: " + String.join(", ", known.stream().map(names::option).toList()) + ")."));
    }

    private void add(Option<?> option, String name, String text) {
        if (text == null || text.isBlank()) {
            throw StageProblem.blocked(names.stage(spec.name()) + " needs a value for " + names.option(option.name())
                    + "; give it as " + names.option(option.name(), option.placeholder()) + ".");
        }
        String written = option.isPattern() ? name.strip() : names.option(option.name());
        List<Options.Given> values = given.computeIfAbsent(option, o -> new ArrayList<>());
        for (Options.Given earlier : values) {
            if (!option.isRepeatable() || (option.isPattern() && earlier.name().equals(name.strip()))) {
                throw StageProblem.blocked(names.stage(spec.name()) + " was given " + written + " twice ("
                        + earlier.text() + " and " + text.strip() + "), which contradict each other; keep one.");
            }
        }
        values.add(new Options.Given(name.strip(), text.strip(), option.parse(written, text.strip())));
    }

    private Options finish() {
        for (Option<?> o : spec.required()) {
            if (!given.containsKey(o)) {
                throw StageProblem.needsContext(names.stage(spec.name()) + " needs " + (o.isPositional()
                        ? o.placeholder() : names.option(o.name(), o.placeholder())) + ": " + o.help()
                        + "; for example " + names.usage(spec.name()) + ".");
            }
        }
        return new Options(given);
    }
}
