package org.sealbook.toolkit.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.diagnose.Cause;
import org.sealbook.toolkit.diagnose.CurveHistory;
import org.sealbook.toolkit.diagnose.CurveReading;
import org.sealbook.toolkit.diagnose.CurveRules;
import org.sealbook.toolkit.diagnose.Diagnosis;
import org.sealbook.toolkit.diagnose.Diagnosis.RunVerdicts;
import org.sealbook.toolkit.diagnose.Diagnostician;
import org.sealbook.toolkit.diagnose.LogFiles;
import org.sealbook.toolkit.diagnose.SplitShift;
import org.sealbook.toolkit.hypothesis.Family;
import org.sealbook.toolkit.hypothesis.Hypothesis;
import org.sealbook.toolkit.models.Model;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Result;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.pipeline.StageRun;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Status;
import org.sealbook.toolkit.plan.Plan;
import org.sealbook.toolkit.prepare.TrainingData;
import org.sealbook.toolkit.runs.Batch;
import org.sealbook.toolkit.runs.Ledger;
import org.sealbook.toolkit.runs.TrainingRecord;
import org.sealbook.toolkit.sweep.Sweep;
import org.sealbook.toolkit.sweep.SweepLedger;
import org.sealbook.toolkit.sweep.SweepResult;
import org.sealbook.toolkit.sweep.Trial;
import org.sealbook.toolkit.workspace.CanonicalJson;
import org.sealbook.toolkit.workspace.Records;

/**
 * Reads learning curves and says what went wrong and why: every run of the last sealed batch or sweep (whichever
 * was sealed later), one of its runs ({@code %diagnose exp_004}, {@code %diagnose trial_007}), or a log from
 * elsewhere ({@code %diagnose --log metrics.csv}). Each run gets its
 * verdicts from {@link CurveRules}; for a batch, the causes beyond the curve come from the sealed records
 * ({@link Diagnostician}); all causes are ranked with a cell to try, and the diagnosis is sealed.
 *
 * <p>The spec declares no record it reads, because {@code --log} needs none: for a batch the stage verifies the
 * chain up to the training itself, through the same gate, before it reads anything, so a missing or changed record
 * refuses it with nothing written. The sealed {@link Diagnosis} names what it rests on (see its comment).
 * Usage: {@code session.run("diagnose", List.of("exp_004"), null, view)}.
 */
public final class DiagnoseStage implements Stage {
    public static final Option<String> RUN = Option.text("run", "EXPERIMENT",
            "one run of the last batch or sweep to diagnose").defaultText("every run of the last batch or sweep").positional();
    public static final Option<String> LOG = Option.text("log", "FILE",
            "a training log from elsewhere: a Keras or Lightning CSVLogger file, or a run's log.jsonl");

    private static final StageSpec SPEC = StageSpec.named("diagnose", "Read the learning curves of the last batch "
            + "or of a log, name what went wrong and rank its causes").seals(Diagnosis.ARTIFACT).options(RUN, LOG);

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public Result run(StageRun run) {
        if (run.options().has(RUN) && run.options().has(LOG)) {
            throw StageProblem.blocked(run.names().stage("diagnose") + " reads either a run of the last batch or a "
                    + "log file, not both; give " + run.names().call("diagnose", run.option(RUN)) + " or "
                    + run.names().call("diagnose", "--log", run.option(LOG)) + ".");
        }
        return run.options().has(LOG) ? log(run) : sweepIsLast(run) ? sweep(run) : batch(run);
    }

    /**
     * Whether the sweep is what to read: a trial was named, or a sweep's results are sealed and were written after
     * the batch's (both are written once, when their training ends, so the later file is the later training).
     */
    private static boolean sweepIsLast(StageRun run) {
        String asked = run.options().has(RUN) ? run.option(RUN).strip() : "";
        Path sweep = run.workspace().file(SweepResult.ARTIFACT);
        Path training = run.workspace().file(TrainingRecord.ARTIFACT);
        if (asked.startsWith("trial_") || !Files.exists(training)) {
            return Files.exists(sweep) || asked.startsWith("trial_");
        }
        try {
            return !asked.startsWith("exp_") && Files.exists(sweep)
                    && Files.getLastModifiedTime(sweep).compareTo(Files.getLastModifiedTime(training)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read when " + sweep + " and " + training + " were written ("
                    + e.getMessage() + "); check the workspace's permissions and run " + run.names().stage("diagnose")
                    + " again.", e);
        }
    }

    /**
     * Every trial of the last sealed sweep, or the one named. Trials that successive halving stopped are read and
     * shown, but their causes are not ranked: the sweep, not their curve, ended them.
     */
    private static Result sweep(StageRun run) {
        Optional<Sweep> going = run.session().sweep().filter(w -> !w.isFinished());
        if (going.isPresent()) {
            throw StageProblem.blocked("Sweep " + going.get().id() + " is still running, so its curves are not "
                    + "finished; wait for it with " + run.names().call("sweep", "--wait") + ", then run "
                    + run.names().stage("diagnose") + ".");
        }
        Records sealed = run.workspace().verify("diagnose", SweepResult.ARTIFACT, run.names());
        SweepResult result = sealed.get(SweepResult.ARTIFACT);
        Path folder = run.workspace().folder().resolve("runs").resolve(result.sweep());
        List<Trial> trials;
        try {
            trials = SweepLedger.read(folder.resolve(SweepLedger.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the ledger of sweep " + result.sweep() + " ("
                    + e.getMessage() + "); check the workspace's permissions and run " + run.names().stage("diagnose")
                    + " again.", e);
        }
        if (run.options().has(RUN)) {
            String wanted = run.option(RUN).strip();
            List<Trial> found = trials.stream().filter(t -> t.trial().equals(wanted)).toList();
            if (found.isEmpty()) {
                throw StageProblem.blocked("Sweep " + result.sweep() + " has no trial " + wanted + "; its trials are "
                        + trials.get(0).trial() + " to " + trials.get(trials.size() - 1).trial() + ", so give one of "
                        + "them, e.g. " + run.names().call("diagnose", trials.get(0).trial()) + ".");
            }
            trials = found;
        }
        List<CurveReading> readings = new ArrayList<>();
        List<CurveReading> ranked = new ArrayList<>();
        for (Trial t : trials) {
            CurveReading reading = CurveRules.read(LogFiles.runLog(t.trial(), folder.resolve(t.trial())
                    .resolve("log.jsonl")), Double.NaN);
            readings.add(reading);
            if (!t.stoppedEarly()) {
                ranked.add(reading);
            }
        }
        List<Cause> causes = Diagnostician.forLog().causes(ranked);
        DiagnoseText.show(run, "sweep " + result.sweep(), readings, Optional.empty(), causes);
        String sha = basisSha256(run.workspace().file(SweepResult.ARTIFACT), run);
        return seal(new Diagnosis("sweep", result.sweep(), sha, verdicts(readings), causes), readings, causes, run);
    }

    private static Result log(StageRun run) {
        Path file = run.resolve(run.option(LOG)).toAbsolutePath().normalize();
        CurveHistory history = LogFiles.read(file);
        String sha256 = basisSha256(file, run);
        List<CurveReading> readings = List.of(CurveRules.read(history, Double.NaN));
        List<Cause> causes = Diagnostician.forLog().causes(readings);
        DiagnoseText.show(run, "the log " + file, readings, Optional.empty(), causes);
        return seal(new Diagnosis("log", file.toString(), sha256, verdicts(readings), causes), readings, causes, run);
    }

    private static Result batch(StageRun run) {
        Optional<Batch> going = run.session().batch().filter(b -> !b.isFinished());
        if (going.isPresent()) {
            throw StageProblem.blocked("Batch " + going.get().id() + " is still training, so its curves are not "
                    + "finished; wait for it with " + run.names().call("train", "--wait") + ", then run "
                    + run.names().stage("diagnose") + ".");
        }
        Records sealed = run.workspace().verify("diagnose", TrainingRecord.ARTIFACT, run.names());
        TrainingRecord training = sealed.get(TrainingRecord.ARTIFACT);
        Plan plan = sealed.get(Plan.ARTIFACT);
        Hypothesis hypothesis = sealed.get(Hypothesis.ARTIFACT);
        Ledger ledger = Ledger.read(run.workspace(), training, plan, run.names());
        List<Ledger.Entry> entries = chosen(run, ledger);
        TrainingData data = TrainingData.load(run.workspace(), sealed.get(DataCheckResult.ARTIFACT), hypothesis, plan);
        double reference = baselineLoss(ledger.entries());
        List<CurveReading> readings = new ArrayList<>();
        List<Diagnostician.TrainedRun> trained = new ArrayList<>();
        long seed = data.contract().seed();
        for (Ledger.Entry entry : entries) {
            String id = entry.experiment().id();
            readings.add(CurveRules.read(new CurveHistory(id, entry.history()),
                    entry.experiment().family() == Family.BASELINE ? Double.NaN : reference));
            if (entry.model() != null) {
                Model model = ledger.model(entry, seed);
                trained.add(new Diagnostician.TrainedRun(id, entry.experiment(), model.size(),
                        model.predict(data.validation().x())));
            }
        }
        SplitShift shift = SplitShift.measure(data.train(), data.validation(), seed);
        Map<String, org.sealbook.toolkit.plan.Experiment> experiments = new LinkedHashMap<>();
        plan.experiments().forEach(e -> experiments.put(e.id(), e));
        Diagnostician doctor = Diagnostician.forBatch(run.names(), experiments, hypothesis.file(),
                data.contract().target());
        List<Cause> causes = doctor.causes(readings, data, trained, shift);
        DiagnoseText.show(run, "batch " + ledger.batch(), readings, Optional.of(shift), causes);
        String trainingSha = basisSha256(run.workspace().file(TrainingRecord.ARTIFACT), run);
        return seal(new Diagnosis("batch", ledger.batch(), trainingSha, verdicts(readings), causes), readings, causes,
                run);
    }

    /** Every run of the batch, or the one the reader named; an unknown name is refused with the batch's runs. */
    private static List<Ledger.Entry> chosen(StageRun run, Ledger ledger) {
        if (!run.options().has(RUN)) {
            return ledger.entries();
        }
        String wanted = run.option(RUN).strip();
        List<Ledger.Entry> found = ledger.entries().stream().filter(e -> e.experiment().id().equals(wanted)).toList();
        if (found.isEmpty()) {
            throw StageProblem.blocked("Batch " + ledger.batch() + " has no run " + wanted + "; its runs are "
                    + String.join(", ", ledger.entries().stream().map(e -> e.experiment().id()).toList())
                    + ", so give one of them, e.g. " + run.names().call("diagnose",
                    ledger.entries().get(ledger.entries().size() - 1).experiment().id()) + ".");
        }
        return found;
    }

    /** The baseline's last validation loss: the loss of a model that learns nothing; NaN when there is none. */
    private static double baselineLoss(List<Ledger.Entry> entries) {
        for (Ledger.Entry e : entries) {
            if (e.experiment().family() == Family.BASELINE) {
                for (int i = e.history().size() - 1; i >= 0; i--) {
                    Double loss = e.history().get(i).get(CurveHistory.VAL_LOSS);
                    if (loss != null && Double.isFinite(loss)) {
                        return loss;
                    }
                }
            }
        }
        return Double.NaN;
    }

    /** The SHA-256 of the file the diagnosis rests on (training.json, sweep_result.json or the log). */
    private static String basisSha256(Path file, StageRun run) {
        try {
            return CanonicalJson.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + " to seal what the diagnosis rests on ("
                    + e.getMessage() + "); check that it is readable and run " + run.names().stage("diagnose")
                    + " again.", e);
        }
    }

    private static List<RunVerdicts> verdicts(List<CurveReading> readings) {
        return readings.stream().map(r -> new RunVerdicts(r.run(), r.history().steps().size(), r.unread(),
                r.verdicts())).toList();
    }

    private static Result seal(Diagnosis diagnosis, List<CurveReading> readings, List<Cause> causes, StageRun run) {
        // a diagnosis that could read no curve at all is not a clean bill of health
        boolean unread = readings.stream().allMatch(r -> r.main() == null);
        boolean problems = unread || !causes.isEmpty()
                || readings.stream().anyMatch(r -> r.verdicts().stream().anyMatch(v -> v.verdict().isProblem()));
        String summary = DiagnoseText.summary(readings, causes);
        return Result.seal(diagnosis)
                .said(s -> "The diagnosis is sealed in " + s.file() + " with SHA-256 " + s.shortHash() + "…, resting on "
                        + (diagnosis.source().equals("batch") ? "training.json"
                        : diagnosis.source().equals("sweep") ? "sweep_result.json" : diagnosis.basis()) + " with SHA-256 "
                        + diagnosis.basisSha256().substring(0, 12) + "….")
                .then(s -> new StageOutcome(problems ? Status.DONE_WITH_CONCERNS : Status.DONE, summary));
    }
}
