package org.sealbook.toolkit.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * A batch of experiments to run, in order, within a budget. {@link Reviewer} checks it against the sealed contract.
 * Usage: {@code Plan plan = Ladder.propose(contract, rows, "batch_1"); plan.byId("exp_002").question()}.
 *
 * @param batch       the batch's name
 * @param experiments the experiments, the baseline first
 * @param budget      what the batch may spend
 */
public record Plan(String batch, List<Experiment> experiments, Budget budget) {
    /** The sealed plan, {@code plan.json}, built on the hypothesis. */
    public static final Artifact<Plan> ARTIFACT = Artifact.of("plan", "the experiment plan", "design_experiments",
            Hypothesis.ARTIFACT, Codec.of(Plan::toJson, Plan::fromJson).schema("plan"));

    public Plan {
        if (batch == null || batch.isBlank()) {
            throw new IllegalArgumentException("A plan needs a batch name; give one such as batch_1.");
        }
        if (experiments == null || budget == null) {
            throw new IllegalArgumentException("The plan " + batch + " needs " + (experiments == null
                    ? "a list of experiments (empty for none)" : "a budget, such as Budget.DEFAULT") + ".");
        }
        for (int i = 0; i < experiments.size(); i++) {
            if (experiments.get(i) == null) {
                throw new IllegalArgumentException("The plan " + batch + " has an empty (null) place at position "
                        + (i + 1) + "; give only experiments.");
            }
        }
        experiments = List.copyOf(experiments);
    }

    /** The experiment with this id; one sentence naming the ids there are when it is not in the plan. */
    public Experiment byId(String id) {
        for (Experiment e : experiments) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        List<String> ids = experiments.stream().map(Experiment::id).toList();
        throw new IllegalArgumentException("The plan " + batch + " has no experiment " + id + "; its experiments are "
                + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ".");
    }

    /**
     * A rough wall-clock estimate in minutes: the baseline runs first, alone, then the rest share
     * {@code concurrency} workers, counted as if they packed perfectly.
     */
    public double estimatedWallClockMinutes() {
        double alone = 0;
        double shared = 0;
        for (Experiment e : experiments) {
            if (e.family() == Family.BASELINE) {
                alone += e.estimatedSeconds();
            } else {
                shared += e.estimatedSeconds();
            }
        }
        return (alone + shared / budget.concurrency()) / 60;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("batch", batch);
        o.add("budget", budget.toJson());
        JsonArray list = new JsonArray();
        experiments.forEach(e -> list.add(e.toJson()));
        o.add("experiments", list);
        return o;
    }

    /** Reads back {@link #toJson}; a missing field is refused with one sentence naming it. */
    public static Plan fromJson(JsonObject o) {
        String batch = Experiment.field(o, "batch", "the plan").getAsString();
        List<Experiment> experiments = new ArrayList<>();
        Experiment.field(o, "experiments", "plan " + batch).getAsJsonArray()
                .forEach(e -> experiments.add(Experiment.fromJson(e.getAsJsonObject())));
        return new Plan(batch, experiments,
                Budget.fromJson(Experiment.field(o, "budget", "plan " + batch).getAsJsonObject()));
    }
}
