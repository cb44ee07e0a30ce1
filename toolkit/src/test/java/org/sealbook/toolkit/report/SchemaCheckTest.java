package org.sealbook.toolkit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The validator on small schemas, one keyword at a time; the dashboard's own schema is tested in DashboardTest. */
class SchemaCheckTest {
    private static final SchemaCheck PERSON = SchemaCheck.of("person", json("""
            {"type": "object", "additionalProperties": false, "required": ["name", "age"],
             "properties": {
               "name": {"type": "string", "minLength": 1},
               "age": {"type": "integer", "minimum": 0, "maximum": 150},
               "role": {"enum": ["ADMIN", "USER"]},
               "version": {"enum": [1]},
               "email": {"type": "string", "pattern": "@", "description": "an address with an @"},
               "tags": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"$ref": "#/$defs/tag"}},
               "scores": {"type": "object", "additionalProperties": {"type": ["number", "null"]}},
               "a/b~c": {"type": "boolean"}
             },
             "$defs": {"tag": {"type": "string", "pattern": "^[a-z]+$", "description": "lower-case letters"}}}
            """));

    @Test
    void aDocumentThatFitsHasNoViolations() {
        assertEquals(List.of(), PERSON.violations(json("""
                {"name": "Ada", "age": 36.0, "role": "ADMIN", "version": 1.0, "email": "ada@example.org",
                 "tags": ["math", "engines"], "scores": {"x": 1.5, "y": null}, "a/b~c": true}
                """)), "36.0 is an integer and 1.0 equals the enum's 1, as JSON Schema counts numbers");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing key         | {"name": "Ada"}                             | The top level has no "age"; add it, it is required.
            unknown key         | {"name": "Ada", "age": 1, "nick": "A"}      | The top level has the key "nick", which is not allowed there; remove it or use one of name, age, role, version, email, tags, scores, a/b~c.
            wrong type          | {"name": "Ada", "age": "36"}                | /age is the text "36", but must be an integer; change its type.
            fraction            | {"name": "Ada", "age": 36.5}                | /age is the number 36.5, but must be an integer; change its type.
            below minimum       | {"name": "Ada", "age": -1}                  | /age is -1, below the minimum 0; give a value of at least 0.
            above maximum       | {"name": "Ada", "age": 151}                 | /age is 151, above the maximum 150; give a value of at most 150.
            empty string        | {"name": "", "age": 1}                      | /name is the text "", shorter than 1 character(s); write it out.
            enum                | {"name": "Ada", "age": 1, "role": "ROOT"}   | /role is the text "ROOT"; use one of ADMIN, USER.
            pattern, described  | {"name": "Ada", "age": 1, "email": "ada"}   | /email is the text "ada", which does not match the pattern @ (an address with an @); write it in that form.
            item through $ref   | {"name": "Ada", "age": 1, "tags": ["Math"]} | /tags/0 is the text "Math", which does not match the pattern ^[a-z]+$ (lower-case letters); write it in that form.
            too few items       | {"name": "Ada", "age": 1, "tags": []}       | /tags has 0 items, but needs at least 1; add more.
            too many items      | {"name": "Ada", "age": 1, "tags": ["a", "b", "c"]} | /tags has 3 items, but may have at most 2; keep only the most useful.
            additional schema   | {"name": "Ada", "age": 1, "scores": {"x": "high"}} | /scores/x is the text "high", but must be a number or null; change its type.
            escaped pointer     | {"name": "Ada", "age": 1, "a/b~c": 1}       | /a~1b~0c is the number 1, but must be true or false; change its type.
            """)
    void eachViolationIsOneSentenceThatStartsWithItsPointer(String what, String document, String sentence) {
        assertEquals(List.of(sentence), PERSON.violations(json(document)), what);
    }

    @Test
    void everyViolationIsReportedInDocumentOrder() {
        List<String> found = PERSON.violations(json("{\"age\": -3, \"role\": \"ROOT\"}"));
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("The top level has no \"name\""), found.get(0));
        assertTrue(found.get(1).startsWith("/age is -3"), found.get(1));
        assertTrue(found.get(2).startsWith("/role is the text \"ROOT\""), found.get(2));
    }

    @Test
    void aWrongTypeAtTheTopIsOneSentenceNotACascade() {
        assertEquals(List.of("The top level is an array, but must be an object; change its type."),
                PERSON.violations(JsonParser.parseString("[1, 2]")));
    }

    @Test
    void aKeywordItDoesNotCheckIsRefusedWhenTheSchemaIsLoaded() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SchemaCheck.of("odd",
                json("{\"properties\": {\"x\": {\"oneOf\": [{\"type\": \"string\"}]}}}")));
        assertTrue(e.getMessage().startsWith("The schema odd at /properties/x/oneOf uses the keyword \"oneOf\", "
                + "which this validator does not check (it checks only $ref, additionalProperties,"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; fix the schema."), e.getMessage());
    }

    @Test
    void aReferenceOutsideDefsIsRefusedWhenTheSchemaIsLoaded() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SchemaCheck.of("far",
                json("{\"items\": {\"$ref\": \"https://example.org/other.json\"}}")));
        assertEquals("The schema far at /items/$ref points to https://example.org/other.json, which is not a "
                + "definition in this schema's $defs (write references as #/$defs/NAME); fix the schema.",
                e.getMessage());
    }

    @Test
    void aBrokenPatternIsRefusedWhenTheSchemaIsLoaded() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SchemaCheck.of("re", json("{\"pattern\": \"[a-\"}")));
        assertTrue(e.getMessage().startsWith("The schema re at /pattern is not a regular expression ("),
                e.getMessage());
    }

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
