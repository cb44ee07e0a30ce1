package org.sealbook.toolkit.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.sealbook.toolkit.view.Figure;

/** Checks that a figure's static image is a real drawing: a decodable PNG of the chart size, not blank. */
final class Pictures {
    private Pictures() {
    }

    static BufferedImage assertDrawn(Figure figure) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(figure.png()));
        assertNotNull(image, figure.title() + ": PNG does not decode");
        assertEquals(720, image.getWidth(), figure.title());
        assertEquals(400, image.getHeight(), figure.title());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        // anti-aliased text and marks give many shades; a blank or single-colour image gives one or two
        assertTrue(colours.size() > 20, figure.title() + " has only " + colours.size() + " colours");
        return image;
    }
}
