package org.sealbook.toolkit.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kind of sealed record in the workspace: its file, the stage that seals it, the record it is built on and the
 * codec that writes and reads it. Each record class declares its own, e.g. {@code Plan.ARTIFACT}; the seals form a
 * chain through {@link #predecessor()}.
 *
 * @param <R> the record type
 */
public final class Artifact<R> {
    private final String id;
    private final String title;
    private final String producer;
    private final Artifact<?> predecessor;
    private final Codec<R> codec;

    private Artifact(String id, String title, String producer, Artifact<?> predecessor, Codec<R> codec) {
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("An artifact id is lower-case letters, digits and underscores, not "
                    + id + "; it names the file " + id + ".json.");
        }
        this.id = id;
        this.title = title;
        this.producer = producer;
        this.predecessor = predecessor;
        this.codec = codec;
    }

    /**
     * @param id          the short name used in file names and commit messages, e.g. {@code data_check}
     * @param title       how a sentence names it, e.g. "the data check"
     * @param producer    the stage that seals it, e.g. {@code data_check}
     * @param predecessor the record it is built on; null for the first
     */
    public static <R> Artifact<R> of(String id, String title, String producer, Artifact<?> predecessor,
                                     Codec<R> codec) {
        return new Artifact<>(id, title, producer, predecessor, codec);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The stage that seals this record. */
    public String producer() {
        return producer;
    }

    public Optional<Artifact<?>> predecessor() {
        return Optional.ofNullable(predecessor);
    }

    public Codec<R> codec() {
        return codec;
    }

    /** The file in the workspace, e.g. {@code data_check.json}. */
    public String fileName() {
        return id + ".json";
    }

    /** The sidecar holding the file's hash, e.g. {@code data_check.json.sha256}. */
    public String sidecarName() {
        return fileName() + ".sha256";
    }

    /** This record and every one it is built on, the first first. */
    public List<Artifact<?>> chain() {
        List<Artifact<?>> chain = new ArrayList<>();
        for (Artifact<?> a = this; a != null; a = a.predecessor) {
            chain.add(0, a);
        }
        return chain;
    }

    @Override
    public String toString() {
        return id;
    }
}
