package org.sealbook.kernel.magic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.sealbook.kernel.display.Display;
import org.sealbook.kernel.eval.Evaluator;
import static org.sealbook.kernel.magic.MagicArguments.MANY;
import static org.sealbook.kernel.magic.MagicArguments.usage;

/**
 * The kernel's own magics: listing magics, timing code, growing the class path (paths, jar globs, Maven
 * coordinates), running .jsh files, and showing a cell as HTML or Markdown. Relative paths are taken from the
 * working directory, which is the notebook's folder when Jupyter starts the kernel.
 */
public final class BuiltinMagics implements MagicProvider {
    private static final MagicArguments.Usage LSMAGIC = usage("%lsmagic", 0, 0, "takes no arguments");
    private static final MagicArguments.Usage TIME_CELL = usage("%%time", 0, 0,
            "takes nothing on its own line; put the code to time on the lines below it");
    private static final MagicArguments.Usage CLASSPATH = usage("%classpath", 0, MANY,
            "takes paths of jars or class folders, e.g. %classpath lib/a.jar classes");
    private static final MagicArguments.Usage JARS = usage("%jars", 1, MANY,
            "needs glob patterns of jar files, e.g. %jars lib/*.jar");
    private static final MagicArguments.Usage MAVEN = usage("%maven", 1, MANY,
            "needs coordinates like group:artifact:version, e.g. %maven com.google.code.gson:gson:2.11.0")
            .eachMatching("[^:\\s]+:[^:\\s]+(:[^:\\s]+){1,3}");
    private static final MagicArguments.Usage LOAD = usage("%load", 1, 1, "needs one .jsh file to run, e.g. %load setup.jsh");
    private static final MagicArguments.Usage HTML = usage("%%html", 0, 0, "takes nothing on its own line; put the HTML on the lines below it");
    private static final MagicArguments.Usage MARKDOWN = usage("%%markdown", 0, 0,
            "takes nothing on its own line; put the Markdown on the lines below it");

    private final Path workingDir;
    private final Supplier<MavenResolver> resolver;

    /** What ServiceLoader uses: the process's working directory and the default Maven repositories. */
    public BuiltinMagics() {
        this(Path.of("").toAbsolutePath(), MavenResolver::new);
    }

    public BuiltinMagics(Path workingDir, Supplier<MavenResolver> resolver) {
        this.workingDir = workingDir.toAbsolutePath();
        this.resolver = resolver;
    }

    @Override
    public void registerMagics(MagicRegistry r) {
        r.line("lsmagic", "List every line and cell magic with its help.", this::lsmagic);
        r.line("time", "Run the Java on the rest of the line and print how long it took, e.g. %time fib(30)", this::timeLine);
        r.cell("time", "Run the cell's Java and print how long it took.", this::timeCell);
        r.line("classpath", "Show the class path entries added this session, or add jars and folders: %classpath PATH...", this::classpath);
        r.line("jars", "Add the jar files matching glob patterns, e.g. %jars lib/*.jar", this::jars);
        r.line("maven", "Get artifacts and their dependencies from Maven and add them, e.g. %maven com.google.code.gson:gson:2.11.0", this::maven);
        r.line("load", "Run a .jsh file of Java snippets, e.g. %load setup.jsh", this::load);
        r.cell("html", "Show the cell as HTML.", c -> show(HTML, c, Display.html(c.body())));
        r.cell("markdown", "Show the cell as Markdown.", c -> show(MARKDOWN, c, Display.markdown(c.body())));
    }

    private Object lsmagic(MagicCall call) {
        LSMAGIC.parse(call.args());
        MagicRegistry registry = call.session().magics();
        StringBuilder text = new StringBuilder("Line magics:\n");
        list(text, "%", registry.lineMagics());
        text.append("Cell magics (first line of a cell):\n");
        list(text, "%%", registry.cellMagics());
        return text.toString().stripTrailing();
    }

    private static void list(StringBuilder text, String prefix, List<MagicRegistry.Entry> entries) {
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0) + prefix.length();
        for (MagicRegistry.Entry e : entries) {
            text.append(String.format(Locale.ROOT, "  %-" + width + "s  %s\n", prefix + e.name(), e.help()));
        }
    }

    private Object timeLine(MagicCall call) throws Exception {
        if (call.args().isBlank()) {
            throw new IllegalArgumentException("%time needs code to time on the same line, e.g. %time fib(30).");
        }
        return timed(call, call.args(), call.line());
    }

    private Object timeCell(MagicCall call) throws Exception {
        TIME_CELL.parse(call.args());
        return timed(call, call.body(), call.line() + 1);
    }

    private static Object timed(MagicCall call, String code, int firstLine) throws Exception {
        long start = System.nanoTime();
        Evaluator.Outcome outcome = call.session().evaluator().eval(code, call.session().cellLabel(), firstLine);
        System.out.println("Wall time: " + duration(System.nanoTime() - start));
        return outcome.hasValue() ? outcome.value() : null;
    }

    static String duration(long nanos) {
        double ms = nanos / 1e6;
        return ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    private Object classpath(MagicCall call) {
        List<String> paths = CLASSPATH.parse(call.args());
        Evaluator evaluator = call.session().evaluator();
        if (paths.isEmpty()) {
            List<String> added = evaluator.addedClasspath();
            if (added.isEmpty()) {
                System.out.println("No class path entries were added in this session; add some with %classpath PATH, %jars GLOB or %maven group:artifact:version.");
            }
            added.forEach(System.out::println);
            return null;
        }
        List<Path> resolved = new ArrayList<>();
        for (String p : paths) {
            Path path = workingDir.resolve(p).normalize();
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("Cannot add " + p + " to the class path: " + path
                        + " does not exist; check the path, or use %jars for a pattern like lib/*.jar.");
            }
            resolved.add(path);
        }
        addAll(evaluator, resolved);
        return null;
    }

    private Object jars(MagicCall call) throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        for (String pattern : JARS.parse(call.args())) {
            List<Path> matches = expand(pattern);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("No .jar file matches " + pattern + " (looked in " + base(pattern)
                        + "); check the pattern, e.g. %jars lib/*.jar, or use %classpath for a folder of classes.");
            }
            found.addAll(matches);
        }
        addAll(call.session().evaluator(), new ArrayList<>(found));
        return null;
    }

    private Object maven(MagicCall call) {
        List<String> coordinates = MAVEN.parse(call.args());
        Evaluator evaluator = call.session().evaluator();
        List<String> already = evaluator.addedClasspath();
        List<Path> fresh = resolver.get().resolve(coordinates).stream()
                .filter(jar -> !already.contains(jar.toString()))
                .toList();
        if (fresh.isEmpty()) {
            System.out.println("Everything " + String.join(", ", coordinates) + " needs is already on the class path.");
        }
        addAll(evaluator, fresh);
        return null;
    }

    private Object load(MagicCall call) throws Exception {
        String name = LOAD.parse(call.args()).get(0);
        Path file = workingDir.resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            String why = Files.isDirectory(file) ? " is a folder, not a file" : " does not exist";
            throw new IllegalArgumentException("Cannot load " + name + ": " + file + why + "; check the name, or give the file's full path.");
        }
        String code;
        try {
            code = Files.readString(file);
        } catch (IOException e) {
            throw new IOException("Cannot load " + name + ": reading " + file + " failed (" + e
                    + "); check that it is a readable UTF-8 text file.", e);
        }
        // Errors name the file, not the cell, so their line numbers point into the file.
        call.session().evaluator().eval(code, name, 1);
        return null;
    }

    private static Object show(MagicArguments.Usage usage, MagicCall call, Object bundle) {
        usage.parse(call.args());
        Display.display(bundle);
        return null;
    }

    private static void addAll(Evaluator evaluator, List<Path> paths) {
        for (Path p : paths) {
            evaluator.addToClasspath(p.toString());
            System.out.println("Added " + p + " to the class path.");
        }
    }

    /** The jar files a glob pattern names, sorted; {@code **} crosses folders, the rest match within one. */
    List<Path> expand(String pattern) throws IOException {
        Path base = base(pattern);
        String glob = glob(pattern);
        if (glob.isEmpty()) {
            return Files.isRegularFile(base) && isJar(base) ? List.of(base) : List.of();
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        // "**/x.jar" should also find x.jar directly in the base folder, as shells with globstar do.
        PathMatcher topLevel = glob.startsWith("**/") ? FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)) : matcher;
        int depth = glob.contains("**") ? Integer.MAX_VALUE : glob.split("/").length;
        try (Stream<Path> files = Files.walk(base, depth)) {
            return files.filter(f -> Files.isRegularFile(f) && isJar(f))
                    .filter(f -> matcher.matches(base.relativize(f)) || topLevel.matches(base.relativize(f)))
                    .map(Path::normalize)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw new IOException("Could not search " + base + " for " + pattern + " (" + e.getCause()
                    + "); check that the folder can be read.", e);
        }
    }

    /** The folder before the first path segment holding a glob character. */
    private Path base(String pattern) {
        List<String> fixed = new ArrayList<>();
        for (String segment : pattern.split("/", -1)) {
            if (hasGlob(segment)) {
                break;
            }
            fixed.add(segment);
        }
        String prefix = String.join("/", fixed);
        return workingDir.resolve(pattern.startsWith("/") && prefix.isEmpty() ? "/" : prefix).normalize();
    }

    /** The pattern from its first segment holding a glob character; empty when it has none. */
    private static String glob(String pattern) {
        String[] segments = pattern.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (hasGlob(segments[i])) {
                return String.join("/", List.of(segments).subList(i, segments.length));
            }
        }
        return "";
    }

    private static boolean hasGlob(String segment) {
        return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static boolean isJar(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }
}
