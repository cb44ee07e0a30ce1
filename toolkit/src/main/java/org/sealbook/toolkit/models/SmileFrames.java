package org.sealbook.toolkit.models;

import java.util.List;
import org.sealbook.toolkit.prepare.Prepared;
import smile.data.DataFrame;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/**
 * The glue between prepared rows and Smile for the linear family: frames, the target column, class posteriors.
 * Usage: {@code DataFrame frame = SmileFrames.frame(x, features);}
 */
final class SmileFrames {
    private SmileFrames() {
    }

    /**
     * The rows as a Smile frame, one double column per feature (Smile stores columns, so this is the one copy).
     */
    static DataFrame frame(double[][] x, List<String> features) {
        return DataFrame.of(x, features.toArray(String[]::new));
    }

    /** The training frame plus the target as its last column: class indexes as ints, numbers as doubles. */
    static DataFrame withTarget(DataFrame features, Prepared train) {
        String target = targetName(train.features());
        return features.merge(train.isClassification() ? IntVector.of(target, train.labels())
                : DoubleVector.of(target, train.y()));
    }

    /** A target column name no feature uses, so the formula "target ~ everything else" is never ambiguous. */
    static String targetName(List<String> features) {
        String name = "sealbook_target";
        while (features.contains(name)) {
            name = "_" + name;
        }
        return name;
    }

    /**
     * A Smile posterior over the classes it saw in training ({@code classes}, ascending class indexes) as
     * probabilities over all {@code classCount} classes; a class missing from the training rows gets 0.
     */
    static double[] spread(double[] posterior, int[] classes, int classCount) {
        double[] out = new double[classCount];
        for (int c = 0; c < classes.length; c++) {
            out[classes[c]] = posterior[c];
        }
        return out;
    }
}
