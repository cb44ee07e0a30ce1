package org.sealbook.toolkit.hypothesis;

import com.google.gson.JsonObject;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What the hypothesis stage seals, {@code hypothesis.json}: the contract, and the data file it was drawn from (so
 * later stages read the same rows, or refuse when the file changed).
 *
 * @param rowsWithTarget the rows that have a target; the split files index into them
 */
public record Hypothesis(Contract contract, String file, String sha256, int rowsWithTarget) {
    public static final Artifact<Hypothesis> ARTIFACT = Artifact.of("hypothesis", "the hypothesis", "hypothesize",
            DataCheckResult.ARTIFACT, Codec.of(Hypothesis::toJson, Hypothesis::fromJson).schema("hypothesis"));

    public JsonObject toJson() {
        JsonObject o = contract.toJson();
        JsonObject source = new JsonObject();
        source.addProperty("file", file);
        source.addProperty("sha256", sha256);
        source.addProperty("rows_with_target", rowsWithTarget);
        o.add("data", source);
        return o;
    }

    public static Hypothesis fromJson(JsonObject o) {
        JsonObject source = o.getAsJsonObject("data");
        return new Hypothesis(Contract.fromJson(o), source.get("file").getAsString(), source.get("sha256").getAsString(),
                source.get("rows_with_target").getAsInt());
    }
}
