// Benchmark of the toolkit's data check (DataLoader.load + DataCheck.run) on one CSV, for comparison with
// the peers' data_check_pandas.py. Single-file program; run from the project root after a build:
//
//   java -Xmx8g -cp 'magics/target/lib/*' bench/data_check_bench.java FILE [--repeats N] [--target target]
//        [--breakdown]
//
// Prints one JSON line per repeat ({"kind":"repeat",...}: read/check/total seconds, VmHWM so far), then one
// {"kind":"summary",...} line with median/min/max and the counts taken from the last repeat's findings:
// missing values per column, duplicate rows, MAD outliers per numeric column, most correlated pair.
// --breakdown adds a {"kind":"breakdown",...} line: each check timed alone (package-private classes reached by
// reflection; untimed by the repeats). A benchmark, not a test: it asserts nothing.

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.toolkit.data.DataCheck;
import org.sealbook.toolkit.data.DataCheckResult;
import org.sealbook.toolkit.data.DataLoader;
import org.sealbook.toolkit.data.Dataset;
import org.sealbook.toolkit.data.Finding;
import org.sealbook.toolkit.data.Task;
import org.sealbook.toolkit.data.Thresholds;
import tech.tablesaw.api.Table;

public class DataCheckBenchMain {
    private static final Gson GSON = new Gson();

    public static void main(String[] args) throws Exception {
        Path file = null;
        int repeats = 3;
        String target = "target";
        boolean breakdown = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--target" -> target = args[++i];
                case "--breakdown" -> breakdown = true;
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            System.err.println("usage: data_check_bench.java FILE [--repeats N] [--target COL] [--breakdown]");
            System.exit(2);
        }
        double[] reads = new double[repeats];
        double[] checks = new double[repeats];
        double[] totals = new double[repeats];
        DataCheckResult last = null;
        int rows = 0;
        int columns = 0;
        for (int r = 0; r < repeats; r++) {
            System.gc(); // untimed: start each repeat without the previous one's garbage, as pandas' `del df`
            long t0 = System.nanoTime();
            Dataset data = DataLoader.create().load(file);
            long t1 = System.nanoTime();
            DataCheckResult result = DataCheck.of(target).run(data);
            long t2 = System.nanoTime();
            reads[r] = (t1 - t0) / 1e9;
            checks[r] = (t2 - t1) / 1e9;
            totals[r] = (t2 - t0) / 1e9;
            rows = data.rowCount();
            columns = data.table().columnCount();
            last = result;
            JsonObject o = new JsonObject();
            o.addProperty("kind", "repeat");
            o.addProperty("repeat", r);
            o.addProperty("read_s", reads[r]);
            o.addProperty("check_s", checks[r]);
            o.addProperty("total_s", totals[r]);
            o.addProperty("vmhwm_kb", procStatus("VmHWM"));
            o.addProperty("heap_used_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            System.out.println(GSON.toJson(o));
        }

        JsonObject s = new JsonObject();
        s.addProperty("kind", "summary");
        s.addProperty("file", file.toString());
        s.addProperty("bytes", Files.size(file));
        s.addProperty("rows", rows);
        s.addProperty("columns", columns);
        s.addProperty("repeats", repeats);
        s.add("read", stats(reads));
        s.add("check", stats(checks));
        s.add("total", stats(totals));
        s.addProperty("vmhwm_kb", procStatus("VmHWM"));
        s.addProperty("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        s.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        s.addProperty("java", System.getProperty("java.version"));
        s.add("counts", counts(last));
        System.out.println(GSON.toJson(s));

        if (breakdown) {
            System.out.println(GSON.toJson(breakdown(file, target)));
        }
    }

    /** Counts in the peers' terms, read from the findings' measures. */
    static JsonObject counts(DataCheckResult result) {
        JsonObject c = new JsonObject();
        Map<String, Long> missing = new LinkedHashMap<>();
        Map<String, Long> outliers = new LinkedHashMap<>();
        long duplicates = -1;
        String pair = null;
        double r = Double.NaN;
        for (Finding f : result.findings()) {
            switch (f.check()) {
                case "missing" -> {
                    if (f.column() != null && f.measures().containsKey("missing") && f.measure("missing") > 0) {
                        missing.put(f.column(), (long) f.measure("missing"));
                    }
                }
                case "duplicates" -> {
                    if (f.measures().containsKey("duplicate_rows")) {
                        duplicates = (long) f.measure("duplicate_rows");
                    }
                }
                case "outliers" -> {
                    if (f.column() != null && f.measure("outliers") > 0) {
                        outliers.put(f.column(), (long) f.measure("outliers"));
                    }
                }
                case "correlations" -> {
                    if (f.code().equals("MOST_CORRELATED_PAIR")) {
                        pair = f.columns().get(0) + "~" + f.columns().get(1);
                        r = f.measure("r");
                    }
                }
                default -> { }
            }
        }
        c.add("missing_nonzero", GSON.toJsonTree(missing));
        c.addProperty("duplicates", duplicates);
        c.add("outliers_mad", GSON.toJsonTree(outliers));
        JsonObject p = new JsonObject();
        if (pair != null) {
            p.addProperty(pair, Math.round(Math.abs(r) * 1000) / 1000.0); // |r| to 3 places, as the peer prints
        }
        c.add("max_abs_corr_pair", p);
        c.addProperty("corr_r_signed", r);
        c.addProperty("findings", result.findings().size());
        return c;
    }

    /** Each check alone on a fresh CheckInput per check (so every check pays its own double[] conversion). */
    static JsonObject breakdown(Path file, String target) throws Exception {
        Dataset data = DataLoader.create().load(file);
        Table read = data.table();
        String pkg = "org.sealbook.toolkit.data.";
        Class<?> ci = Class.forName(pkg + "CheckInput");
        Constructor<?> make = ci.getDeclaredConstructor(Table.class, Table.class, String.class, String.class,
                String.class, Task.class, Thresholds.class);
        make.setAccessible(true);
        JsonObject o = new JsonObject();
        o.addProperty("kind", "breakdown");
        o.addProperty("note", "each check alone, fresh inputs; seconds");
        for (String name : List.of("ShapeCheck", "TypeCheck", "MissingCheck", "TargetCheck", "DuplicateCheck",
                "DistributionCheck", "CorrelationCheck", "OutlierCheck")) {
            Method run = Class.forName(pkg + name).getDeclaredMethod("run", ci);
            run.setAccessible(true);
            Object in = make.newInstance(read, read, target, null, null, Task.CLASSIFICATION, Thresholds.defaultValues());
            long t0 = System.nanoTime();
            run.invoke(null, in);
            o.addProperty(name, (System.nanoTime() - t0) / 1e9);
        }
        return o;
    }

    static JsonObject stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        JsonObject o = new JsonObject();
        o.addProperty("median", n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2);
        o.addProperty("min", s[0]);
        o.addProperty("max", s[n - 1]);
        o.addProperty("n", n);
        return o;
    }

    /** A kB figure from /proc/self/status (e.g. VmHWM, the peak resident set); -1 where not available. */
    static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return -1;
    }
}
