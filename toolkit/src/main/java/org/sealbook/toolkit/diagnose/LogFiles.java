package org.sealbook.toolkit.diagnose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sealbook.toolkit.pipeline.StageProblem;
import org.sealbook.toolkit.runs.Ledger;
import org.sealbook.toolkit.runs.RunLog;

/**
 * Reads a training log written elsewhere into a {@link CurveHistory}: our own {@code log.jsonl}, Keras' CSVLogger
 * file ({@code epoch,loss,val_loss,accuracy,val_accuracy,...}, one row per epoch) or PyTorch Lightning's CSVLogger
 * {@code metrics.csv} ({@code epoch,step,train_loss,val_loss,...}, where training and validation numbers land on
 * different rows and the other cells are empty). Columns are found by name, never by position; rows that share an
 * epoch are merged into one step, each column the mean of its values there (Lightning logs the training loss every
 * batch and the validation loss once an epoch, and the mean of a batch's losses is what Keras logs as the epoch's).
 * Usage: {@code CurveHistory h = LogFiles.read(Path.of("metrics.csv"));}
 */
public final class LogFiles {
    /** Names a training loss goes by, preferred first (Lightning's epoch mean before its per-batch values). */
    static final List<String> TRAIN_LOSS = List.of("train_loss_epoch", "train_loss", "loss", "training_loss",
            "train/loss");
    static final List<String> VAL_LOSS = List.of("val_loss_epoch", "val_loss", "validation_loss", "valid_loss",
            "val/loss");
    /** What orders the rows, preferred first: an epoch groups a Lightning file's batch rows. */
    static final List<String> STEP = List.of("epoch", "step", "iteration");

    private LogFiles() {
    }

    /** The file's curve, named by its file name; one sentence (BLOCKED) when it cannot be read as a training log. */
    public static CurveHistory read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw StageProblem.blocked("There is no log file " + file + "; give the path of a Keras or Lightning "
                    + "CSVLogger file or of a run's log.jsonl.");
        }
        String name = file.getFileName().toString();
        List<Map<String, Double>> steps = name.endsWith(".jsonl") || name.endsWith(".json") ? jsonLines(file)
                : csv(file);
        if (steps.isEmpty()) {
            throw StageProblem.blocked("The log file " + file + " holds no step records, so there is no curve to "
                    + "read; give the log of a run that trained at least one step.");
        }
        return new CurveHistory(name, steps);
    }

    /**
     * A run's {@code log.jsonl} as the curve of the run called {@code run}: how a sweep's trials, each logging in
     * the batch's format, come into the diagnosis ({@code LogFiles.runLog("trial_07", dir.resolve("log.jsonl"))}).
     */
    public static CurveHistory runLog(String run, Path logJsonl) {
        if (!Files.isRegularFile(logJsonl)) {
            throw StageProblem.blocked("There is no run log " + logJsonl + " for " + run + "; train it, or give the "
                    + "path of its log.jsonl.");
        }
        return new CurveHistory(run, jsonLines(logJsonl));
    }

    private static List<Map<String, Double>> jsonLines(Path file) {
        List<Map<String, Double>> steps;
        try {
            steps = Ledger.history(RunLog.read(file));
        } catch (RuntimeException e) {
            throw StageProblem.blocked("The log file " + file + " is not a run log of one JSON object a line with "
                    + "\"event\": \"step\" records (" + e.getMessage() + "); give a run's log.jsonl or a CSV log.", e);
        }
        if (!steps.isEmpty() && steps.stream().noneMatch(s -> s.containsKey(CurveHistory.TRAIN_LOSS)
                || s.containsKey(CurveHistory.VAL_LOSS))) {
            throw StageProblem.blocked("The step records of " + file + " log neither train_loss nor val_loss, so "
                    + "there is no loss curve to read; log at least one of them each step.");
        }
        return steps;
    }

    private static List<Map<String, Double>> csv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the log file " + file + " (" + e.getMessage() + "); check "
                    + "that it is readable and give its path again.", e);
        }
        if (lines.isEmpty()) {
            throw StageProblem.blocked("The log file " + file + " is empty; give a CSV log with a header row.");
        }
        String separator = separator(lines.get(0));
        List<String> header = cells(lines.get(0), separator).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        String train = first(header, TRAIN_LOSS);
        String validation = first(header, VAL_LOSS);
        if (train == null && validation == null) {
            throw StageProblem.blocked("None of the columns of " + file + " (" + String.join(", ", header) + ") is a "
                    + "loss Sealbook knows: name the training loss one of " + String.join(", ", TRAIN_LOSS)
                    + " or the validation loss one of " + String.join(", ", VAL_LOSS) + ", as Keras' and Lightning's "
                    + "CSV loggers do.");
        }
        String order = first(header, STEP);
        Map<String, String> renamed = renamed(header, train, validation, order);
        // rows grouped by their step (the epoch when there is one): each column's values there, then their mean
        TreeMap<Double, Map<String, List<Double>>> groups = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> row = cells(lines.get(i), separator);
            if (row.size() > header.size()) {
                throw StageProblem.blocked("Row " + (i + 1) + " of " + file + " has " + row.size() + " cells but the "
                        + "header names " + header.size() + " columns; give a CSV whose rows match its header.");
            }
            double step = order == null ? i : number(row, header.indexOf(order), file, i);
            if (Double.isNaN(step)) {
                continue; // a row without its step cannot be placed on the curve
            }
            Map<String, List<Double>> group = groups.computeIfAbsent(step, s -> new LinkedHashMap<>());
            for (int c = 0; c < row.size(); c++) {
                String key = renamed.get(header.get(c));
                double value = number(row, c, file, i);
                if (key != null && !key.equals(CurveHistory.STEP) && !row.get(c).isBlank()) {
                    group.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                }
            }
        }
        List<Map<String, Double>> steps = new ArrayList<>();
        groups.forEach((step, values) -> {
            Map<String, Double> record = new LinkedHashMap<>();
            record.put(CurveHistory.STEP, step);
            values.forEach((key, list) -> record.put(key, list.stream().mapToDouble(Double::doubleValue).sum()
                    / list.size()));
            steps.add(record);
        });
        return steps;
    }

    /** Each column's name in our step records: the losses by their role, {@code accuracy} as train_accuracy. */
    private static Map<String, String> renamed(List<String> header, String train, String validation, String order) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String column : header) {
            String key;
            if (column.equals(train)) {
                key = CurveHistory.TRAIN_LOSS;
            } else if (column.equals(validation)) {
                key = CurveHistory.VAL_LOSS;
            } else if (column.equals(order)) {
                key = CurveHistory.STEP;
            } else if (TRAIN_LOSS.contains(column) || VAL_LOSS.contains(column) || STEP.contains(column)) {
                key = null; // a second name for a number already read (Lightning's per-batch loss beside its mean)
            } else if (column.equals("lr") || column.startsWith("lr-")) {
                key = "learning_rate";
            } else if (column.startsWith("val_") || column.startsWith("train_")) {
                key = column.replace('/', '_');
            } else {
                key = "train_" + column.replace('/', '_');
            }
            if (key != null && !renamed.containsValue(key)) {
                renamed.put(column, key);
            }
        }
        return renamed;
    }

    private static String first(List<String> header, List<String> names) {
        return names.stream().filter(header::contains).findFirst().orElse(null);
    }

    /** Keras' CSVLogger takes any separator: a comma by default, else the one the header holds most of. */
    private static String separator(String header) {
        String best = ",";
        long most = header.chars().filter(c -> c == ',').count();
        for (String s : List.of(";", "\t")) {
            long n = header.chars().filter(c -> c == s.charAt(0)).count();
            if (n > most) {
                best = s;
                most = n;
            }
        }
        return best;
    }

    private static List<String> cells(String line, String separator) {
        List<String> out = new ArrayList<>();
        for (String cell : line.split(java.util.regex.Pattern.quote(separator), -1)) {
            String c = cell.strip();
            out.add(c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1) : c);
        }
        return out;
    }

    /** A cell's number; NaN for an empty cell; Python's nan and inf as Java's; one sentence for text. */
    private static double number(List<String> row, int column, Path file, int line) {
        if (column < 0 || column >= row.size() || row.get(column).isBlank()) {
            return Double.NaN;
        }
        String text = row.get(column).toLowerCase(Locale.ROOT);
        switch (text) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw StageProblem.blocked("Row " + (line + 1) + " of " + file + " has \"" + row.get(column) + "\" where "
                    + "a number belongs; a training log holds only numbers below its header.", e);
        }
    }
}
