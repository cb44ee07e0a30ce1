package org.sealbook.toolkit.evaluation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A model's predictions as CSV (UTF-8, header row, {@code \n} line ends): the file's row number, the predicted class
 * and each class's probability, or the predicted value on the target's own scale.
 * Usage: {@code byte[] csv = PredictionsCsv.classes("cultivar", classes, predictions);}
 */
public final class PredictionsCsv {
    private PredictionsCsv() {
    }

    /** One line per row: row, the most likely class, then the probability of each class in class order. */
    public static byte[] classes(String target, List<String> classes, double[][] probabilities) {
        StringBuilder s = new StringBuilder("row,").append(quoted("predicted " + target));
        for (String c : classes) {
            s.append(',').append(quoted("probability " + c));
        }
        s.append('\n');
        for (int r = 0; r < probabilities.length; r++) {
            int best = 0;
            for (int c = 1; c < probabilities[r].length; c++) {
                if (probabilities[r][c] > probabilities[r][best]) {
                    best = c;
                }
            }
            s.append(r + 1).append(',').append(quoted(classes.get(best)));
            for (double p : probabilities[r]) {
                s.append(',').append(p);
            }
            s.append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One line per row: row, the predicted value after {@code toOriginalScale} (which undoes a log target). */
    public static byte[] values(String target, double[][] predictions, DoubleUnaryOperator toOriginalScale) {
        StringBuilder s = new StringBuilder("row,").append(quoted("predicted " + target)).append('\n');
        for (int r = 0; r < predictions.length; r++) {
            s.append(r + 1).append(',').append(toOriginalScale.applyAsDouble(predictions[r][0])).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A field quoted when it holds a comma, a quote or a line break, quotes doubled (RFC 4180). */
    static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
