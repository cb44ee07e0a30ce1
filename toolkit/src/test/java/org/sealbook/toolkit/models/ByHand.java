package org.sealbook.toolkit.models;

import java.util.Arrays;
import org.sealbook.toolkit.prepare.Prepared;

/** Numbers the class-weight tests compute by hand from a fitted model's predictions, to check what it logged. */
final class ByHand {
    private ByHand() {
    }

    /**
     * The mean log loss of the model's predictions for the rows: {weighted, plain}, the weighted one with each row
     * counted its class's weight and divided by the weights' sum.
     */
    static double[] logLosses(Model model, Prepared rows) {
        double[][] p = model.predict(rows.x());
        double weightedSum = 0;
        double weightSum = 0;
        double plainSum = 0;
        for (int i = 0; i < p.length; i++) {
            double loss = -Math.log(p[i][rows.labels()[i]]);
            weightedSum += rows.weight(i) * loss;
            weightSum += rows.weight(i);
            plainSum += loss;
        }
        return new double[] {weightedSum / weightSum, plainSum / p.length};
    }

    /** The mean probability the model gives the class "malignant" over the rows. */
    static double malignantShare(Model model, Prepared rows) {
        int malignant = rows.classes().indexOf("malignant");
        return Arrays.stream(model.predict(rows.x())).mapToDouble(p -> p[malignant]).average().orElseThrow();
    }
}
