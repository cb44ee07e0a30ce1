package org.sealbook.toolkit.workspace;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The sealed stages, in pipeline order: each is built on the one before it. */
public enum Stage {
    DATA_CHECK("data_check", "the data check", "%data_check PATH --target COL"),
    HYPOTHESIS("hypothesis", "the hypothesis", "%hypothesize"),
    PLAN("plan", "the experiment plan", "%design_experiments"),
    TRAINING("training", "the training", "%train"),
    REPORT("report", "the report", "%report");

    private final String id;
    private final String title;
    private final String cell;

    Stage(String id, String title, String cell) {
        this.id = id;
        this.title = title;
        this.cell = cell;
    }

    /** The short name used in file names and commit messages, e.g. {@code data_check}. */
    public String id() {
        return id;
    }

    /** How a sentence names this stage, e.g. "the data check". */
    public String title() {
        return title;
    }

    /** The cell a user runs to produce this stage, with placeholders for its arguments. */
    public String cell() {
        return cell;
    }

    /** The magic alone, e.g. {@code %data_check}. */
    public String magic() {
        int space = cell.indexOf(' ');
        return space < 0 ? cell : cell.substring(0, space);
    }

    /** The artifact's file name in the workspace, e.g. {@code data_check.json}. */
    public String artifactName() {
        return id + ".json";
    }

    /** The sidecar that holds the artifact's hash, e.g. {@code data_check.json.sha256}. */
    public String sidecarName() {
        return artifactName() + ".sha256";
    }

    /** The stage this one is built on; empty for the first stage. */
    public Optional<Stage> predecessor() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    /** Every stage before this one, first stage first. */
    public List<Stage> earlier() {
        return List.of(values()).subList(0, ordinal());
    }

    /** Every stage after this one, in pipeline order. */
    public List<Stage> later() {
        List<Stage> all = List.of(values());
        return all.subList(ordinal() + 1, all.size());
    }

    /** The stage with this id; the sentence lists the known ids when there is none. */
    public static Stage byId(String id) {
        for (Stage stage : values()) {
            if (stage.id.equals(id)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("There is no stage called \"" + id + "\"; use one of "
                + Arrays.stream(values()).map(Stage::id).toList() + ".");
    }
}
