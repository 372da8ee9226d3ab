package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.testing.FreePorts;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code intercom plot} draws a real session's statistics: one chart per figure, each with lines in it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlotCommandTest {

    private static final int CHARTS = 5;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 300;

    @TempDir
    static Path dir;

    private static Path csv;

    @BeforeAll
    static void recordASession() {
        csv = dir.resolve("stats.csv");
        int port = FreePorts.udp();
        CliRun run = CliRun.of("--peer", "127.0.0.1:" + port, "--listen", "127.0.0.1:" + port, "--input", "tone:440",
                "--output", "null", "--duration", "3", "--stats-interval", "0.5", "--stats-file", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    /** @return pixels of a line's colour (saturated, unlike text, axes, grid and background) in the image's region */
    private static int coloured(BufferedImage image, int top, int height) {
        int count = 0;
        for (int y = top; y < top + height; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aPngHoldsOneChartPerFigureEachWithItsLinesDrawn() throws Exception {
        Path png = dir.resolve("report.png");
        CliRun run = CliRun.of("plot", csv.toString(), "-o", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wrote " + png + " (5 charts)"), run.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth());
        assertEquals(CHARTS * HEIGHT, image.getHeight());
        for (int chart = 0; chart < CHARTS; chart++) {
            int pixels = coloured(image, chart * HEIGHT, HEIGHT);
            // A legend swatch alone is a few dozen pixels; a line across the plot is hundreds.
            assertTrue(pixels > 400, "chart " + chart + " has " + pixels + " pixels of its lines");
        }
    }

    @Test
    void anHtmlPageIsSelfContainedWithTheSameChartsAndTheTotals() throws Exception {
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("plot", csv.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<th>packets received</th>"), page.substring(0, Math.min(2000, page.length())));
        assertTrue(!page.contains("http:") && !page.contains("https:") && !page.contains("src=\"/"),
                "nothing loaded from elsewhere");
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
        List<BufferedImage> charts = new ArrayList<>();
        while (images.find()) {
            charts.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1)))));
        }
        assertEquals(CHARTS, charts.size());
        for (BufferedImage chart : charts) {
            assertEquals(WIDTH, chart.getWidth());
            assertEquals(HEIGHT, chart.getHeight());
            assertTrue(coloured(chart, 0, HEIGHT) > 400);
        }
    }

    @Test
    void aFileThatIsNotStatisticsAndAnUnknownFormatAreRefusedInOneLine() throws Exception {
        CliRun notStats = CliRun.of("plot", "../README.md", "-o", dir.resolve("x.png").toString());
        assertEquals(1, notStats.exitCode());
        assertEquals("intercom: ../README.md is not an intercom statistics file: its first line must be the header that"
                + " --stats-file writes (time_s,sent_packets,...)", notStats.err().strip());
        CliRun missing = CliRun.of("plot", dir.resolve("none.csv").toString());
        assertEquals("intercom: no such statistics file: " + dir.resolve("none.csv"), missing.err().strip());
        CliRun pdf = CliRun.of("plot", csv.toString(), "-o", dir.resolve("x.pdf").toString());
        assertEquals(2, pdf.exitCode());
        assertTrue(pdf.err().startsWith("intercom: -o: " + dir.resolve("x.pdf") + ": give a name ending in .png or"
                + " .html"), pdf.err());
    }
}
