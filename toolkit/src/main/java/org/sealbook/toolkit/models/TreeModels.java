package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.sealbook.toolkit.prepare.Prepared;

/**
 * What the forest and the boosting families share beyond {@link ModelChecks}: the check that a restored model goes
 * on with the rows it started on, and the head of their saved files. Usage:
 * {@code head = TreeModels.Head.learn(train); head.checkSameRows(train, "random_forest");}
 */
final class TreeModels {
    private TreeModels() {
    }

    /** What both ensembles save first: the family's header, the features, the class count (0 for a number) and the bins. */
    record Head(List<String> features, int classCount, BinnedFeatures bins) {
        /** What a first fit learns from its training rows. */
        static Head learn(Prepared train) {
            return new Head(train.features(), train.isClassification() ? train.classes().size() : 0,
                    BinnedFeatures.learn(train.x()));
        }

        /**
         * Refuses to go on training a restored (or stopped) model on rows of other features or another target: its
         * bins and trees belong to the rows it started on.
         */
        void checkSameRows(Prepared train, String family) {
            int trainClasses = train.isClassification() ? train.classes().size() : 0;
            if (!train.features().equals(features) || trainClasses != classCount) {
                throw new IllegalArgumentException("The " + family + " model was trained on the features " + features
                        + " with " + (classCount == 0 ? "a numeric target" : classCount + " classes") + " but fit got "
                        + train.features() + " with " + (trainClasses == 0 ? "a numeric target" : trainClasses
                        + " classes") + "; go on training it with the prepared rows it started on.");
            }
        }

        void write(DataOutputStream out, String family, String settings) throws IOException {
            SavedModels.writeHeader(out, family, settings);
            SavedModels.writeFeatures(out, features);
            out.writeInt(classCount);
            bins.write(out);
        }

        /** Reads what {@link #write} wrote, refusing another family's or other settings' file. */
        static Head read(DataInputStream in, String family, String settings) throws IOException {
            SavedModels.readHeader(in, family, settings);
            List<String> features = SavedModels.readFeatures(in);
            int classCount = in.readInt();
            return new Head(features, classCount, BinnedFeatures.read(in));
        }
    }
}
