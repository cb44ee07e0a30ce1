package org.sealbook.toolkit.view;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.workspace.Workspace;
import tech.tablesaw.api.Table;

/**
 * The view for JShell and tests: wrapped text, aligned tables, a text progress bar, and figures
 * written as HTML and PNG files whose paths are printed.
 */
public final class ConsoleView implements View {
    /** Text is wrapped to this many characters. */
    public static final int WIDTH = 100;

    private final PrintStream out;
    private final Path figureFolder;

    public ConsoleView(PrintStream out, Path figureFolder) {
        if (out == null || figureFolder == null) {
            throw new IllegalArgumentException("A console view needs a stream to print to and a folder "
                    + "for figures; pass both, for example System.out and Path.of(\"figures\").");
        }
        this.out = out;
        this.figureFolder = figureFolder.toAbsolutePath().normalize();
    }

    @Override
    public synchronized void explain(String heading, String text) {
        heading(heading);
        wrap(text == null ? "" : text).forEach(out::println);
        out.flush();
    }

    @Override
    public synchronized void table(String title, Table table) {
        heading(title);
        TextTable.lines(table).forEach(out::println);
        out.flush();
    }

    @Override
    public synchronized void figure(Figure figure) {
        heading(figure.title());
        Path html = figureFolder.resolve(figure.fileStem() + ".html");
        Path png = figureFolder.resolve(figure.fileStem() + ".png");
        try {
            Files.createDirectories(figureFolder);
            // A figure drawn again under the same title replaces the old files rather than piling up.
            Workspace.replaceFile(png, figure.png());
            Workspace.replaceFile(html, FigurePage.html(figure, png.getFileName().toString()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the figure \"" + figure.title() + "\" to "
                    + figureFolder + "; check that the folder is writable, or pass another.", e);
        }
        wrap(figure.altText()).forEach(out::println);
        out.println("interactive: " + html);
        out.println("image:       " + png);
        out.flush();
    }

    @Override
    public Progress progress(String label, long total) {
        return new ConsoleProgress(out, label == null ? "" : label, total);
    }

    @Override
    public synchronized void status(StageOutcome outcome) {
        out.println();
        out.println(outcome.status() + ": " + outcome.sentence());
        out.flush();
    }

    private void heading(String heading) {
        String text = heading == null ? "" : heading.strip();
        out.println();
        out.println(text);
        out.println("=".repeat(Math.min(WIDTH, Math.max(1, text.length()))));
    }

    /** Wraps each line of {@code text} at {@link #WIDTH}; a word longer than that keeps its own line. */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() == 0 ? "" : " ").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

}
