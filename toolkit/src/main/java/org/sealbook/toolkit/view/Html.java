package org.sealbook.toolkit.view;

/**
 * Text made safe to put in HTML, between tags or inside a quoted attribute: the one escape that the figure pages,
 * the HTML report and the notebook's tables and sentences all use. Commons-text's escapeHtml4 is not used because
 * it leaves {@code '} as it is and turns every accented letter into a named entity.
 */
public final class Html {
    private Html() {
    }

    /** {@code & < > " '} as entities; every other character as it is. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
