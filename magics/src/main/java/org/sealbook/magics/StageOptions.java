package org.sealbook.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sealbook.kernel.magic.MagicArguments;

/**
 * A stage cell's choices as name/value pairs, from flags on the magic's line ({@code --split time --seed 7}) and
 * from {@code name: value} lines in a cell magic's body, in that order. Checking names and values is the stage's
 * job; this only refuses text that is neither. Usage: {@code StageOptions.parse("%hypothesize", args, body)}.
 */
final class StageOptions {
    private StageOptions() {
    }

    static List<Map.Entry<String, String>> parse(String magic, String args, String body) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        List<String> words = MagicArguments.split(args == null ? "" : args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--") || word.length() == 2) {
                throw new IllegalArgumentException(magic + " takes only --name value flags, but was given " + word
                        + "; write it as --name " + word + " (see " + magic + "? for the names).");
            }
            if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(magic + " needs a value after " + word + "; write it as " + word + " VALUE.");
            }
            out.add(Map.entry(word.substring(2), words.get(++i)));
        }
        if (body != null) {
            String[] lines = body.split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("Line " + (n + 1) + " of the %" + magic + " body ("
                            + line + ") is not name: value; write each choice on its own line as name: value.");
                }
                out.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            }
        }
        return out;
    }
}
