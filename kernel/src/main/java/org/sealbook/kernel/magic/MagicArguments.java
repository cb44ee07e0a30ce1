package org.sealbook.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A magic's arguments: {@link #split} breaks the text into words as a shell would (quotes keep spaces; backslash
 * escapes), and a declared {@link Usage} checks the words so every magic refuses bad input with the same kind of
 * sentence instead of parsing by hand.
 */
public final class MagicArguments {
    /** No upper limit on the number of words. */
    public static final int MANY = Integer.MAX_VALUE;

    private MagicArguments() {
    }

    /**
     * Declares what a magic takes.
     *
     * @param magic the name as the user types it, e.g. {@code %maven} or {@code %%time}
     * @param min   the fewest words it needs
     * @param max   the most words it accepts, or {@link #MANY}
     * @param needs what it needs, finishing "%maven ...", e.g.
     *              {@code needs coordinates like group:artifact:version, e.g. %maven com.google.code.gson:gson:2.11.0}
     */
    public static Usage usage(String magic, int min, int max, String needs) {
        return new Usage(magic, min, max, null, needs);
    }

    /** A magic's declared words; {@link #parse} returns them or throws the one-sentence usage error. */
    public record Usage(String magic, int min, int max, Pattern shape, String needs) {
        /** The same usage, also requiring every word to match the pattern in full. */
        public Usage eachMatching(String regex) {
            return new Usage(magic, min, max, Pattern.compile(regex), needs);
        }

        public List<String> parse(String text) {
            List<String> words = split(text == null ? "" : text);
            if (words.size() < min || words.size() > max) {
                throw new IllegalArgumentException(magic + " " + needs + ".");
            }
            for (String w : words) {
                if (shape != null && !shape.matcher(w).matches()) {
                    throw new IllegalArgumentException(magic + " cannot use '" + w + "': it " + needs + ".");
                }
            }
            return words;
        }
    }

    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("The arguments '" + text + "' open a " + quote + " quote that is never closed; add the closing " + quote + ".");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
