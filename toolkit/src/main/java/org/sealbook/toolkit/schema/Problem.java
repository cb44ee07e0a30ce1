package org.sealbook.toolkit.schema;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One way a document breaks its schema, said as a sentence that starts with the place and ends with the fix. */
final class Problem {
    private static final int SHOWN_CHARACTERS = 60;

    private final Error error;
    private final JsonObject root;
    private final JsonElement value;
    private final JsonObject rule;
    private final String where;

    Problem(Error error, JsonObject root, JsonElement document) {
        this.error = error;
        this.root = root;
        this.value = at(document, names(error.getInstanceLocation()));
        List<Object> keyword = names(error.getSchemaLocation().getFragment());
        JsonElement parent = at(root, keyword.subList(0, Math.max(0, keyword.size() - 1)));
        this.rule = parent != null && parent.isJsonObject() ? parent.getAsJsonObject() : new JsonObject();
        String path = error.getInstanceLocation().toString();
        this.where = path.isEmpty() ? "The top level" : path;
    }

    /** The JSON pointer that sorts this problem: an extra key sorts where that key is. */
    String pointer() {
        String path = error.getInstanceLocation().toString();
        boolean aKey = error.getKeyword().equals("additionalProperties") || error.getKeyword().equals("propertyNames");
        return aKey ? path + "/" + escape(error.getProperty()) : path;
    }

    String sentence() {
        return switch (error.getKeyword()) {
            case "required" -> where + " has no \"" + error.getProperty() + "\"" + hint(property(error.getProperty()))
                    + "; add it, it is required.";
            case "additionalProperties" -> where + " has the key \"" + error.getProperty() + "\", which is not allowed "
                    + "there; remove it" + (properties().isEmpty() ? "" : " or use one of "
                    + String.join(", ", properties())) + ".";
            case "dependentRequired" -> where + " has \"" + error.getProperty() + "\" but no \"" + error.getArguments()[0]
                    + "\"" + hint(property(String.valueOf(error.getArguments()[0]))) + "; add it, or remove \""
                    + error.getProperty() + "\".";
            case "propertyNames" -> where + " has the key \"" + error.getProperty() + "\", which is not a name allowed "
                    + "there" + names() + "; rename it.";
            case "type" -> where + " is " + describe(value) + ", but must be " + typeWords(rule.get("type"))
                    + hint(rule) + "; change its type.";
            case "enum" -> where + " is " + describe(value) + "; use one of " + listed(rule.getAsJsonArray("enum"))
                    + ".";
            case "const" -> where + " is " + describe(value) + "; it must be " + rule.get("const") + ".";
            case "pattern" -> where + " is " + describe(value) + ", which does not match the pattern "
                    + rule.get("pattern").getAsString() + hint(rule) + "; write it in that form.";
            case "minLength" -> where + " is " + describe(value) + ", shorter than " + rule.get("minLength")
                    + " character(s)" + hint(rule) + "; write it out.";
            case "minimum", "exclusiveMinimum" -> where + " is " + describe(value) + ", below the "
                    + (error.getKeyword().equals("minimum") ? "minimum " : "limit ") + rule.get(error.getKeyword())
                    + hint(rule) + "; give a value " + (error.getKeyword().equals("minimum") ? "of at least "
                    : "above ") + rule.get(error.getKeyword()) + ".";
            case "maximum", "exclusiveMaximum" -> where + " is " + describe(value) + ", above the "
                    + (error.getKeyword().equals("maximum") ? "maximum " : "limit ") + rule.get(error.getKeyword())
                    + hint(rule) + "; give a value " + (error.getKeyword().equals("maximum") ? "of at most "
                    : "below ") + rule.get(error.getKeyword()) + ".";
            case "minItems" -> where + " has " + items() + ", but needs at least " + rule.get("minItems") + hint(rule)
                    + "; add more.";
            case "maxItems" -> where + " has " + items() + ", but may have at most " + rule.get("maxItems")
                    + hint(rule) + "; keep only the most useful.";
            default -> where + " breaks the schema's \"" + error.getKeyword() + "\" rule (" + error.getMessage()
                    + "); change it to fit.";
        };
    }

    /** What the names of an object's keys must look like: the pattern and description of its propertyNames. */
    private String names() {
        JsonObject names = resolved(rule.getAsJsonObject("propertyNames"));
        return (names.has("pattern") ? " (it must match " + names.get("pattern").getAsString() + ")" : "")
                + hint(rule.getAsJsonObject("propertyNames"));
    }

    /** A schema with its $ref followed to the definition it points to. */
    private JsonObject resolved(JsonObject schema) {
        JsonObject here = schema == null ? new JsonObject() : schema;
        while (here.has("$ref")) {
            JsonElement target = at(root, pointer(here.get("$ref").getAsString()));
            if (target == null || !target.isJsonObject()) {
                break;
            }
            here = target.getAsJsonObject();
        }
        return here;
    }

    private String items() {
        int n = value != null && value.isJsonArray() ? value.getAsJsonArray().size() : 0;
        return n + " item" + (n == 1 ? "" : "s");
    }

    private List<String> properties() {
        JsonObject properties = rule.getAsJsonObject("properties");
        return properties == null ? List.of() : new ArrayList<>(properties.keySet());
    }

    private JsonObject property(String key) {
        JsonObject properties = rule.getAsJsonObject("properties");
        return properties != null && properties.has(key) ? properties.getAsJsonObject(key) : new JsonObject();
    }

    /** The description of a value's schema, following $ref, in parentheses; empty when it has none. */
    private String hint(JsonObject schema) {
        JsonObject described = schema == null ? new JsonObject() : schema;
        if (!described.has("description")) {
            described = resolved(described);
        }
        return described.has("description") ? " (" + described.get("description").getAsString() + ")" : "";
    }

    private static String typeWords(JsonElement type) {
        if (type == null) {
            return "another type";
        }
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
        if (value == null || value.isJsonNull()) {
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

    private static List<Object> names(NodePath path) {
        List<Object> names = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            names.add(path.getElement(i));
        }
        return names;
    }

    /** A local reference such as #/$defs/sha256 as the names along its path. */
    private static List<Object> pointer(String ref) {
        List<Object> names = new ArrayList<>();
        if (ref.startsWith("#/")) {
            for (String part : ref.substring(2).split("/")) {
                names.add(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return names;
    }

    /** The element at {@code names} (keys and array indexes) below {@code from}; null when there is none. */
    private static JsonElement at(JsonElement from, List<Object> names) {
        JsonElement here = from;
        for (Object name : names) {
            if (here == null) {
                return null;
            }
            if (here.isJsonArray() && name instanceof Integer i) {
                here = i < here.getAsJsonArray().size() ? here.getAsJsonArray().get(i) : null;
            } else if (here.isJsonArray() && name instanceof String s && s.matches("\\d+")) {
                int i = Integer.parseInt(s);
                here = i < here.getAsJsonArray().size() ? here.getAsJsonArray().get(i) : null;
            } else if (here.isJsonObject()) {
                here = here.getAsJsonObject().get(String.valueOf(name));
            } else {
                return null;
            }
        }
        return here;
    }

    /** JSON Pointer spells "~" as "~0" and "/" as "~1" inside a key. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Where each JSON pointer of a document comes when it is read from the top: problems are told in that order. */
    static final class Order {
        private final Map<String, Integer> positions = new HashMap<>();

        Order(JsonElement document) {
            visit(document, "");
        }

        int of(Problem problem) {
            String pointer = problem.pointer();
            while (!positions.containsKey(pointer) && !pointer.isEmpty()) {
                pointer = pointer.substring(0, pointer.lastIndexOf('/'));
            }
            return positions.getOrDefault(pointer, 0);
        }

        private void visit(JsonElement element, String pointer) {
            positions.put(pointer, positions.size());
            if (element.isJsonObject()) {
                element.getAsJsonObject().entrySet().forEach(e -> visit(e.getValue(), pointer + "/" + escape(e.getKey())));
            } else if (element.isJsonArray()) {
                JsonArray array = element.getAsJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    visit(array.get(i), pointer + "/" + i);
                }
            }
        }
    }
}
