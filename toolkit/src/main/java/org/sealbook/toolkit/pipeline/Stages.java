package org.sealbook.toolkit.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sealbook.toolkit.explain.Names;

/** The stages a session knows, in the order a reader meets them; each name once. */
public final class Stages {
    private final List<Stage> stages;

    private Stages(List<Stage> stages) {
        List<String> names = new ArrayList<>();
        for (Stage s : stages) {
            if (names.contains(s.spec().name())) {
                throw new IllegalArgumentException("Two stages are called " + s.spec().name() + "; give each its own "
                        + "name.");
            }
            names.add(s.spec().name());
        }
        this.stages = List.copyOf(stages);
    }

    public static Stages of(List<Stage> stages) {
        return new Stages(stages);
    }

    /** These stages and {@code more} after them. */
    public Stages with(Stage... more) {
        List<Stage> all = new ArrayList<>(stages);
        all.addAll(List.of(more));
        return new Stages(all);
    }

    /** These stages with {@code stage} in place of the one of the same name (say, training with other models). */
    public Stages replacing(Stage stage) {
        get(stage.spec().name());
        List<Stage> all = new ArrayList<>(stages);
        all.replaceAll(s -> s.spec().name().equals(stage.spec().name()) ? stage : s);
        return new Stages(all);
    }

    public List<Stage> all() {
        return stages;
    }

    public Optional<Stage> find(String name) {
        return stages.stream().filter(s -> s.spec().name().equals(name)).findFirst();
    }

    /** The stage called {@code name}; the sentence names the nearest stages when there is none. */
    public Stage get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("There is no stage called " + name
                + "; the nearest are " + String.join(", ", Names.closest(name, names(), 3)) + "."));
    }

    /** The stage that seals the record with this id, if this session knows it. */
    public Optional<Stage> sealing(String artifactId) {
        return stages.stream().filter(s -> s.spec().seals().map(a -> a.id().equals(artifactId)).orElse(false))
                .findFirst();
    }

    public List<String> names() {
        return stages.stream().map(s -> s.spec().name()).toList();
    }
}
