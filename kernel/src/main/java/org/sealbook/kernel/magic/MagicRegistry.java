package org.sealbook.kernel.magic;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.sealbook.kernel.Extensions;

/**
 * Every magic the kernel knows, line ({@code %name}) and cell ({@code %%name}) apart. Modules add theirs through
 * {@link MagicProvider}; an unknown name is answered with the nearest known ones.
 */
public final class MagicRegistry {
    /**
     * A registered magic, its one-line description for {@code %lsmagic}, and the options an editor completes after
     * it (e.g. {@code --seed}); none for most magics.
     */
    public record Entry(String name, String help, Magic magic, List<String> options) {
        public Entry {
            options = List.copyOf(options);
        }
    }

    private static final LevenshteinDistance EDITS = LevenshteinDistance.getDefaultInstance();

    private final Map<String, Entry> lineMagics = new TreeMap<>();
    private final Map<String, Entry> cellMagics = new TreeMap<>();
    private final List<Runnable> interruptActions = new CopyOnWriteArrayList<>();

    /** The built-in magics plus every {@link MagicProvider} found with ServiceLoader. */
    public static MagicRegistry withProviders() {
        MagicRegistry r = new MagicRegistry();
        Extensions.load(MagicProvider.class, p -> p.registerMagics(r), "its magics are missing");
        return r;
    }

    public void line(String name, String help, Magic magic) {
        line(name, help, List.of(), magic);
    }

    /** A line magic whose option names ({@code --seed}) an editor completes after {@code %name --}. */
    public synchronized void line(String name, String help, List<String> options, Magic magic) {
        lineMagics.put(name, new Entry(name, help, magic, options));
    }

    public void cell(String name, String help, Magic magic) {
        cell(name, help, List.of(), magic);
    }

    /** A cell magic whose option names an editor completes after {@code %%name --}. */
    public synchronized void cell(String name, String help, List<String> options, Magic magic) {
        cellMagics.put(name, new Entry(name, help, magic, options));
    }

    /**
     * Adds what a module does when the user interrupts the kernel, besides stopping the running cell: e.g. stopping
     * work it runs in the background, which no cell is waiting for.
     */
    public void onInterrupt(Runnable action) {
        interruptActions.add(action);
    }

    /** Runs every interrupt action; the kernel calls it on each interrupt_request. */
    public void interrupted() {
        interruptActions.forEach(Runnable::run);
    }

    public synchronized Entry findLine(String name) {
        return lineMagics.get(name);
    }

    public synchronized Entry findCell(String name) {
        return cellMagics.get(name);
    }

    public synchronized List<Entry> lineMagics() {
        return List.copyOf(lineMagics.values());
    }

    public synchronized List<Entry> cellMagics() {
        return List.copyOf(cellMagics.values());
    }

    /**
     * The sentence for an unknown magic, naming up to three known magics nearest to the name given: fewest edits
     * ignoring case, then alphabetical.
     */
    public synchronized String unknown(String name, boolean cell) {
        String prefix = cell ? "%%" : "%";
        Map<String, Entry> known = cell ? cellMagics : lineMagics;
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> nearest = known.keySet().stream()
                .sorted(Comparator.comparingInt((String k) -> EDITS.apply(wanted, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(k -> k))
                .limit(3)
                .map(k -> prefix + k)
                .collect(Collectors.toList());
        return "Unknown magic " + prefix + name + "."
                + (nearest.isEmpty() ? "" : " Did you mean " + String.join(", ", nearest) + "?")
                + " Run %lsmagic to list every magic.";
    }
}
