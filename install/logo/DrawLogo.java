import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the Sealbook logo (an open book with a wax seal) as SVG and as 32 and 64 pixel PNGs, from one list of
 * shapes so the three files agree. Run once from the repository root and commit the results:
 * {@code java -Djava.awt.headless=true install/logo/DrawLogo.java install/logo}. Install time never runs it.
 */
public final class DrawLogo {
    private static final Color COVER = new Color(0x1F4E79);
    private static final Color PAPER = new Color(0xF5F0E6);
    private static final Color INK = new Color(0x8A9BB0);
    private static final Color WAX = new Color(0xC0392B);
    private static final Color WAX_RIM = new Color(0xE57368);

    // Coordinates are on a 64 x 64 grid; the 32 pixel image is the same drawing at half scale.
    private static final double[][] LEFT_PAGE = {{8, 16}, {31, 21}, {31, 50}, {8, 45}};
    private static final double[][] RIGHT_PAGE = {{33, 21}, {56, 16}, {56, 45}, {33, 50}};
    private static final double[][] TEXT_LINES = {
        {12, 23, 27, 26}, {12, 29, 27, 32}, {12, 35, 27, 38}, {37, 26, 52, 23}, {37, 32, 48, 29.5}};
    private static final double[] SEAL = {46, 46, 11};
    private static final double[][] CHECK = {{40.5, 46}, {44.5, 50.5}, {51.5, 41.5}};

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Give the folder to write the logo files to, e.g. java install/logo/DrawLogo.java install/logo");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("logo-svg.svg"), svg(), StandardCharsets.UTF_8);
        for (int size : new int[] {32, 64}) {
            ImageIO.write(png(size), "png", dir.resolve("logo-" + size + "x" + size + ".png").toFile());
        }
    }

    private static BufferedImage png(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 64.0, size / 64.0);
        g.setColor(COVER);
        g.fill(new RoundRectangle2D.Double(0, 0, 64, 64, 24, 24));
        g.setColor(PAPER);
        g.fill(polygon(LEFT_PAGE));
        g.fill(polygon(RIGHT_PAGE));
        g.setColor(INK);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double[] l : TEXT_LINES) {
            g.draw(new Line2D.Double(l[0], l[1], l[2], l[3]));
        }
        g.setColor(WAX);
        g.fill(circle(SEAL[2]));
        g.setColor(WAX_RIM);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(circle(SEAL[2] - 2.5));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D check = new Path2D.Double();
        check.moveTo(CHECK[0][0], CHECK[0][1]);
        check.lineTo(CHECK[1][0], CHECK[1][1]);
        check.lineTo(CHECK[2][0], CHECK[2][1]);
        g.draw(check);
        g.dispose();
        return image;
    }

    private static String svg() {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\n");
        s.append("  <title>Sealbook</title>\n");
        s.append("  <rect width=\"64\" height=\"64\" rx=\"12\" fill=\"").append(hex(COVER)).append("\"/>\n");
        s.append("  <polygon points=\"").append(points(LEFT_PAGE)).append("\" fill=\"").append(hex(PAPER)).append("\"/>\n");
        s.append("  <polygon points=\"").append(points(RIGHT_PAGE)).append("\" fill=\"").append(hex(PAPER)).append("\"/>\n");
        s.append("  <g stroke=\"").append(hex(INK)).append("\" stroke-width=\"2\" stroke-linecap=\"round\">\n");
        for (double[] l : TEXT_LINES) {
            s.append("    <line x1=\"").append(n(l[0])).append("\" y1=\"").append(n(l[1]))
                    .append("\" x2=\"").append(n(l[2])).append("\" y2=\"").append(n(l[3])).append("\"/>\n");
        }
        s.append("  </g>\n");
        s.append("  <circle cx=\"").append(n(SEAL[0])).append("\" cy=\"").append(n(SEAL[1])).append("\" r=\"")
                .append(n(SEAL[2])).append("\" fill=\"").append(hex(WAX)).append("\"/>\n");
        s.append("  <circle cx=\"").append(n(SEAL[0])).append("\" cy=\"").append(n(SEAL[1])).append("\" r=\"")
                .append(n(SEAL[2] - 2.5)).append("\" fill=\"none\" stroke=\"").append(hex(WAX_RIM))
                .append("\" stroke-width=\"1.5\"/>\n");
        s.append("  <polyline points=\"").append(points(CHECK))
                .append("\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    private static Path2D polygon(double[][] pts) {
        Path2D p = new Path2D.Double();
        p.moveTo(pts[0][0], pts[0][1]);
        for (int i = 1; i < pts.length; i++) {
            p.lineTo(pts[i][0], pts[i][1]);
        }
        p.closePath();
        return p;
    }

    private static Ellipse2D circle(double r) {
        return new Ellipse2D.Double(SEAL[0] - r, SEAL[1] - r, 2 * r, 2 * r);
    }

    private static String points(double[][] pts) {
        StringBuilder s = new StringBuilder();
        for (double[] p : pts) {
            s.append(s.length() == 0 ? "" : " ").append(n(p[0])).append(',').append(n(p[1]));
        }
        return s.toString();
    }

    private static String n(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String hex(Color c) {
        return String.format("#%06x", c.getRGB() & 0xFFFFFF);
    }
}
