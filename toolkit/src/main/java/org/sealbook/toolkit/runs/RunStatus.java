package org.sealbook.toolkit.runs;

/** Where one run of an experiment stands; the last six are final. */
public enum RunStatus {
    QUEUED("waiting for a free slot"),
    PREFLIGHT("checking it can train"),
    RUNNING("training"),
    DONE("finished"),
    STOPPED("stopped before the end, by request"),
    CRASHED_NAN("stopped: its loss became NaN or infinite"),
    CRASHED_OOM("stopped: it ran out of memory"),
    CRASHED("stopped by an error"),
    BLOCKED_TAMPER("not trained: a sealed file changed");

    private final String words;

    RunStatus(String words) {
        this.words = words;
    }

    /** What the status means, in plain words. */
    public String words() {
        return words;
    }

    public boolean isFinal() {
        return ordinal() >= DONE.ordinal();
    }
}
