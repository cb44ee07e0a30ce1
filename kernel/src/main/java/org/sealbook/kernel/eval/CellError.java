package org.sealbook.kernel.eval;

import java.util.List;

/** A cell that failed: what Jupyter shows as ename, evalue and the traceback lines. */
public final class CellError extends Exception {
    private final String name;
    private final String value;
    private final List<String> traceback;

    public CellError(String name, String value, List<String> traceback) {
        super(name + ": " + value);
        this.name = name;
        this.value = value;
        this.traceback = List.copyOf(traceback);
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public List<String> traceback() {
        return traceback;
    }
}
