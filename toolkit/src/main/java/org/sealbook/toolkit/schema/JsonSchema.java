package org.sealbook.toolkit.schema;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A JSON Schema (draft 2020-12) kept in the toolkit's resources, checked by networknt's json-schema-validator, with
 * each way a document breaks it said as a sentence that starts with the JSON pointer of the place, in document order.
 * Usage: {@code JsonSchema.named("plan").check(decision, "Not sealing plan.json")}, or
 * {@code JsonSchema.named("dashboard").problems(dashboard)} for every sentence.
 */
public final class JsonSchema {
    /** The schemas' folder in the toolkit jar; a schema NAME is the file NAME.schema.json in it. */
    public static final String FOLDER = "/org/sealbook/toolkit/schema/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER)
                    .build()));
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private final String file;
    private final JsonObject tree;
    private final Schema schema;

    private JsonSchema(String file, String text) {
        this.file = file;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new IllegalStateException("The schema " + file + " is not a JSON object; fix the file in the "
                        + "repository.");
            }
            this.tree = parsed.getAsJsonObject();
            this.schema = REGISTRY.getSchema(text, InputFormat.JSON);
        } catch (JsonParseException | SchemaException e) {
            throw new IllegalStateException("The schema " + file + " cannot be read (" + e.getMessage() + "); fix the "
                    + "file in the repository.", e);
        }
    }

    /** The schema {@code name}.schema.json from the toolkit's resources; a missing or broken one is a broken build. */
    public static JsonSchema named(String name) {
        return LOADED.computeIfAbsent(name, n -> new JsonSchema(n + ".schema.json", resource(n + ".schema.json")));
    }

    /** The schema's file name, e.g. {@code plan.schema.json}. */
    public String file() {
        return file;
    }

    /** The schema itself, as Gson reads it. */
    public JsonObject tree() {
        return tree.deepCopy();
    }

    /** Every way {@code document} breaks the schema, one sentence each, in document order; empty when it fits. */
    public List<String> problems(JsonElement document) {
        JsonElement checked = document == null ? JsonNull.INSTANCE : document;
        List<Error> errors = schema.validate(checked.toString(), InputFormat.JSON);
        Set<String> mistyped = errors.stream().filter(e -> e.getKeyword().equals("type"))
                .map(e -> e.getInstanceLocation().toString()).collect(Collectors.toSet());
        Problem.Order order = new Problem.Order(checked);
        return errors.stream()
                // a value of the wrong type breaks its other rules too; saying so once is enough
                .filter(e -> e.getKeyword().equals("type") || !mistyped.contains(e.getInstanceLocation().toString()))
                .map(e -> new Problem(e, tree, checked))
                .sorted(Comparator.comparingInt(order::of))
                .map(Problem::sentence)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /**
     * Does nothing when {@code document} fits; otherwise throws IllegalStateException with one sentence that starts
     * with {@code refusal}, names the schema and how many places break it, and says the first, e.g. "Not sealing
     * plan.json, which breaks plan.schema.json in 2 places: /budget has no "concurrency"; add it, it is required."
     */
    public void check(JsonElement document, String refusal) {
        List<String> problems = problems(document);
        if (!problems.isEmpty()) {
            String first = problems.get(0);
            throw new IllegalStateException(refusal + ", which breaks " + file + (problems.size() == 1 ? ""
                    : " in " + problems.size() + " places") + ": " + Character.toLowerCase(first.charAt(0))
                    + first.substring(1));
        }
    }

    private static String resource(String file) {
        try (InputStream in = JsonSchema.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("There is no schema " + FOLDER + file + " in the toolkit; add it or "
                        + "check the name.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the schema " + FOLDER + file + " (" + e.getMessage()
                    + "); rebuild the toolkit.", e);
        }
    }
}
