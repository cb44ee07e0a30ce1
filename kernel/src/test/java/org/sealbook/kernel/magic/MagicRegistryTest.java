package org.sealbook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MagicRegistryTest {
    private static final Magic NOTHING = call -> null;

    private static MagicRegistry registry() {
        MagicRegistry r = new MagicRegistry();
        r.line("time", "", NOTHING);
        r.line("timeit", "", NOTHING);
        r.line("load", "", NOTHING);
        r.line("classpath", "", NOTHING);
        r.cell("html", "", NOTHING);
        r.cell("markdown", "", NOTHING);
        return r;
    }

    @Test
    void anUnknownLineMagicNamesTheThreeNearest() {
        assertEquals("Unknown magic %tim. Did you mean %time, %timeit, %load? Run %lsmagic to list every magic.",
                registry().unknown("tim", false));
    }

    @Test
    void nearnessIgnoresCase() {
        assertEquals("Unknown magic %TIMe. Did you mean %time, %timeit, %load? Run %lsmagic to list every magic.",
                registry().unknown("TIMe", false));
    }

    @Test
    void anUnknownCellMagicNamesOnlyCellMagics() {
        assertEquals("Unknown magic %%htm. Did you mean %%html, %%markdown? Run %lsmagic to list every magic.",
                registry().unknown("htm", true));
    }

    @Test
    void anEmptyRegistrySuggestsNothing() {
        assertEquals("Unknown magic %x. Run %lsmagic to list every magic.", new MagicRegistry().unknown("x", false));
    }
}
