package org.sealbook.toolkit.workspace;

import com.google.gson.JsonObject;
import java.util.function.Function;

/**
 * The one place a sealed record's JSON is written and read: nothing outside a record's codec reads its keys.
 * Usage: {@code Codec<Plan> codec = Codec.of(Plan::toJson, Plan::fromJson);}
 *
 * @param <R> the record type
 */
public final class Codec<R> {
    private final Function<R, JsonObject> writer;
    private final Function<JsonObject, R> reader;

    private Codec(Function<R, JsonObject> writer, Function<JsonObject, R> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    public static <R> Codec<R> of(Function<R, JsonObject> writer, Function<JsonObject, R> reader) {
        return new Codec<>(writer, reader);
    }

    public JsonObject write(R record) {
        return writer.apply(record);
    }

    public R read(JsonObject decision) {
        return reader.apply(decision);
    }
}
