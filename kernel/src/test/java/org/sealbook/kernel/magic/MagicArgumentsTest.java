package org.sealbook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagicArgumentsTest {
    private static final MagicArguments.Usage MAVEN = MagicArguments.usage("%maven", 1, MagicArguments.MANY,
            "needs coordinates like group:artifact:version, e.g. %maven com.google.code.gson:gson:2.11.0")
            .eachMatching("[^:\\s]+:[^:\\s]+(:[^:\\s]+){1,3}");

    @Test
    void splitsOnSpacesKeepingQuotedWordsTogether() {
        assertEquals(List.of("a", "b c", "d e", "f g", ""), MagicArguments.split("  a \"b c\" 'd e' f\\ g ''  "));
    }

    @Test
    void backslashEscapesAQuoteInsideDoubleQuotes() {
        assertEquals(List.of("say \"hi\""), MagicArguments.split("\"say \\\"hi\\\"\""));
    }

    @Test
    void splittingNothingGivesNoWords() {
        assertEquals(List.of(), MagicArguments.split("   "));
    }

    @Test
    void anUnclosedQuoteIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MagicArguments.split("a 'b c"));
        assertEquals("The arguments 'a 'b c' open a ' quote that is never closed; add the closing '.", e.getMessage());
    }

    @Test
    void usageReturnsTheWordsWhenTheyFit() {
        assertEquals(List.of("a:b:1", "c:d:jar:2"), MAVEN.parse("a:b:1 c:d:jar:2"));
    }

    @Test
    void tooFewWordsGiveTheUsageSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MAVEN.parse(""));
        assertEquals("%maven needs coordinates like group:artifact:version, e.g. %maven com.google.code.gson:gson:2.11.0.",
                e.getMessage());
    }

    @Test
    void tooManyWordsGiveTheUsageSentence() {
        MagicArguments.Usage none = MagicArguments.usage("%lsmagic", 0, 0, "takes no arguments");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.parse("x"));
        assertEquals("%lsmagic takes no arguments.", e.getMessage());
    }

    @Test
    void aWordOfTheWrongShapeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MAVEN.parse("a:b:1 gson"));
        assertEquals("%maven cannot use 'gson': it needs coordinates like group:artifact:version, "
                + "e.g. %maven com.google.code.gson:gson:2.11.0.", e.getMessage());
    }
}
