package org.sealbook.kernel.wire;

import java.util.LinkedHashSet;
import java.util.Iterator;

/** Remembers recent signatures so a captured message sent again is refused. */
final class ReplayGuard {
    private final int capacity;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();

    ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /** True the first time a signature is offered, false on every later offer. */
    synchronized boolean firstSighting(String signature) {
        if (!seen.add(signature)) {
            return false;
        }
        if (seen.size() > capacity) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
