package org.sealbook.magics;

import com.google.gson.JsonObject;
import org.sealbook.toolkit.hypothesis.Contract;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.workspace.Artifact;
import org.sealbook.toolkit.workspace.Codec;

/**
 * A small stage as a user of the toolkit would add one: it shows the sealed contract and seals a note about it.
 * Everything else (the gate, the options and their hints, the status, the seal, the magic, the JShell method) it
 * gets from the pipeline; this class and its registration in the session's stages are all it takes.
 */
public final class ContractNoteStage implements Stage {
    /** What the stage seals. */
    public record Note(String target, String metric, String note) {
        static final Artifact<Note> ARTIFACT = Artifact.of("contract_note", "the contract note", "contract_note",
                Hypothesis.ARTIFACT, Codec.of(Note::toJson, Note::fromJson));

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("target", target);
            o.addProperty("metric", metric);
            o.addProperty("note", note);
            return o;
        }

        static Note fromJson(JsonObject o) {
            return new Note(o.get("target").getAsString(), o.get("metric").getAsString(), o.get("note").getAsString());
        }
    }

    static final Option<String> NOTE = Option.text("note", "TEXT", "what to write beside the contract").required();
    static final Option<Boolean> LOUD = Option.flag("loud", "write the note in capitals");

    @Override
    public StageSpec spec() {
        return StageSpec.named("contract_note", "Show the sealed contract and seal a note about it")
                .reads(Hypothesis.ARTIFACT).seals(Note.ARTIFACT).options(NOTE, LOUD);
    }

    @Override
    public Result run(StageRun run) {
        Contract contract = run.input(Hypothesis.ARTIFACT).contract();
        String note = run.option(LOUD) ? run.option(NOTE).toUpperCase(java.util.Locale.ROOT) : run.option(NOTE);
        run.view().explain("The contract", "Models predict " + contract.target() + " and are judged by "
                + contract.primary().label() + ".");
        return Result.seal(new Note(contract.target(), contract.primary().label(), note))
                .then(s -> new StageOutcome(Status.DONE, "The note is sealed (" + s.shortHash() + "): " + note + "."));
    }
}
