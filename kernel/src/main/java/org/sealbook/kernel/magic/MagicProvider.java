package org.sealbook.kernel.magic;

/**
 * How a module adds magics: list the implementation in
 * {@code META-INF/services/org.sealbook.kernel.magic.MagicProvider}; the kernel calls it once at start.
 */
public interface MagicProvider {
    void registerMagics(MagicRegistry registry);
}
