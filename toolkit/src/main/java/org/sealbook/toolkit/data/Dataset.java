package org.sealbook.toolkit.data;

import java.nio.file.Path;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import org.sealbook.toolkit.explain.Names;

/**
 * A loaded table and where it came from.
 *
 * @param source the file read
 * @param table  its contents, typed by Tablesaw; empty fields are missing values
 * @param bytes  the file's (uncompressed) size in bytes
 * @param sha256 the SHA-256 of those bytes (hex): later stages check the file is still the one checked
 */
public record Dataset(Path source, Table table, long bytes, String sha256) {

    public int rowCount() {
        return table.rowCount();
    }

    public String name() {
        return source.getFileName().toString();
    }

    /** The column with this exact name, or a sentence suggesting the closest names. */
    public Column<?> column(String name, String role) {
        if (table.columnNames().contains(name)) {
            return table.column(name);
        }
        throw new DataProblem("No column named '" + name + "' in " + name() + " for the " + role
                + "; the closest names are " + String.join(", ", Names.closest(name, table.columnNames(), 3))
                + " (check spelling and case).");
    }
}
