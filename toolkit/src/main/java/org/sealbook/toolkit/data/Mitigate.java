package org.sealbook.toolkit.data;

/** --mitigate: AUTO records every mitigation the findings call for; NONE records only explicit per-column ones. */
public enum Mitigate {
    AUTO, NONE;

    public static Mitigate parse(String text) {
        for (Mitigate m : values()) {
            if (m.name().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new DataProblem("Unknown --mitigate value '" + text + "'; use --mitigate auto or --mitigate none.");
    }
}
