package org.sealbook.toolkit.diagnose;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * What {@code %diagnose} seals, {@code diagnosis.json}: what was diagnosed, each run's verdicts with their rules
 * and numbers, and the ranked causes with what to try. It names its basis itself instead of through the chain of
 * seals, because a diagnosis may rest on a log from outside the workspace: for a batch, the sealed training's batch
 * and the SHA-256 of {@code training.json} (verified, with everything before it, before the diagnosis ran); for a
 * log, the file's path and SHA-256. So the artifact has no predecessor, and {@code %diagnose --log} needs no stage
 * before it.
 *
 * @param source      {@code batch}, {@code sweep} or {@code log}
 * @param basis       the batch id, or the log file's path
 * @param basisSha256 the SHA-256 of training.json, or of the log file
 * @param runs        each run diagnosed, in the batch's order
 * @param causes      the causes, strongest first
 */
public record Diagnosis(String source, String basis, String basisSha256, List<RunVerdicts> runs,
                        List<Cause> causes) {
    public static final Artifact<Diagnosis> ARTIFACT = Artifact.of("diagnosis", "the diagnosis", "diagnose", null,
            Codec.of(Diagnosis::toJson, Diagnosis::fromJson).schema("diagnosis"));

    /** One run's verdicts; {@code unread} says why there are none (too few steps), else null. */
    public record RunVerdicts(String run, int steps, String unread, List<Verdict> verdicts) {
        public RunVerdicts {
            verdicts = List.copyOf(verdicts);
        }
    }

    public Diagnosis {
        runs = List.copyOf(runs);
        causes = List.copyOf(causes);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonObject from = new JsonObject();
        from.addProperty("kind", source);
        from.addProperty("basis", basis);
        from.addProperty("sha256", basisSha256);
        o.add("source", from);
        JsonArray list = new JsonArray();
        for (RunVerdicts run : runs) {
            JsonObject r = new JsonObject();
            r.addProperty("run", run.run());
            r.addProperty("steps", run.steps());
            if (run.unread() != null) {
                r.addProperty("unread", run.unread());
            }
            JsonArray verdicts = new JsonArray();
            for (Verdict v : run.verdicts()) {
                JsonObject j = new JsonObject();
                j.addProperty("verdict", v.verdict().label());
                j.addProperty("rule", v.rule());
                j.addProperty("threshold", v.threshold());
                j.add("numbers", numbers(v.numbers()));
                j.addProperty("sentence", v.sentence());
                j.addProperty("at_step", v.at());
                verdicts.add(j);
            }
            r.add("verdicts", verdicts);
            list.add(r);
        }
        o.add("runs", list);
        JsonArray causeList = new JsonArray();
        for (Cause c : causes) {
            JsonObject j = new JsonObject();
            j.addProperty("cause", c.kind().label());
            if (c.run() != null) {
                j.addProperty("run", c.run());
            }
            j.addProperty("strength", c.strength());
            j.add("evidence", numbers(c.evidence()));
            j.addProperty("finding", c.finding());
            j.addProperty("try", c.attempt());
            j.addProperty("reason", c.reason());
            causeList.add(j);
        }
        o.add("causes", causeList);
        return o;
    }

    public static Diagnosis fromJson(JsonObject o) {
        JsonObject from = o.getAsJsonObject("source");
        List<RunVerdicts> runs = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("runs")) {
            JsonObject r = e.getAsJsonObject();
            List<Verdict> verdicts = new ArrayList<>();
            for (JsonElement v : r.getAsJsonArray("verdicts")) {
                JsonObject j = v.getAsJsonObject();
                verdicts.add(new Verdict(CurveVerdict.byLabel(j.get("verdict").getAsString()),
                        j.get("rule").getAsString(), j.get("threshold").getAsString(), numbers(j.getAsJsonObject(
                        "numbers")), j.get("sentence").getAsString(), j.get("at_step").getAsDouble()));
            }
            runs.add(new RunVerdicts(r.get("run").getAsString(), r.get("steps").getAsInt(),
                    r.has("unread") ? r.get("unread").getAsString() : null, verdicts));
        }
        List<Cause> causes = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("causes")) {
            JsonObject j = e.getAsJsonObject();
            causes.add(new Cause(Cause.Kind.byLabel(j.get("cause").getAsString()),
                    j.has("run") ? j.get("run").getAsString() : null, j.get("strength").getAsDouble(),
                    numbers(j.getAsJsonObject("evidence")), j.get("finding").getAsString(), j.get("try").getAsString(),
                    j.get("reason").getAsString()));
        }
        return new Diagnosis(from.get("kind").getAsString(), from.get("basis").getAsString(),
                from.get("sha256").getAsString(), runs, causes);
    }

    private static JsonObject numbers(Map<String, Double> numbers) {
        JsonObject o = new JsonObject();
        numbers.forEach(o::addProperty);
        return o;
    }

    private static Map<String, Double> numbers(JsonObject o) {
        Map<String, Double> out = new LinkedHashMap<>();
        o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsDouble()));
        return out;
    }
}
