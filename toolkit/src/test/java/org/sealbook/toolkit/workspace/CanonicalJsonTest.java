package org.sealbook.toolkit.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keyOrderAndWhitespaceDoNotChangeTheBytesOrTheHash() {
        JsonObject a = JsonParser.parseString(
                "{\"target\":\"mpg\",\"columns\":[\"b\",\"a\"],\"plan\":{\"z\":1,\"a\":{\"y\":true,\"x\":null}}}")
                .getAsJsonObject();
        JsonObject b = JsonParser.parseString(
                "{\n\t\"plan\" : { \"a\" : {\"x\":null,   \"y\":true}, \"z\" : 1 },\r\n \"columns\":[\"b\", \"a\"],"
                        + " \"target\" : \"mpg\"  }")
                .getAsJsonObject();
        assertArrayEquals(CanonicalJson.bytes(a), CanonicalJson.bytes(b));
        assertEquals(CanonicalJson.sha256(CanonicalJson.bytes(a)), CanonicalJson.sha256(CanonicalJson.bytes(b)));
    }

    @Test
    void arrayOrderIsKeptBecauseItCarriesMeaning() {
        JsonObject a = JsonParser.parseString("{\"columns\":[\"a\",\"b\"]}").getAsJsonObject();
        JsonObject b = JsonParser.parseString("{\"columns\":[\"b\",\"a\"]}").getAsJsonObject();
        assertNotEquals(CanonicalJson.text(a), CanonicalJson.text(b));
    }

    @Test
    void theTextIsSortedTwoSpaceIndentedWithNewlineEndsAndAFinalNewline() {
        JsonObject object = JsonParser.parseString("{\"b\":{\"d\":2,\"c\":\"<x>\"},\"a\":\"é\"}").getAsJsonObject();
        String text = CanonicalJson.text(object);
        assertEquals("{\n  \"a\": \"é\",\n  \"b\": {\n    \"c\": \"<x>\",\n    \"d\": 2\n  }\n}\n", text);
        assertFalse(text.contains("\r"));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), CanonicalJson.bytes(object));
    }

    @Test
    void theSameObjectGivesTheSameBytesEveryTime() {
        JsonObject object = new JsonObject();
        object.addProperty("rows", 398);
        object.addProperty("skew", 0.4571);
        assertArrayEquals(CanonicalJson.bytes(object), CanonicalJson.bytes(object.deepCopy()));
    }

    @Test
    void aValueJsonCannotHoldIsRefusedNamingWhereItIs() {
        JsonObject inner = new JsonObject();
        inner.addProperty("skew", Double.NaN);
        JsonObject object = new JsonObject();
        object.add("target", inner);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(object));
        assertTrue(e.getMessage().contains("/target/skew"), e.getMessage());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void theHashIsTheKnownSha256OfTheBytes() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                CanonicalJson.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
