package org.sealbook.toolkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.ReadOptions;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a delimited file into a Tablesaw table in one pass over its bytes: checks they are UTF-8, checks every
 * record has the header's field count (quotes respected), parses numbers as they stream past and keeps anything
 * else as text. Text columns are then typed (date-time, time, date, yes/no, else text) by Tablesaw's own parsers,
 * tried on every distinct value, so one odd value anywhere keeps a column as text. A column that starts as numbers
 * and later holds text is read again as text in a second pass. As in Tablesaw, a number whose decimals are all zeros
 * (127.0) is a whole number; unlike it, thousands separators and percent signs are left as text, for the type check to
 * point out.
 *
 * <p>Why not Tablesaw's CSV reader: typing every row (a sample can miss the one text cell in a number column) took
 * it 24 s on the 1M-row benchmark file, against 3.4 s for pandas; see bench/README.md.
 */
final class CsvReader {
    /** Opens the file's (uncompressed) bytes from the start; called once per pass. */
    interface Source {
        InputStream open() throws IOException;
    }

    /** A table, the number of bytes read to make it and their SHA-256 (hex). */
    record Result(Table table, long bytes, String sha256) {
    }

    static final int MAX_FIELD_BYTES = 1 << 20;
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3; // a quote inside quotes: the next byte says whether it closes
    private static final int AFTER_QUOTE = 4;

    private final String fileName;
    private final char separator;
    private final long maxBytes;
    private final LongFunction<DataProblem> tooBig;
    private final Set<Integer> textColumns;

    private final MessageDigest digest = sha256();
    private CsvColumn[] columns;
    private final List<String> header = new ArrayList<>();
    private byte[] field = new byte[256];
    private int fieldLength;
    private boolean fieldQuoted;
    private int fieldIndex;
    private long records; // header included; blank lines are not records
    private long line = 1;
    private long recordLine = 1;
    private long quoteLine;
    private boolean recordHasContent;

    private CsvReader(String fileName, char separator, long maxBytes, LongFunction<DataProblem> tooBig,
                      Set<Integer> textColumns) {
        this.fileName = fileName;
        this.separator = separator;
        this.maxBytes = maxBytes;
        this.tooBig = tooBig;
        this.textColumns = textColumns;
    }

    /**
     * Reads the file, refusing bad input with one sentence each; {@code tooBig} makes the refusal for a file whose
     * bytes pass {@code maxBytes}, raised as soon as they do.
     */
    static Result read(Source source, String fileName, char separator, long maxBytes, LongFunction<DataProblem> tooBig)
            throws IOException {
        CsvReader first = new CsvReader(fileName, separator, maxBytes, tooBig, Set.of());
        long bytes = first.pass(source);
        String sha256 = HexFormat.of().formatHex(first.digest.digest());
        Set<Integer> mixed = new LinkedHashSet<>();
        for (int c = 0; c < first.columns.length; c++) {
            if (first.columns[c].needsText) {
                mixed.add(c);
            }
        }
        CsvColumn[] values = first.columns;
        if (!mixed.isEmpty()) {
            CsvReader second = new CsvReader(fileName, separator, maxBytes, tooBig, mixed);
            second.pass(source);
            for (int c : mixed) {
                values[c] = second.columns[c];
            }
        }
        ReadOptions options = CsvReadOptions.builder(new StringReader("")).missingValueIndicator("").build();
        List<Column<?>> made = new ArrayList<>();
        for (CsvColumn v : values) {
            made.add(v.toColumn(options));
        }
        return new Result(Table.create(fileName, made), bytes, sha256);
    }

    private long pass(Source source) throws IOException {
        long offset = 0;
        try (InputStream in = source.open()) {
            byte[] buf = new byte[1 << 16];
            int state = FIELD_START;
            int pendingContinuations = 0;
            long sequenceStart = 0;
            int n;
            boolean start = true;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n); // the data's fingerprint, so later stages can tell the file has not changed
                int i = 0;
                if (start) {
                    start = false;
                    if (n >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                        i = 3; // a UTF-8 byte-order mark is not part of the first column's name
                        offset = 3;
                    }
                }
                for (; i < n; i++, offset++) {
                    byte b = buf[i];
                    int u = b & 0xFF;
                    if (pendingContinuations > 0) {
                        if ((u & 0xC0) != 0x80) {
                            throw notUtf8(sequenceStart);
                        }
                        pendingContinuations--;
                        append(b);
                        continue;
                    }
                    if (u >= 0x80) {
                        sequenceStart = offset;
                        if (u >= 0xC2 && u <= 0xDF) {
                            pendingContinuations = 1;
                        } else if (u >= 0xE0 && u <= 0xEF) {
                            pendingContinuations = 2;
                        } else if (u >= 0xF0 && u <= 0xF4) {
                            pendingContinuations = 3;
                        } else {
                            throw notUtf8(offset);
                        }
                        state = content(state);
                        append(b);
                        continue;
                    }
                    if (state == QUOTED) {
                        if (b == '"') {
                            state = QUOTE_IN_QUOTED;
                        } else {
                            if (b == '\n') {
                                line++;
                            }
                            append(b);
                        }
                        continue;
                    }
                    if (state == QUOTE_IN_QUOTED) {
                        if (b == '"') {
                            append(b); // a doubled quote is one literal quote
                            state = QUOTED;
                            continue;
                        }
                        state = AFTER_QUOTE;
                    }
                    if (b == separator) {
                        endField();
                        recordHasContent = true;
                        state = FIELD_START;
                    } else if (b == '\n') {
                        line++;
                        endField();
                        endRecord();
                        state = FIELD_START;
                    } else if (b == '"' && state == FIELD_START) {
                        fieldQuoted = true;
                        recordHasContent = true;
                        quoteLine = line;
                        state = QUOTED;
                    } else if (b == ' ' || b == '\t' || b == '\r') {
                        if (state == UNQUOTED) {
                            append(b); // trailing blanks are trimmed when the field ends
                        }
                    } else {
                        state = content(state);
                        append(b);
                    }
                }
                if (offset > maxBytes) {
                    throw tooBig.apply(offset);
                }
            }
            if (pendingContinuations > 0) {
                throw notUtf8(sequenceStart);
            }
            if (state == QUOTED) {
                throw new DataProblem(fileName + " has a quote opened on line " + quoteLine
                        + " that is never closed; add the closing quote (\") on that line and run again.");
            }
            if (state != FIELD_START || fieldIndex > 0 || fieldQuoted) {
                endField();
                endRecord(); // the last record had no line break after it
            }
        }
        if (records == 0) {
            throw new DataProblem(fileName + " has no text in it, only blank lines; export the data again with a header row and data rows.");
        }
        if (records == 1) {
            throw new DataProblem(fileName + " has a header row but no data rows; export the data again with its rows.");
        }
        return offset;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java has no SHA-256, which every Java 17 must have.", e);
        }
    }

    private int content(int state) {
        recordHasContent = true;
        return state == FIELD_START ? UNQUOTED : state == QUOTE_IN_QUOTED ? AFTER_QUOTE : state;
    }

    private void append(byte b) {
        if (fieldLength == field.length) {
            if (fieldLength >= MAX_FIELD_BYTES) {
                throw new DataProblem(fileName + " has a value longer than " + (MAX_FIELD_BYTES >> 20) + " MB on line "
                        + recordLine + (fieldQuoted ? ", most likely a quote opened on line " + quoteLine + " that closes too late" : "")
                        + "; check the quotes and separators there and run again.");
            }
            field = Arrays.copyOf(field, fieldLength * 2);
        }
        field[fieldLength++] = b;
    }

    private void endField() {
        int length = fieldLength;
        if (!fieldQuoted) {
            while (length > 0 && (field[length - 1] == ' ' || field[length - 1] == '\t' || field[length - 1] == '\r')) {
                length--;
            }
        }
        if (columns == null) {
            header.add(new String(field, 0, length, StandardCharsets.UTF_8));
        } else if (fieldIndex < columns.length) {
            columns[fieldIndex].add(field, length);
        }
        fieldIndex++;
        fieldLength = 0;
        fieldQuoted = false;
    }

    private void endRecord() {
        int fields = fieldIndex;
        fieldIndex = 0;
        if (!recordHasContent) {
            // a blank line ended one empty field: take it back
            if (columns == null) {
                header.clear();
            } else {
                columns[0].size--;
            }
            recordLine = line;
            return;
        }
        recordHasContent = false;
        records++;
        if (records == 1) {
            makeColumns();
        } else {
            if (columns.length < 2) {
                throw new DataProblem(fileName + " has only one column, so there is nothing to predict the target from; "
                        + "check the separator (comma for .csv, tab for .tsv) or add the feature columns.");
            }
            if (fields != columns.length) {
                throw new DataProblem(fileName + " has ragged rows: line " + recordLine + " has " + fields
                        + " fields but the header has " + columns.length
                        + "; fix that line (a stray separator or a missing quote) and run again.");
            }
        }
        recordLine = line;
    }

    private void makeColumns() {
        columns = new CsvColumn[header.size()];
        Set<String> seen = new LinkedHashSet<>();
        for (int c = 0; c < columns.length; c++) {
            String name = header.get(c).isEmpty() ? "column " + (c + 1) : header.get(c);
            if (!seen.add(name)) {
                throw new DataProblem(fileName + " has two columns named '" + name + "' in its header; rename one and run again.");
            }
            columns[c] = new CsvColumn(name, textColumns.isEmpty() ? CsvColumn.WHOLE
                    : textColumns.contains(c) ? CsvColumn.TEXT : CsvColumn.SKIPPED);
        }
    }

    private DataProblem notUtf8(long offset) {
        return new DataProblem(fileName + " is not UTF-8 text: the byte at offset " + offset + " (line " + line
                + ") is not valid UTF-8; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8) and run again.");
    }
}
