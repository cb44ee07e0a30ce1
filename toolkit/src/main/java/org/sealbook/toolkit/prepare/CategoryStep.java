package org.sealbook.toolkit.prepare;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.columns.Column;

/** A text or yes/no column: one 0/1 column per training category; missing (unless filled) and unseen: zeros. */
record CategoryStep(String column, List<String> categories, String fill, boolean indicator)
        implements ColumnStep {
    @Override
    public FeatureKind kind() {
        return FeatureKind.CATEGORY;
    }

    @Override
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        categories.forEach(v -> names.add(column + "=" + v));
        if (indicator) {
            names.add(column + INDICATOR_SUFFIX);
        }
        return names;
    }

    @Override
    public void write(Column<?> c, Map<String, double[]> raw, double[][] x, int offset) {
        boolean allMissing = c.countMissing() == c.size(); // then its type may differ from training's
        Map<String, Integer> indexOf = indexes(categories);
        for (int i = 0; i < x.length; i++) {
            boolean missing = allMissing || c.isMissing(i);
            Integer index = indexOf.get(missing ? fill : c.getString(i)); // null: unseen, or missing and unfilled
            if (index != null) {
                x[i][offset + index] = 1;
            }
            if (indicator) {
                x[i][offset + categories.size()] = missing ? 1 : 0;
            }
        }
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("column", column);
        o.addProperty("kind", FeatureKind.CATEGORY.label);
        o.add("categories", RecipeJson.texts(categories));
        if (fill != null) {
            o.addProperty("fill", fill);
        }
        o.addProperty("missing_indicator", indicator);
        return o;
    }

    /** Each name's position in the list, to look values up in one step. */
    static Map<String, Integer> indexes(List<String> names) {
        Map<String, Integer> out = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            out.put(names.get(k), k);
        }
        return out;
    }
}
