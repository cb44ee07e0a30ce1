package org.sealbook.toolkit.prepare;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import tech.tablesaw.columns.Column;

/** A number column: fill missing values, then standardise; optionally a 0/1 "was missing" column after it. */
record NumericStep(String column, FeatureKind kind, Filler filler, boolean indicator, double mean, double sd)
        implements ColumnStep {
    @Override
    public List<String> outputNames() {
        return indicator ? List.of(column, column + INDICATOR_SUFFIX) : List.of(column);
    }

    @Override
    public void write(Column<?> c, Map<String, double[]> raw, double[][] x, int offset) {
        double[] values = raw.get(column);
        for (int i = 0; i < values.length; i++) {
            boolean missing = Double.isNaN(values[i]);
            double v = missing ? filler.fill(raw, i) : values[i];
            x[i][offset] = (v - mean) / sd;
            if (indicator) {
                x[i][offset + 1] = missing ? 1 : 0;
            }
        }
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("column", column);
        o.addProperty("kind", kind.label);
        o.addProperty("impute", filler.method());
        o.addProperty("fill", filler.value());
        if (filler.ridge() != null) {
            o.add("ridge", filler.ridge().toJson());
        }
        o.addProperty("missing_indicator", indicator);
        o.addProperty("mean", mean);
        o.addProperty("sd", sd);
        return o;
    }
}
