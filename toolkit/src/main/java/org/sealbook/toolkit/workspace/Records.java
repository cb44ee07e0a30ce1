package org.sealbook.toolkit.workspace;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sealed records a stage reads, each verified and decoded by its codec. Usage: {@code records.get(Plan.ARTIFACT)}. */
public final class Records {
    private final Map<Artifact<?>, Object> records;

    Records(Map<Artifact<?>, Object> records) {
        this.records = new LinkedHashMap<>(records);
    }

    /** No records: what a first stage reads. */
    public static Records none() {
        return new Records(Map.of());
    }

    /** The record of {@code artifact}; refused when the stage did not declare that it reads it. */
    public <R> R get(Artifact<R> artifact) {
        if (!records.containsKey(artifact)) {
            throw new IllegalStateException("This stage did not read " + artifact.title() + " (" + artifact.fileName()
                    + "); declare it among what the stage reads.");
        }
        @SuppressWarnings("unchecked")
        R record = (R) records.get(artifact);
        return record;
    }
}
