package org.sealbook.toolkit.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sealbook.toolkit.workspace.Artifact;

/**
 * What a stage declares about itself, once: its name (the magic's, e.g. {@code hypothesize}), one line of help,
 * its options, the sealed record it reads (with the chain before it) and the one it seals. Usage:
 * {@code StageSpec.named("hypothesize", "Write down how models will be judged").reads(DataCheck.ARTIFACT)
 * .seals(Hypothesis.ARTIFACT).options(SPLIT, SEED).withBody()}.
 */
public final class StageSpec {
    private final String name;
    private final String help;
    private final List<Option<?>> options;
    private final Artifact<?> reads;
    private final Artifact<?> seals;
    private final boolean body;

    private StageSpec(String name, String help, List<Option<?>> options, Artifact<?> reads, Artifact<?> seals,
                      boolean body) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("A stage's name is lower-case letters, digits and underscores, as its "
                    + "magic is typed, not " + name + ".");
        }
        this.name = name;
        this.help = help;
        this.options = List.copyOf(options);
        this.reads = reads;
        this.seals = seals;
        this.body = body;
    }

    /** A stage called {@code name} that reads and seals nothing and takes no options yet. */
    public static StageSpec named(String name, String help) {
        return new StageSpec(name, help, List.of(), null, null, false);
    }

    /** The same stage, reading {@code record} and every sealed record it is built on. */
    public StageSpec reads(Artifact<?> record) {
        return new StageSpec(name, help, options, record, seals, body);
    }

    /** The same stage, sealing {@code record}. */
    public StageSpec seals(Artifact<?> record) {
        return new StageSpec(name, help, options, reads, record, body);
    }

    /** The same stage, with these options (in the order help lists them). */
    public StageSpec options(Option<?>... declared) {
        List<Option<?>> all = new ArrayList<>(options);
        all.addAll(List.of(declared));
        List<String> names = new ArrayList<>();
        for (Option<?> o : all) {
            if (names.contains(o.name())) {
                throw new IllegalArgumentException("The stage " + name + " declares the option " + o.name()
                        + " twice; declare it once.");
            }
            names.add(o.name());
        }
        return new StageSpec(name, help, all, reads, seals, body);
    }

    /** The same stage, which also takes its options as {@code name: value} lines in a cell's body. */
    public StageSpec withBody() {
        return new StageSpec(name, help, options, reads, seals, true);
    }

    public String name() {
        return name;
    }

    public String help() {
        return help;
    }

    public List<Option<?>> options() {
        return options;
    }

    public Optional<Artifact<?>> reads() {
        return Optional.ofNullable(reads);
    }

    public Optional<Artifact<?>> seals() {
        return Optional.ofNullable(seals);
    }

    /** Whether a cell can hold the options as {@code name: value} lines ({@code %%hypothesize}). */
    public boolean takesBody() {
        return body;
    }

    /** The options a reader must give, in declared order: bare words first, as they are typed. */
    public List<Option<?>> required() {
        List<Option<?>> out = new ArrayList<>(options.stream().filter(o -> o.isRequired() && o.isPositional()).toList());
        out.addAll(options.stream().filter(o -> o.isRequired() && !o.isPositional()).toList());
        return out;
    }

    /** The magic's usage line, e.g. {@code %data_check PATH --target COL [--id COL] ...}. */
    public String usage() {
        StringBuilder s = new StringBuilder("%").append(name);
        for (Option<?> o : options) {
            String one = o.isPositional() ? o.placeholder() : ("--" + o.name()
                    + (o.isFlag() ? "" : " " + o.placeholder()));
            if (o.isRepeatable() && !o.isPositional()) {
                one += " ...";
            }
            s.append(' ').append(o.isRequired() ? one : "[" + one + "]");
        }
        return s.toString();
    }
}
