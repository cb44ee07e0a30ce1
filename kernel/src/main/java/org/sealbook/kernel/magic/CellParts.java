package org.sealbook.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell cut into what runs in order: Java code, {@code %line} magics on their own lines, or one {@code %%cell}
 * magic that owns the whole cell when it is the first line.
 */
public final class CellParts {
    private CellParts() {
    }

    /** A run of one or more cell lines. {@code line} is where it starts in the cell, 1-based. */
    public sealed interface Part permits Code, LineMagic, CellMagic {
        int line();
    }

    public record Code(String code, int line) implements Part {
    }

    public record LineMagic(String name, String args, int line) implements Part {
    }

    public record CellMagic(String name, String args, String body, int line) implements Part {
    }

    public static List<Part> parse(String cell) {
        String[] lines = cell.split("\n", -1);
        List<Part> parts = new ArrayList<>();
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && lines[first].stripLeading().startsWith("%%")) {
            String[] head = nameAndArgs(lines[first].stripLeading().substring(2));
            String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
            parts.add(new CellMagic(head[0], head[1], body, first + 1));
            return parts;
        }
        StringBuilder code = new StringBuilder();
        int codeStart = 1;
        for (int i = 0; i < lines.length; i++) {
            String stripped = lines[i].stripLeading();
            if (stripped.startsWith("%") && !stripped.startsWith("%%")) {
                addCode(parts, code, codeStart);
                String[] head = nameAndArgs(stripped.substring(1));
                parts.add(new LineMagic(head[0], head[1], i + 1));
                codeStart = i + 2;
            } else {
                if (code.length() == 0) {
                    codeStart = i + 1;
                }
                code.append(lines[i]).append('\n');
            }
        }
        addCode(parts, code, codeStart);
        return parts;
    }

    private static void addCode(List<Part> parts, StringBuilder code, int start) {
        if (!code.toString().isBlank()) {
            parts.add(new Code(code.toString(), start));
        }
        code.setLength(0);
    }

    private static String[] nameAndArgs(String text) {
        int i = 0;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return new String[] {text.substring(0, i), text.substring(i).strip()};
    }
}
