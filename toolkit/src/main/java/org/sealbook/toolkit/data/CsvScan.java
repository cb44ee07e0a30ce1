package org.sealbook.toolkit.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * One streaming pass over a delimited file's bytes before Tablesaw sees it: checks the bytes are UTF-8,
 * counts records and the fields of each (quotes respected), so bad input is named by line and offset.
 */
final class CsvScan {
    final String fileName;
    final char separator;
    long bytes;
    long records;          // header included; blank lines are not records
    int headerFields;
    long badRecordLine;    // first line whose field count differs from the header's, 0 if none
    int badRecordFields;

    private CsvScan(String fileName, char separator) {
        this.fileName = fileName;
        this.separator = separator;
    }

    /** Scans the stream; throws DataProblem at the first byte that is not UTF-8. */
    static CsvScan of(InputStream in, String fileName, char separator) throws IOException {
        CsvScan scan = new CsvScan(fileName, separator);
        scan.run(in);
        return scan;
    }

    private void run(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long offset = 0;
        long line = 1;
        long recordLine = 1;
        int fields = 1;
        boolean inQuotes = false;
        boolean recordHasContent = false;
        int pendingContinuations = 0;
        long sequenceStart = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++, offset++) {
                int b = buf[i] & 0xFF;
                if (pendingContinuations > 0) {
                    if ((b & 0xC0) != 0x80) {
                        throw notUtf8(sequenceStart, line);
                    }
                    pendingContinuations--;
                    recordHasContent = true;
                    continue;
                }
                if (b >= 0x80) {
                    sequenceStart = offset;
                    if (b >= 0xC2 && b <= 0xDF) {
                        pendingContinuations = 1;
                    } else if (b >= 0xE0 && b <= 0xEF) {
                        pendingContinuations = 2;
                    } else if (b >= 0xF0 && b <= 0xF4) {
                        pendingContinuations = 3;
                    } else {
                        throw notUtf8(offset, line);
                    }
                    recordHasContent = true;
                    continue;
                }
                if (b == '"') {
                    inQuotes = !inQuotes; // a doubled quote inside quotes toggles twice: net unchanged
                    recordHasContent = true;
                } else if (b == '\n') {
                    line++;
                    if (!inQuotes) {
                        endRecord(recordHasContent, fields, recordLine);
                        fields = 1;
                        recordHasContent = false;
                        recordLine = line;
                    }
                } else if (b == separator && !inQuotes) {
                    fields++;
                    recordHasContent = true;
                } else if (b != '\r' && b != ' ' && b != '\t') {
                    recordHasContent = true;
                }
            }
        }
        if (pendingContinuations > 0) {
            throw notUtf8(sequenceStart, line);
        }
        endRecord(recordHasContent, fields, recordLine);
        bytes = offset;
    }

    private void endRecord(boolean hasContent, int fields, long line) {
        if (!hasContent) {
            return;
        }
        records++;
        if (records == 1) {
            headerFields = fields;
        } else if (fields != headerFields && badRecordLine == 0) {
            badRecordLine = line;
            badRecordFields = fields;
        }
    }

    private DataProblem notUtf8(long offset, long line) {
        return new DataProblem(fileName + " is not UTF-8 text: the byte at offset " + offset + " (line " + line
                + ") is not valid UTF-8; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8) and run again.");
    }
}
