package org.sealbook.toolkit.data;

/** Bad input found while loading or checking data; the message is one sentence naming the problem and the fix. */
public final class DataProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataProblem(String sentence) {
        super(sentence);
    }

    public DataProblem(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
