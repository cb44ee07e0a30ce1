package org.sealbook.toolkit.data;

import java.util.Locale;

/** What kind of prediction the target asks for. */
public enum Task {
    CLASSIFICATION, REGRESSION;

    /** Parses a --task value; one sentence for anything else. */
    public static Task parse(String text) {
        for (Task task : values()) {
            if (task.name().equalsIgnoreCase(text.trim())) {
                return task;
            }
        }
        throw new DataProblem("Unknown task '" + text + "'; use --task classification or --task regression.");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
