package org.sealbook.toolkit.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.sealbook.toolkit.workspace.Sealed;

/**
 * What a stage's ending may say about the seal just made: the file, its hash, and which stage the reader runs next
 * (the first one this seal made stale, else the usual next one).
 *
 * @param stale the stages whose records this seal made stale, nearest first
 */
public record SealedStage(Sealed sealed, Path file, List<String> stale, FrontEnd names) {
    public SealedStage {
        stale = List.copyOf(stale);
    }

    public String sha256() {
        return sealed.sha256();
    }

    /** The first 12 characters of the hash, as status sentences show it. */
    public String shortHash() {
        return sealed.sha256().substring(0, 12);
    }

    /** The stage to run next, as the reader calls it: the first stale one, else {@code usual}. */
    public String next(String usual) {
        return names.stage(stale.isEmpty() ? usual : stale.get(0));
    }
}
