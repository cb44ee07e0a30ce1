package org.sealbook.toolkit.models;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * The start every saved model shares, so a checkpoint is never read into the wrong model: a format mark, the
 * family and its settings. Also reads and writes the Smile models, which are Java-serializable.
 * Usage: {@code SavedModels.writeHeader(out, "linear", "l2=0.0"); ... SavedModels.readHeader(in, "linear", "l2=0.0");}
 */
final class SavedModels {
    private static final int FORMAT = 0x5EA1_0001;

    private SavedModels() {
    }

    static void writeHeader(DataOutputStream out, String family, String settings) throws IOException {
        out.writeInt(FORMAT);
        out.writeUTF(family);
        out.writeUTF(settings);
    }

    /** Refuses a stream that is not a Sealbook model, or one saved by another family or other settings. */
    static void readHeader(DataInputStream in, String family, String settings) throws IOException {
        if (in.readInt() != FORMAT) {
            throw new IOException("This file is not a saved Sealbook model (or was saved by another version); "
                    + "train the experiment again.");
        }
        String savedFamily = in.readUTF();
        String savedSettings = in.readUTF();
        if (!savedFamily.equals(family) || !savedSettings.equals(settings)) {
            throw new IOException("The saved model is a " + savedFamily + " with " + savedSettings + ", not a " + family
                    + " with " + settings + "; restore it with the plan that trained it.");
        }
    }

    /** Writes a Smile model (or null) without closing {@code out}. */
    static void writeObject(DataOutputStream out, Object model) throws IOException {
        ObjectOutputStream objects = new ObjectOutputStream(out);
        objects.writeObject(model);
        objects.flush();
    }

    static <T> T readObject(DataInputStream in, Class<T> type) throws IOException {
        try {
            Object read = new ObjectInputStream(in).readObject();
            if (read != null && !type.isInstance(read)) {
                throw new IOException("The saved model holds a " + read.getClass().getSimpleName() + " where a "
                        + type.getSimpleName() + " belongs; train the experiment again.");
            }
            return type.cast(read);
        } catch (ClassNotFoundException e) {
            throw new IOException("The saved model needs a class this toolkit lacks (" + e.getMessage()
                    + "); load it with the Sealbook version that saved it.", e);
        }
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    static void writeFeatures(DataOutputStream out, java.util.List<String> features) throws IOException {
        out.writeInt(features.size());
        for (String f : features) {
            out.writeUTF(f);
        }
    }

    static java.util.List<String> readFeatures(DataInputStream in) throws IOException {
        int n = in.readInt();
        java.util.List<String> features = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            features.add(in.readUTF());
        }
        return java.util.List.copyOf(features);
    }

    static DataOutputStream data(OutputStream out) {
        return out instanceof DataOutputStream d ? d : new DataOutputStream(out);
    }

    static DataInputStream data(InputStream in) {
        return in instanceof DataInputStream d ? d : new DataInputStream(in);
    }
}
