package org.sealbook.toolkit.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a Gson tree against a JSON Schema that uses only the keywords below, and says each violation as a sentence
 * that starts with its JSON pointer. It is ours because the maintained Java validators either read Jackson trees
 * (and bring Jackson with them) or are no longer released; the dashboard schema needs only this small subset.
 * A schema with any other keyword is refused when loaded, so no rule is silently left unchecked.
 * Usage: {@code SchemaCheck.fromResource("dashboard.schema.json").violations(json)}.
 */
final class SchemaCheck {
    /** Keywords that only describe or hold definitions; they never fail a document. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "$defs");
    private static final Set<String> ASSERTIONS = Set.of("type", "enum", "required", "properties",
            "additionalProperties", "items", "minimum", "maximum", "minLength", "pattern", "minItems", "maxItems",
            "$ref");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean",
            "null");
    private static final String REF_PREFIX = "#/$defs/";
    private static final int SHOWN_CHARACTERS = 60;

    private final String name;
    private final JsonObject root;

    private SchemaCheck(String name, JsonObject root) {
        this.name = name;
        this.root = root;
        checkSchema(root, "");
    }

    /** Reads a schema kept beside this class; a missing or broken one is a broken build, not bad input. */
    static SchemaCheck fromResource(String resource) {
        String text = ReportResources.text(resource);
        JsonElement schema;
        try {
            schema = JsonParser.parseString(text);
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("The schema " + resource + " is not valid JSON (" + e.getMessage()
                    + "); fix the file in the repository.", e);
        }
        if (!schema.isJsonObject()) {
            throw new IllegalStateException("The schema " + resource + " is not a JSON object; fix the file in the "
                    + "repository.");
        }
        return of(resource, schema.getAsJsonObject());
    }

    /** A check for {@code schema}, called {@code name} in messages about the schema itself. */
    static SchemaCheck of(String name, JsonObject schema) {
        if (schema == null) {
            throw new IllegalArgumentException("There is no schema to check against; pass a JSON Schema object.");
        }
        return new SchemaCheck(name, schema.deepCopy());
    }

    /** Every way {@code document} breaks the schema, as sentences in document order; empty when it fits. */
    List<String> violations(JsonElement document) {
        List<String> found = new ArrayList<>();
        check(root, document == null ? JsonNull.INSTANCE : document, "", found);
        return found;
    }

    private void check(JsonObject schema, JsonElement value, String path, List<String> found) {
        if (schema.has("$ref")) {
            check(definition(schema.get("$ref").getAsString()), value, path, found);
        }
        if (schema.has("type") && !hasType(value, schema.get("type"))) {
            found.add(where(path) + " is " + describe(value) + ", but must be " + typeWords(schema.get("type"))
                    + hint(schema) + "; change its type.");
            return; // The other keywords would only repeat the same problem.
        }
        if (schema.has("enum") && !contains(schema.getAsJsonArray("enum"), value)) {
            found.add(where(path) + " is " + describe(value) + "; use one of " + listed(schema.getAsJsonArray("enum"))
                    + ".");
        }
        if (value.isJsonObject()) {
            checkObject(schema, value.getAsJsonObject(), path, found);
        } else if (value.isJsonArray()) {
            checkArray(schema, value.getAsJsonArray(), path, found);
        } else if (value.isJsonPrimitive()) {
            checkPrimitive(schema, value.getAsJsonPrimitive(), path, found);
        }
    }

    private void checkObject(JsonObject schema, JsonObject object, String path, List<String> found) {
        if (schema.has("required")) {
            for (JsonElement key : schema.getAsJsonArray("required")) {
                if (!object.has(key.getAsString())) {
                    found.add(where(path) + " has no \"" + key.getAsString() + "\"" + hint(propertySchema(schema,
                            key.getAsString())) + "; add it, it is required.");
                }
            }
        }
        JsonObject properties = schema.has("properties") ? schema.getAsJsonObject("properties") : new JsonObject();
        JsonElement additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String childPath = path + "/" + escapePointer(entry.getKey());
            if (properties.has(entry.getKey())) {
                check(properties.getAsJsonObject(entry.getKey()), entry.getValue(), childPath, found);
            } else if (additional != null && additional.isJsonPrimitive() && !additional.getAsBoolean()) {
                found.add(where(path) + " has the key \"" + entry.getKey() + "\", which is not allowed there; remove "
                        + "it" + (properties.size() == 0 ? "" : " or use one of " + String.join(", ",
                        properties.keySet())) + ".");
            } else if (additional != null && additional.isJsonObject()) {
                check(additional.getAsJsonObject(), entry.getValue(), childPath, found);
            }
        }
    }

    private void checkArray(JsonObject schema, JsonArray array, String path, List<String> found) {
        if (schema.has("minItems") && array.size() < schema.get("minItems").getAsInt()) {
            found.add(where(path) + " has " + array.size() + " item" + (array.size() == 1 ? "" : "s")
                    + ", but needs at least " + schema.get("minItems").getAsInt() + hint(schema) + "; add more.");
        }
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").getAsInt()) {
            found.add(where(path) + " has " + array.size() + " items, but may have at most "
                    + schema.get("maxItems").getAsInt() + hint(schema) + "; keep only the most useful.");
        }
        if (schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                check(schema.getAsJsonObject("items"), array.get(i), path + "/" + i, found);
            }
        }
    }

    private void checkPrimitive(JsonObject schema, JsonPrimitive value, String path, List<String> found) {
        if (value.isNumber()) {
            BigDecimal number = value.getAsBigDecimal();
            if (schema.has("minimum") && number.compareTo(schema.get("minimum").getAsBigDecimal()) < 0) {
                found.add(where(path) + " is " + number + ", below the minimum " + schema.get("minimum")
                        + hint(schema) + "; give a value of at least " + schema.get("minimum") + ".");
            }
            if (schema.has("maximum") && number.compareTo(schema.get("maximum").getAsBigDecimal()) > 0) {
                found.add(where(path) + " is " + number + ", above the maximum " + schema.get("maximum")
                        + hint(schema) + "; give a value of at most " + schema.get("maximum") + ".");
            }
        }
        if (value.isString()) {
            String text = value.getAsString();
            if (schema.has("minLength") && text.codePointCount(0, text.length())
                    < schema.get("minLength").getAsInt()) {
                found.add(where(path) + " is " + describe(value) + ", shorter than " + schema.get("minLength")
                        + " character(s)" + hint(schema) + "; write it out.");
            }
            // JSON Schema patterns are searched for anywhere in the text unless they are anchored.
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").getAsString()).matcher(text).find()) {
                found.add(where(path) + " is " + describe(value) + ", which does not match the pattern "
                        + schema.get("pattern").getAsString() + hint(schema) + "; write it in that form.");
            }
        }
    }

    private JsonObject definition(String ref) {
        return root.getAsJsonObject("$defs").getAsJsonObject(ref.substring(REF_PREFIX.length()));
    }

    /** The schema of one property, to describe a missing key; an empty schema when the property is not listed. */
    private JsonObject propertySchema(JsonObject schema, String key) {
        JsonObject properties = schema.getAsJsonObject("properties");
        return properties != null && properties.has(key) ? properties.getAsJsonObject(key) : new JsonObject();
    }

    /** The description of a value's schema, following $ref, in parentheses; empty when it has none. */
    private String hint(JsonObject schema) {
        JsonObject described = schema;
        while (!described.has("description") && described.has("$ref")) {
            described = definition(described.get("$ref").getAsString());
        }
        return described.has("description") ? " (" + described.get("description").getAsString() + ")" : "";
    }

    private static boolean hasType(JsonElement value, JsonElement type) {
        if (type.isJsonArray()) {
            for (JsonElement one : type.getAsJsonArray()) {
                if (hasType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.getAsString()) {
            case "object" -> value.isJsonObject();
            case "array" -> value.isJsonArray();
            case "null" -> value.isJsonNull();
            case "string" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
            case "boolean" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
            case "number" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
            case "integer" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                    && isWhole(value.getAsJsonPrimitive().getAsBigDecimal());
            default -> throw new IllegalStateException("Unchecked type " + type + " passed the schema check.");
        };
    }

    private static boolean isWhole(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    /** Equality as JSON means it: 1 and 1.0 are the same number. */
    private static boolean contains(JsonArray options, JsonElement value) {
        for (JsonElement option : options) {
            boolean bothNumbers = option.isJsonPrimitive() && option.getAsJsonPrimitive().isNumber()
                    && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
            if (bothNumbers ? option.getAsBigDecimal().compareTo(value.getAsBigDecimal()) == 0
                    : option.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String typeWords(JsonElement type) {
        if (type.isJsonArray()) {
            List<String> words = new ArrayList<>();
            type.getAsJsonArray().forEach(t -> words.add(typeWords(t)));
            return String.join(" or ", words);
        }
        return switch (type.getAsString()) {
            case "object", "array", "integer" -> "an " + type.getAsString();
            case "boolean" -> "true or false";
            case "null" -> "null";
            default -> "a " + type.getAsString();
        };
    }

    private static String describe(JsonElement value) {
        if (value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (primitive.isString()) {
            String text = primitive.getAsString();
            return "the text \"" + (text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "..."
                    : text) + "\"";
        }
        return primitive.isBoolean() ? primitive.getAsString() : "the number " + primitive.getAsBigDecimal();
    }

    private static String listed(JsonArray options) {
        List<String> words = new ArrayList<>();
        options.forEach(o -> words.add(o.isJsonPrimitive() && o.getAsJsonPrimitive().isString() ? o.getAsString()
                : o.toString()));
        return String.join(", ", words);
    }

    private static String where(String path) {
        return path.isEmpty() ? "The top level" : path;
    }

    /** JSON Pointer spells "~" as "~0" and "/" as "~1" inside a key. */
    private static String escapePointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Refuses keywords this class does not check and references it cannot follow, naming where they are. */
    private void checkSchema(JsonObject schema, String path) {
        for (Map.Entry<String, JsonElement> entry : schema.entrySet()) {
            String keyword = entry.getKey();
            JsonElement value = entry.getValue();
            String at = path + "/" + escapePointer(keyword);
            if (!ANNOTATIONS.contains(keyword) && !ASSERTIONS.contains(keyword)) {
                throw schemaProblem(at, "uses the keyword \"" + keyword + "\", which this validator does not check (it "
                        + "checks only " + ASSERTIONS.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            switch (keyword) {
                case "$defs", "properties" -> {
                    requireObject(value, at);
                    value.getAsJsonObject().entrySet().forEach(child -> {
                        requireObject(child.getValue(), at + "/" + escapePointer(child.getKey()));
                        checkSchema(child.getValue().getAsJsonObject(), at + "/" + escapePointer(child.getKey()));
                    });
                }
                case "items" -> {
                    requireObject(value, at);
                    checkSchema(value.getAsJsonObject(), at);
                }
                case "additionalProperties" -> {
                    if (value.isJsonObject()) {
                        checkSchema(value.getAsJsonObject(), at);
                    } else if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean())) {
                        throw schemaProblem(at, "must be true, false or a schema");
                    }
                }
                case "$ref" -> {
                    String ref = value.getAsString();
                    JsonObject defs = root.getAsJsonObject("$defs");
                    if (!ref.startsWith(REF_PREFIX) || defs == null
                            || !defs.has(ref.substring(REF_PREFIX.length()))) {
                        throw schemaProblem(at, "points to " + ref + ", which is not a definition in this schema's "
                                + "$defs (write references as " + REF_PREFIX + "NAME)");
                    }
                }
                case "type" -> {
                    for (JsonElement one : value.isJsonArray() ? value.getAsJsonArray() : List.of(value)) {
                        if (!TYPES.contains(one.getAsString())) {
                            throw schemaProblem(at, "names the type " + one + ", which is not one of " + String.join(", ",
                                    TYPES.stream().sorted().toList()));
                        }
                    }
                }
                case "pattern" -> {
                    try {
                        Pattern.compile(value.getAsString());
                    } catch (PatternSyntaxException e) {
                        throw schemaProblem(at, "is not a regular expression (" + e.getDescription() + ")");
                    }
                }
                default -> {
                    // The remaining keywords hold plain values read when a document is checked.
                }
            }
        }
    }

    private void requireObject(JsonElement value, String at) {
        if (!value.isJsonObject()) {
            throw schemaProblem(at, "must be a JSON object");
        }
    }

    private IllegalStateException schemaProblem(String at, String problem) {
        return new IllegalStateException("The schema " + name + " at " + at + " " + problem + "; fix the schema.");
    }
}
