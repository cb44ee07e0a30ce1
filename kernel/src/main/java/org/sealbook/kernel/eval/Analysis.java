package org.sealbook.kernel.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * What the editor asks about code without running it: completions, documentation, and whether a console
 * should run the text or wait for more. Offsets here are Java string indices; the protocol converts them.
 */
public final class Analysis {
    private final Evaluator evaluator;

    Analysis(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** Replacements for the text between {@code start} and the cursor. */
    public record Completion(List<String> matches, int start, int end) {
    }

    /** One documented element: its signature and, when asked for and available, its javadoc. */
    public record Documentation(String signature, String javadoc) {
    }

    /** is_complete's answer: complete, incomplete (with the indent for the next line) or invalid. */
    public record Completeness(String status, String indent) {
    }

    public Completion complete(String code, int cursor) {
        evaluator.userRequest();
        try {
            JShell js = evaluator.parser();
            synchronized (js) {
                int start = snippetStart(js, code, cursor);
                int[] anchor = new int[1];
                List<SourceCodeAnalysis.Suggestion> suggestions =
                        js.sourceCodeAnalysis().completionSuggestions(code.substring(start, cursor), cursor - start, anchor);
                Set<String> typed = new LinkedHashSet<>();
                Set<String> other = new LinkedHashSet<>();
                for (SourceCodeAnalysis.Suggestion s : suggestions) {
                    (s.matchesType() ? typed : other).add(s.continuation());
                }
                typed.addAll(other);
                return new Completion(new ArrayList<>(typed), start + anchor[0], cursor);
            }
        } finally {
            evaluator.userRequestDone();
        }
    }

    public List<Documentation> inspect(String code, int cursor, boolean withJavadoc) {
        evaluator.userRequest();
        try {
            JShell js = evaluator.parser();
            synchronized (js) {
                int start = snippetStart(js, code, cursor);
                // Inspecting a name: extend to the end of the identifier under the cursor.
                int end = cursor;
                while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                    end++;
                }
                String text = code.substring(start, end);
                SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
                List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(text, text.length(), withJavadoc);
                if (docs.isEmpty() && !text.endsWith("(")) {
                    docs = analysis.documentation(text + "(", text.length() + 1, withJavadoc);
                }
                List<Documentation> out = new ArrayList<>();
                for (SourceCodeAnalysis.Documentation d : docs) {
                    out.add(new Documentation(d.signature(), d.javadoc() == null ? "" : d.javadoc()));
                }
                return out;
            }
        } finally {
            evaluator.userRequestDone();
        }
    }

    public Completeness isComplete(String code) {
        JShell js = evaluator.parserIfReady();
        if (js == null) {
            return byBrackets(code); // the first second after start: answer now rather than wait for javac
        }
        synchronized (js) {
            SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
            String rest = code;
            while (true) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                jdk.jshell.SourceCodeAnalysis.Completeness c = info.completeness();
                if (c == jdk.jshell.SourceCodeAnalysis.Completeness.EMPTY) {
                    return new Completeness("complete", "");
                }
                if (c == jdk.jshell.SourceCodeAnalysis.Completeness.UNKNOWN) {
                    return new Completeness("invalid", "");
                }
                if (!c.isComplete()) {
                    return new Completeness("incomplete", "    ".repeat(Math.max(1, openBrackets(code))));
                }
                if (info.remaining().isBlank()) {
                    return new Completeness("complete", "");
                }
                rest = info.remaining();
            }
        }
    }

    /** Where the snippet that the cursor is in begins: past every complete snippet before the cursor. */
    private static int snippetStart(JShell js, String code, int cursor) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        int offset = 0;
        while (offset < cursor) {
            String before = code.substring(offset, cursor);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(before);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                break;
            }
            offset += before.length() - info.remaining().length();
        }
        while (offset < cursor && Character.isWhitespace(code.charAt(offset))) {
            offset++;
        }
        return offset;
    }

    /** A syntax-only answer from bracket balance, for while JShell's parser is still loading. */
    static Completeness byBrackets(String code) {
        int open = openBrackets(code);
        if (open < 0) {
            return new Completeness("invalid", "");
        }
        return open > 0 ? new Completeness("incomplete", "    ".repeat(open)) : new Completeness("complete", "");
    }

    /**
     * How many brackets are open at the end of the code, ignoring strings, chars and comments; -1 when a bracket
     * closes that was never opened. An unterminated string or comment counts as one open bracket.
     */
    static int openBrackets(String code) {
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                for (i++; i < code.length() && code.charAt(i) != c; i++) {
                    if (code.charAt(i) == '\\') {
                        i++;
                    }
                }
                if (i >= code.length()) {
                    return depth + 1;
                }
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
                while (i < code.length() && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
                int close = code.indexOf("*/", i + 2);
                if (close < 0) {
                    return depth + 1;
                }
                i = close + 1;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                if (depth == 0) {
                    return -1;
                }
                depth--;
            }
        }
        return depth;
    }
}
