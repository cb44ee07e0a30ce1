package org.sealbook.toolkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.view.ConsoleView;
import org.sealbook.toolkit.workspace.Workspace;

/**
 * A notebook session in a test's folder, printing to a console view the test can read: the way tests run stages as
 * a reader would type them. Usage: {@code Sessions s = Sessions.in(temp); s.run("data_check", "cars.csv",
 * "--target", "Miles_per_Gallon"); s.output()}.
 */
public final class Sessions {
    /** The time tests pin seals to. */
    public static final Instant T1 = Instant.parse("2026-03-01T10:15:30Z");

    private final Session session;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ConsoleView view;

    private Sessions(Session session, Path figures) {
        this.session = session;
        this.view = new ConsoleView(new PrintStream(printed, true, StandardCharsets.UTF_8), figures);
    }

    /** A notebook session whose working folder is {@code dir}, its clock pinned to {@link #T1}. */
    public static Sessions in(Path dir) {
        return new Sessions(Session.of(dir, true, Session.standardStages(), Clock.fixed(T1, ZoneOffset.UTC)),
                dir.resolve("figures"));
    }

    /** A session of your own (other stages, another front end), printing to the same kind of view. */
    public static Sessions of(Session session, Path figures) {
        return new Sessions(session, figures);
    }

    /** Runs a stage with the words a reader types after its magic. */
    public StageOutcome run(String stage, String... words) {
        return cell(stage, null, words);
    }

    /** Runs a stage as a cell magic: {@code words} on its line, {@code body} below it. */
    public StageOutcome cell(String stage, String body, String... words) {
        try {
            return session.run(stage, List.of(words), body, view);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stage " + stage + " waited", e);
        }
    }

    /** Everything printed so far, with the console's line wrapping undone. */
    public String output() {
        return printed.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    }

    /** Everything printed so far, as printed. */
    public String raw() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed. */
    public void reset() {
        printed.reset();
    }

    public Session session() {
        return session;
    }

    public Workspace workspace() {
        return session.workspace();
    }

    public ConsoleView view() {
        return view;
    }
}
