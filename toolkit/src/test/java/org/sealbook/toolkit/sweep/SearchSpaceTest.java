package org.sealbook.toolkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    @Test
    void choicesKeepTheirKindAndOrder() {
        Range range = SearchSpace.parseRange("max_depth", " 3, 0.5,relu , 1e-3, 'tanh', '4'");
        assertEquals(new Range.Choice(List.of(3, 0.5, "relu", 0.001, "tanh", "4")), range);
    }

    @Test
    void rangesAreRead() {
        assertEquals(new Range.Uniform(0, 1), SearchSpace.parseRange("dropout", "range(0, 1)"));
        assertEquals(new Range.LogUniform(1e-4, 0.1), SearchSpace.parseRange("learning_rate", "log(1e-4, 1e-1)"));
        assertEquals(new Range.IntUniform(2, 8), SearchSpace.parseRange("max_depth", "int( 2 ,8 )"));
        assertEquals(new Range.Uniform(-1.5, 2), SearchSpace.parseRange("shift", "range(-1.5, 2)"));
    }

    @Test
    void aRangeDescribesItselfAsTheReaderWroteIt() {
        assertEquals("log(0.0001, 0.1)", SearchSpace.parseRange("learning_rate", "log(1e-4, 1e-1)").describe());
        assertEquals("range(0, 0.5)", SearchSpace.parseRange("dropout", "range(0, 0.5)").describe());
        assertEquals("int(2, 8)", SearchSpace.parseRange("max_depth", "int(2, 8)").describe());
        assertEquals("0.1, 3, relu", SearchSpace.parseRange("mixed", "0.1, 3, relu").describe());
    }

    @Test
    void aSingleValueIsAFixedSetting() {
        assertNull(SearchSpace.parseRange("trees", "200"));
        assertNull(SearchSpace.parseRange("hidden", "relu"));
        // A quoted value may hold commas: the network's layer sizes are one fixed setting here...
        assertNull(SearchSpace.parseRange("hidden", "\"64,64\""));
    }

    @Test
    void quotedChoicesMayHoldCommas() {
        // ... and two choices here.
        assertEquals(new Range.Choice(List.of("64,64", "128")), SearchSpace.parseRange("hidden", "\"64,64\", '128'"));
    }

    @Test
    void everyBadRangeGetsOneSentenceNamingTheSettingAndTheFix() {
        assertRefused("learning_rate", "", "has no value; give one value");
        assertRefused("learning_rate", "   ", "has no value");
        assertRefused("learning_rate", "range(1, 1)", "lowest value 1 is not below its highest 1; put the smaller");
        assertRefused("learning_rate", "range(0.3, 0.1)", "is not below its highest 0.1");
        assertRefused("max_depth", "int(8, 2)", "is not below its highest 2");
        assertRefused("learning_rate", "log(0, 0.1)", "cannot reach 0; give a lowest value above 0");
        assertRefused("learning_rate", "log(-1, 0.1)", "cannot reach -1");
        assertRefused("learning_rate", "range(a, 1)", "a is not a number; write it with digits");
        assertRefused("learning_rate", "range(NaN, 1)", "NaN is not a number");
        assertRefused("max_depth", "int(2.5, 8)", "2.5 is not a whole number");
        assertRefused("learning_rate", "range(1)", "takes two numbers, the lowest and the highest");
        assertRefused("learning_rate", "log(0.1, 0.2, 0.3)", "takes two numbers");
        assertRefused("learning_rate", "range()", "takes two numbers");
        assertRefused("learning_rate", "uniform(0, 1)", "uses uniform(...), which is not a known range; write");
        assertRefused("max_depth", "int(1, 99999999999)", "too large to use");
        assertRefused("learning_rate", "0.1, , 0.3", "has an empty choice; remove the extra comma");
        assertRefused("learning_rate", "0.1,", "has an empty choice");
        assertRefused("learning_rate", "0.1, 0.3, 0.1", "lists 0.1 twice; give each choice once");
        assertRefused("hidden", "\"64,64, 128", "whose quote \" is not closed; close it");
    }

    private static void assertRefused(String setting, String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.parseRange(setting, text));
        String message = e.getMessage();
        assertTrue(message.contains(setting), message);
        assertTrue(message.contains(expected), message);
        // One sentence: it ends with a full stop and no other sentence starts inside it.
        assertTrue(message.endsWith("."), message);
        assertTrue(!message.matches("(?s).*[.!?]\\s+[A-Z].*"), message);
    }
}
