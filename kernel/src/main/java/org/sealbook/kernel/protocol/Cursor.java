package org.sealbook.kernel.protocol;

/** Jupyter counts cursor positions in Unicode code points; Java strings count UTF-16 units. */
final class Cursor {
    private Cursor() {
    }

    static int toIndex(String text, int codePoints) {
        int cp = Math.max(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return text.offsetByCodePoints(0, cp);
    }

    static int toCodePoints(String text, int index) {
        return text.codePointCount(0, Math.max(0, Math.min(index, text.length())));
    }
}
