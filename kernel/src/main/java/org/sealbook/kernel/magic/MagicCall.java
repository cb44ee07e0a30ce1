package org.sealbook.kernel.magic;

import java.util.List;

/**
 * One use of a magic: its name, the text after the name, and for a {@code %%} cell magic the rest of the cell.
 *
 * @param name    the magic's name without percent signs
 * @param args    the text after the name on its line, trimmed
 * @param body    the cell's remaining lines for a cell magic; null for a line magic
 * @param line    the line of the cell the magic is on (1-based), so errors can point at it
 * @param session what the magic may use of the kernel
 */
public record MagicCall(String name, String args, String body, int line, MagicSession session) {
    public boolean isCellMagic() {
        return body != null;
    }

    /** The arguments split like a shell does: on spaces, with quotes keeping words together. */
    public List<String> words() {
        return MagicArguments.split(args);
    }
}
