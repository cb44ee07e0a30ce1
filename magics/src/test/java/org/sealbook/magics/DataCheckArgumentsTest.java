package org.sealbook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.data.Mitigate;
import org.sealbook.toolkit.data.Mitigation.Action;
import org.sealbook.toolkit.data.Task;

class DataCheckArgumentsTest {
    @Test
    void pathAndTargetAloneLeaveTheRestToTheStage() {
        DataCheckArguments a = DataCheckArguments.parse("cars.csv --target Miles_per_Gallon");
        assertEquals(new DataCheckArguments("cars.csv", "Miles_per_Gallon", null, null, null, Mitigate.AUTO, Map.of()), a);
    }

    @Test
    void everyFlagInAnyOrderWithQuotedSpaces() {
        DataCheckArguments a = DataCheckArguments.parse(
                "--task REGRESSION \"my data/cars.csv\" --mitigate none --id Name --time Year --target 'Miles per Gallon'");
        assertEquals("my data/cars.csv", a.path());
        assertEquals("Miles per Gallon", a.target());
        assertEquals("Name", a.id());
        assertEquals("Year", a.time());
        assertEquals(Task.REGRESSION, a.task());
        assertEquals(Mitigate.NONE, a.mitigate());
    }

    @Test
    void perColumnFlagsNameAnActionEach() {
        DataCheckArguments a = DataCheckArguments.parse(
                "cars.csv --target Miles_per_Gallon --column Name=drop_column --column 'Horse power=IMPUTE_MODEL'");
        assertEquals(Map.of("Name", Action.DROP_COLUMN, "Horse power", Action.IMPUTE_MODEL), a.columns());
        assertTrue(refusal("cars.csv --target x --column Name").contains("needs --column in the form COL=ACTION, not Name"));
        assertTrue(refusal("cars.csv --target x --column Name=shred").contains(
                "cannot use the action shred in --column Name=shred (use one of impute_median,"));
        assertTrue(refusal("cars.csv --target x --column a=keep --column a=drop_column").contains(
                "was given --column for a twice"));
    }

    @Test
    void missingTargetValueIsOneSentenceWithTheUsage() {
        String message = refusal("cars.csv --target");
        assertTrue(message.startsWith("%data_check needs a value after --target; use " + DataCheckArguments.USAGE), message);
        assertEquals(-1, message.replace("e.g. ", "").indexOf(". "), "one sentence only: " + message);
        assertTrue(message.endsWith("."), message);
    }

    @Test
    void badInputIsNamed() {
        assertTrue(refusal("cars.csv --target x --colour red").contains("does not know the flag --colour"));
        assertTrue(refusal("cars.csv").contains("needs --target naming the column to predict"));
        assertTrue(refusal("--target x").contains("needs the path of a data file"));
        assertTrue(refusal("a.csv b.csv --target x").contains("was also given b.csv"));
        assertTrue(refusal("a.csv --target x --target y").contains("was given --target twice"));
        assertTrue(refusal("a.csv --target x --task clustering").contains("cannot use --task clustering"));
        assertTrue(refusal("a.csv --target x --mitigate some").contains("cannot use --mitigate some"));
        assertTrue(refusal("a.csv --target --id Name").contains("needs a value after --target"));
    }

    @Test
    void noOptionalFlagIsInventedWhenAbsent() {
        DataCheckArguments a = DataCheckArguments.parse("cars.csv --target Miles_per_Gallon --task classification");
        assertNull(a.id());
        assertNull(a.time());
        assertEquals(Task.CLASSIFICATION, a.task());
    }

    private static String refusal(String args) {
        return assertThrows(IllegalArgumentException.class, () -> DataCheckArguments.parse(args)).getMessage();
    }
}
