package org.sealbook.toolkit.data;

/**
 * One threshold a check compares against, with where its value came from.
 *
 * @param key    the name used in {@code data_check.properties}, e.g. {@code missing.simple_max}
 * @param value  the value in force
 * @param source "default" or "data_check.properties line N"
 */
public record Threshold(String key, double value, String source) {
}
