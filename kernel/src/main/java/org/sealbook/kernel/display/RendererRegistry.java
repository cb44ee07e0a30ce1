package org.sealbook.kernel.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.sealbook.kernel.Extensions;

/**
 * Finds the renderer for a value by its class: the class itself, then its superclasses and interfaces,
 * nearest first. A value no renderer claims is shown as {@code text/plain} via {@code String.valueOf}.
 */
public final class RendererRegistry {
    private final Map<Class<?>, Renderer<?>> renderers = new LinkedHashMap<>();

    /** A registry with the kernel's own renderers and every {@link RendererProvider} on the class path. */
    public static RendererRegistry withDefaults() {
        RendererRegistry r = new RendererRegistry();
        r.register(MimeBundle.class, b -> b);
        r.register(CharSequence.class, s -> MimeBundle.text(s.toString()));
        r.register(RenderedImage.class, RendererRegistry::png);
        Extensions.load(RendererProvider.class, p -> p.registerRenderers(r), "its types show as plain text");
        return r;
    }

    public synchronized <T> void register(Class<T> type, Renderer<? super T> renderer) {
        renderers.put(type, renderer);
    }

    public MimeBundle render(Object value) {
        if (value == null) {
            return MimeBundle.text("null");
        }
        Renderer<Object> r = find(value.getClass());
        return r == null ? MimeBundle.text(String.valueOf(value)) : r.render(value);
    }

    @SuppressWarnings("unchecked")
    private synchronized Renderer<Object> find(Class<?> type) {
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            Renderer<?> r = renderers.get(c);
            if (r != null) {
                return (Renderer<Object>) r;
            }
            if (c.getSuperclass() != null) {
                queue.add(c.getSuperclass());
            }
            queue.addAll(java.util.List.of(c.getInterfaces()));
        }
        return null;
    }

    private static MimeBundle png(RenderedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return MimeBundle.of("image/png", Base64.getEncoder().encodeToString(out.toByteArray()))
                    .with("text/plain", "image " + image.getWidth() + "x" + image.getHeight());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the image as PNG", e);
        }
    }
}
