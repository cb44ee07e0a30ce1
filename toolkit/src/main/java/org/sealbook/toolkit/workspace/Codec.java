package org.sealbook.toolkit.workspace;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.sealbook.toolkit.schema.JsonSchema;

/**
 * The one place a sealed record's JSON is written and read: nothing outside a record's codec reads its keys. With a
 * schema (a JSON Schema in the toolkit's resources), what is written is checked before it is sealed and what is read
 * before it is believed. Usage: {@code Codec<Plan> codec = Codec.of(Plan::toJson, Plan::fromJson).schema("plan");}
 *
 * @param <R> the record type
 */
public final class Codec<R> {
    private final Function<R, JsonObject> writer;
    private final Function<JsonObject, R> reader;
    /** The schema's name; it is loaded when first used, so declaring a record loads no validator (a fast kernel start). */
    private final String schema;

    private Codec(Function<R, JsonObject> writer, Function<JsonObject, R> reader, String schema) {
        this.writer = writer;
        this.reader = reader;
        this.schema = schema;
    }

    public static <R> Codec<R> of(Function<R, JsonObject> writer, Function<JsonObject, R> reader) {
        return new Codec<>(writer, reader, null);
    }

    /** The same codec, checking the JSON against {@code NAME.schema.json} in the toolkit's schema folder. */
    public Codec<R> schema(String name) {
        return new Codec<>(writer, reader, name);
    }

    /** What the JSON breaks of the schema, one sentence each, first in the document first; none without a schema. */
    public List<String> problems(JsonObject decision) {
        return schema == null ? List.of() : JsonSchema.named(schema).problems(decision);
    }

    public JsonObject write(R record) {
        return writer.apply(record);
    }

    /** Does nothing when the JSON fits the schema (or there is none); otherwise one sentence starting with {@code refusal}. */
    public void check(JsonObject decision, String refusal) {
        if (schema != null) {
            JsonSchema.named(schema).check(decision, refusal);
        }
    }

    public R read(JsonObject decision) {
        return reader.apply(decision);
    }
}
