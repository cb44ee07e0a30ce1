package org.sealbook.kernel.display;

/**
 * How another module adds renderers: list the implementation in
 * {@code META-INF/services/org.sealbook.kernel.display.RendererProvider}; the kernel calls it once at start.
 */
public interface RendererProvider {
    void registerRenderers(RendererRegistry registry);
}
