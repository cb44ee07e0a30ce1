package org.sealbook.toolkit.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void aScoreHasFourSignificantDigitsAndNoTrailingZeros() {
        assertEquals("0.9934", Numbers.number(0.99341));
        assertEquals("1", Numbers.number(1.0));
        assertEquals("0.01478", Numbers.number(0.014781));
        assertEquals("2.346", Numbers.number(2.3455));
    }

    @Test
    void digitsBeforeThePointAreNeverRoundedAway() {
        assertEquals("32561", Numbers.number(32561));
        assertEquals("12346", Numbers.number(12345.6));
        assertEquals("1970", Numbers.number(1970));
    }

    @Test
    void aNumberThatIsNotOneReadsAsAWordAndATableCellAsADash() {
        assertEquals("not a number", Numbers.number(Double.NaN));
        assertEquals("minus infinite", Numbers.number(Double.NEGATIVE_INFINITY));
        assertEquals("-", Numbers.cell(null));
        assertEquals("-", Numbers.cell(Double.NaN));
        assertEquals("0.8125", Numbers.cell(0.8125));
    }

    @Test
    void aShareIsAPercentageWithThreeSignificantDigits() {
        assertEquals("23.5%", Numbers.percent(0.2345));
        assertEquals("50%", Numbers.percent(0.5));
        assertEquals("0.0123%", Numbers.percent(0.000123));
        assertEquals("-", Numbers.percentCell(Double.NaN));
    }

    @Test
    void aCountCarriesItsNoun() {
        assertEquals("1 row", Numbers.count(1, "row"));
        assertEquals("0 rows", Numbers.count(0, "row"));
        assertEquals("392 rows", Numbers.count(392, "row"));
    }

    @Test
    void aDurationPicksItsUnit() {
        assertEquals("15.2 ms", Numbers.duration(0.01523));
        assertEquals("45 s", Numbers.duration(45));
        assertEquals("2.5 min", Numbers.duration(150));
        assertEquals("120 min", Numbers.duration(7200));
        assertEquals("an unknown time", Numbers.duration(Double.NaN));
    }
}
