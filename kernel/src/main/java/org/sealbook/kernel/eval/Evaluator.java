package org.sealbook.kernel.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import org.sealbook.kernel.Log;

/**
 * One JShell session for the life of the kernel. Everything that evaluates, completes or inspects Java goes
 * through here: the protocol handlers, the magics and the tests. JShell is built and warmed up on a background
 * thread at start, so the first reply to a client never waits for the compiler.
 */
public final class Evaluator {
    /** Imports every cell starts with: JShell's own defaults plus the display helpers. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.regex.*;", "import java.util.stream.*;",
            "import static org.sealbook.kernel.display.Display.*;");

    /** Enough evaluations for the JIT to compile javac's hot paths; each costs a few tens of ms in the background. */
    private static final int WARM_UP_ROUNDS = 6;

    /** How long after a user's request the warm-up rounds keep waiting, so a burst of requests is not interleaved. */
    private static final long GIVE_WAY_NANOS = 250_000_000L;

    private final CellExecutionControl control = new CellExecutionControl();
    /** Guards the two fields below; the warm-up waits on it for the user's requests to end. */
    private final Object userActivity = new Object();
    /** Requests of the user's (cells, completions, inspections) waiting for or using the session now. */
    private int userRequests;
    private long lastUserRequest = System.nanoTime() - GIVE_WAY_NANOS;
    /** Done once JShell exists and its parser and completion have run once: editor requests can be answered. */
    private final CompletableFuture<JShell> parser = new CompletableFuture<>();
    /** Done once the imports are in and javac is warm: code can run. */
    private final CompletableFuture<JShell> shell;
    private final Set<String> classpath = new LinkedHashSet<>();
    /** Where each snippet's source sits, so stack traces name the cell and line the user wrote. */
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();

    private record SnippetOrigin(String cell, int firstLine) {
    }

    /**
     * A piece of a cell that JShell evaluates as one snippet, and where in the cell it starts. As in IPython, an
     * expression the user ended with a semicolon shows no result: {@code display(x);} shows x and nothing else.
     */
    record Piece(String source, int start, boolean quiet) {
    }

    /** What evaluating some code produced: a value, or nothing to show (a declaration, a statement). */
    public record Outcome(boolean hasValue, Object value) {
        static final Outcome NOTHING = new Outcome(false, null);
    }

    public Evaluator() {
        shell = CompletableFuture.supplyAsync(this::createAndWarmUp);
        shell.thenAcceptAsync(this::keepWarmingUp);
        shell.whenComplete((js, failure) -> {
            if (failure != null) {
                Log.error("JShell could not be started; no cell can run", failure);
                parser.completeExceptionally(failure);
            }
        });
    }

    private JShell createAndWarmUp() {
        long t0 = System.nanoTime();
        // JShell's compiler starts from this JVM's class path (java.class.path) and the snippets' class loader
        // delegates to the system class loader, so the kernel's jars are already visible to cells: adding them
        // again with addToClasspath only doubled the compiler's class path and reset its warm task pool each time.
        JShell js = JShell.builder()
                .executionEngine(new CellExecutionControl.Provider(control), Map.of())
                .compilerOptions("-proc:none")
                .build();
        long built = System.nanoTime();
        // Load the parser and the completion machinery first: the slow part of a first is_complete or completion.
        js.sourceCodeAnalysis().analyzeCompletion("int x = 1; x +");
        js.sourceCodeAnalysis().completionSuggestions("System.out.pri", 14, new int[1]);
        parser.complete(js);
        long parsing = System.nanoTime();
        // From here editor requests may use JShell too, so each step takes the session's lock on its own.
        for (String imp : STARTUP_IMPORTS) {
            synchronized (js) {
                js.eval(imp);
            }
        }
        long end = System.nanoTime();
        Log.info(String.format(Locale.ROOT, "JShell ready in %d ms (build %d, parser and completion %d, imports %d).",
                (end - t0) / 1_000_000, (built - t0) / 1_000_000, (parsing - built) / 1_000_000, (end - parsing) / 1_000_000));
        return js;
    }

    /**
     * Warm-up rounds once JShell is ready, until the JIT has compiled javac's hot paths. A round starts only when no
     * request of the user's waits or ran in the last moment, so a first cell or completion never queues behind one.
     */
    private void keepWarmingUp(JShell js) {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            if (!giveWayToUser()) {
                return;
            }
            synchronized (js) {
                warmUpRound(js, round);
            }
        }
    }

    /** Waits while the user's requests use the session and for a moment after the last; false when interrupted. */
    private boolean giveWayToUser() {
        synchronized (userActivity) {
            try {
                while (true) {
                    long left = GIVE_WAY_NANOS - (System.nanoTime() - lastUserRequest);
                    if (userRequests > 0) {
                        userActivity.wait(); // woken by userRequestDone
                    } else if (left > 0) {
                        userActivity.wait(Math.max(1, left / 1_000_000));
                    } else {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Counts a request of the user's from before it waits for the session until {@link #userRequestDone()}. */
    void userRequest() {
        synchronized (userActivity) {
            userRequests++;
        }
    }

    void userRequestDone() {
        synchronized (userActivity) {
            userRequests--;
            lastUserRequest = System.nanoTime();
            userActivity.notifyAll();
        }
    }

    /** Evaluates, completes and documents throwaway code, then drops what it declared. */
    private static void warmUpRound(JShell js, int round) {
        for (String snippet : List.of("Math.abs(-" + round + ")", "if (Math.abs(-1) == 2) { System.out.print(\"\"); }")) {
            for (SnippetEvent e : js.eval(snippet)) {
                if (e.causeSnippet() == null) {
                    js.drop(e.snippet());
                }
            }
        }
        js.sourceCodeAnalysis().completionSuggestions("Math.ma", 7, new int[1]);
        js.sourceCodeAnalysis().documentation("Math.max(", 9, false);
    }

    JShell jshell() {
        return shell.join();
    }

    /** JShell for editor requests: built and parsing, perhaps still importing and warming up. */
    JShell parser() {
        return parser.join();
    }

    /** The same, or null while it is still being built. */
    JShell parserIfReady() {
        return parser.getNow(null);
    }

    /**
     * Evaluates the code, snippet by snippet, stopping at the first failure.
     *
     * @param cell      how errors name the cell, e.g. {@code cell [3]}
     * @param firstLine the line of the cell on which this code starts (1-based)
     */
    public Outcome eval(String code, String cell, int firstLine) throws CellError {
        userRequest();
        control.openCell(); // an interrupt from here on stops this code, also one that comes while JShell warms up
        try {
            JShell js = jshell();
            synchronized (js) {
                Outcome outcome = Outcome.NOTHING;
                for (Piece piece : split(js, code)) {
                    int line = firstLine + lineOf(code, piece.start()) - 1;
                    outcome = evalSnippet(js, piece.source(), cell, line);
                    if (piece.quiet()) {
                        outcome = Outcome.NOTHING;
                    }
                }
                return outcome;
            }
        } finally {
            control.closeCell();
            userRequestDone();
        }
    }

    private Outcome evalSnippet(JShell js, String source, String cell, int line) throws CellError {
        control.forgetLastRun();
        List<SnippetEvent> events = js.eval(source);
        if (events.isEmpty()) {
            throw new CellError("CompileError", "this code is not a complete Java statement",
                    List.of(cell + " line " + line + ": this code is not a complete Java statement: " + source.strip()));
        }
        SnippetEvent main = events.get(0);
        Snippet snippet = main.snippet();
        if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            // JShell keeps each expression's value as a variable $1, $2, ... and every later snippet imports all of
            // them, so each cell compiled slower than the last (measured on JDK 25: 1+1 took 18 ms after 200
            // expressions, 49 ms after 1000). A notebook never shows these names; the value is already taken.
            js.drop(snippet);
        }
        origins.put(snippet.id(), new SnippetOrigin(cell, line));
        if (main.status() == Snippet.Status.REJECTED) {
            throw compileError(js, snippet, source, cell, line);
        }
        for (SnippetEvent e : events) {
            if (e.exception() != null) {
                throw runtimeError(e.exception());
            }
        }
        if (control.lastStopped()) {
            String why = "the cell was stopped before it finished";
            throw new CellError("Interrupted", why, List.of("Interrupted: " + why + " (" + cell + " line " + line
                    + "); the kernel is ready for the next cell."));
        }
        boolean isExpression = snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        return isExpression ? new Outcome(true, control.lastValue()) : Outcome.NOTHING;
    }

    private CellError compileError(JShell js, Snippet snippet, String source, String cell, int line) {
        List<Diag> diags = js.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            String why = "this code was not accepted by the Java compiler";
            return new CellError("CompileError", why, List.of(cell + " line " + line + ": " + why));
        }
        List<String> traceback = new ArrayList<>();
        for (Diag d : diags) {
            int pos = (int) Math.max(0, Math.min(d.getPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = source.indexOf('\n', pos);
            String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            String message = d.getMessage(Locale.ROOT);
            traceback.add("Compile error in " + cell + " line " + (line + lineOf(source, pos) - 1) + ": " + message);
            traceback.add("    " + text);
            traceback.add("    " + " ".repeat(Math.max(0, pos - lineStart)) + "^");
        }
        String first = diags.get(0).getMessage(Locale.ROOT).lines().findFirst().orElse("");
        return new CellError("CompileError", first, traceback);
    }

    private CellError runtimeError(JShellException e) {
        String name;
        if (e instanceof EvalException ee) {
            name = ee.getExceptionClassName();
        } else if (e instanceof UnresolvedReferenceException ure) {
            name = "UnresolvedReference";
            String what = ure.getSnippet().source().strip();
            return new CellError(name, "this code uses something that is not declared yet",
                    List.of(name + ": " + what + " uses something that is not declared yet; declare it in a cell, then run this again."));
        } else {
            name = e.getClass().getName();
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        List<String> traceback = new ArrayList<>();
        traceback.add(name + (message.isEmpty() ? "" : ": " + message));
        appendFrames(e, traceback);
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            String causeName = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
            traceback.add("Caused by: " + causeName + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            appendFrames(cause, traceback);
        }
        return new CellError(name, message, traceback);
    }

    /** Stack frames, with JShell's snippet frames renamed to the cell and line they came from. */
    private void appendFrames(Throwable t, List<String> traceback) {
        for (StackTraceElement el : t.getStackTrace()) {
            String file = el.getFileName();
            if (file != null && file.startsWith("#")) {
                SnippetOrigin origin = origins.get(file.substring(1));
                String where = origin == null ? "an earlier cell"
                        : origin.cell() + " line " + (origin.firstLine() + Math.max(1, el.getLineNumber()) - 1);
                // JShell names the snippet's own top-level code "" (or do_it$): that is the cell itself.
                boolean topLevel = el.getMethodName().isEmpty() || el.getMethodName().startsWith("do_it$");
                traceback.add(topLevel ? "    at " + where
                        : "    at " + el.getMethodName() + " (" + where + ")");
            } else if (el.getClassName().startsWith("jdk.internal.reflect.") || el.getClassName().startsWith("java.lang.reflect.")) {
                break; // below here is the kernel calling the snippet, which the user did not write
            } else {
                traceback.add("    at " + el);
            }
        }
    }

    /** Splits code into complete snippets; a trailing incomplete piece is passed on so JShell reports it. */
    static List<Piece> split(JShell js, String code) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        List<Piece> pieces = new ArrayList<>();
        int offset = 0;
        while (offset < code.length()) {
            String rest = code.substring(offset);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                pieces.add(new Piece(rest.stripLeading(), offset + leadingBlank(rest), false));
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            boolean quiet = rest.substring(0, consumed).strip().endsWith(";");
            pieces.add(new Piece(info.source().stripLeading(), offset + leadingBlank(rest), quiet));
            if (consumed <= 0) {
                break;
            }
            offset += consumed;
        }
        return pieces;
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** 1-based line number of a character offset. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Stops the snippet that is running now, if any; safe to call from any thread. */
    public void interrupt() {
        control.interrupt(); // not through JShell, which may still be starting while the first cell waits for it
    }

    /** Adds jars or folders to both the compiler's and the running code's class path. */
    public void addToClasspath(String path) {
        JShell js = jshell();
        synchronized (js) {
            js.addToClasspath(path);
            classpath.add(path);
        }
    }

    /** What was added to the class path in this session, in order. */
    public List<String> addedClasspath() {
        synchronized (jshell()) {
            return List.copyOf(classpath);
        }
    }

    /** Completion, inspection and completeness checks on this session's code. */
    public Analysis analysis() {
        return new Analysis(this);
    }
}
