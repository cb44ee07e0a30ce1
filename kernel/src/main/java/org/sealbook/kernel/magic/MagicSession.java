package org.sealbook.kernel.magic;

import org.sealbook.kernel.eval.Evaluator;

/** What a magic may use of the running kernel. */
public interface MagicSession {
    /** The JShell session: run code, add to the class path. */
    Evaluator evaluator();

    /** The registry, for magics that list or look up other magics. */
    MagicRegistry magics();

    /** How errors and results name the current cell, e.g. {@code cell [4]}. */
    String cellLabel();
}
