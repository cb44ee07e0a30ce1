package org.sealbook.toolkit.prepare;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import tech.tablesaw.columns.Column;

/**
 * How the preprocessor turns one feature column into model inputs, with every number it learned from the training
 * rows. Usage: {@code step.write(rows.column(step.column()), raw, x, offset);}
 */
sealed interface ColumnStep permits NumericStep, CategoryStep {
    /** The name of the 0/1 column that says a value was missing: {@code <column>_was_missing}. */
    String INDICATOR_SUFFIX = "_was_missing";

    String column();

    FeatureKind kind();

    List<String> outputNames();

    /** Writes this column's output values into x, starting at column {@code offset}. */
    void write(Column<?> c, Map<String, double[]> raw, double[][] x, int offset);

    JsonObject toJson();

    /** The step {@link #toJson} saved, exactly as it was fitted. */
    static ColumnStep fromJson(JsonObject s, String where) {
        String column = RecipeJson.text(s, "column", where);
        FeatureKind kind = FeatureKind.byLabel(RecipeJson.text(s, "kind", where));
        boolean indicator = s.has("missing_indicator") && s.get("missing_indicator").getAsBoolean();
        if (kind == FeatureKind.CATEGORY) {
            String fill = s.has("fill") ? s.get("fill").getAsString() : null;
            return new CategoryStep(column, RecipeJson.textList(RecipeJson.array(s, "categories", where)), fill,
                    indicator);
        }
        RidgeImputer ridge = s.has("ridge") ? RidgeImputer.fromJson(s.getAsJsonObject("ridge"), where) : null;
        Filler filler = new Filler(RecipeJson.text(s, "impute", where), RecipeJson.number(s, "fill", where), ridge);
        return new NumericStep(column, kind, filler, indicator, RecipeJson.number(s, "mean", where),
                RecipeJson.number(s, "sd", where));
    }
}
