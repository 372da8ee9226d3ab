package dev.intercom.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * A picture of a session from its statistics CSV: the {@link SessionCharts} one above the other
 * as a PNG, or a self-contained HTML page (the charts inline, no file or network beside it) with
 * the session's totals on top.
 */
public final class SessionReport {

    private final StatsTable table;
    private final List<XYChart> charts;

    private SessionReport(StatsTable table) {
        this.table = table;
        this.charts = SessionCharts.of(table);
    }

    /** @return the report of the statistics in {@code csv} (see {@link StatsTable#read}) */
    public static SessionReport of(Path csv) {
        StatsTable table = StatsTable.read(csv);
        if (table.rows() == 0) {
            throw new IllegalArgumentException(csv + " has a header but no rows: the session ended before its first"
                    + " statistics interval");
        }
        return new SessionReport(table);
    }

    /** @return the number of charts drawn */
    public int charts() {
        return charts.size();
    }

    /**
     * Writes the report to {@code out}: PNG if its name ends in {@code .png}, HTML if in
     * {@code .html} or {@code .htm}.
     *
     * @throws IllegalArgumentException for another name
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public void write(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = png(stacked());
        } else if (name.endsWith(".html") || name.endsWith(".htm")) {
            bytes = html().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("-o: " + out + ": give a name ending in .png or .html");
        }
        try {
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + out + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check that its folder exists and is"
                    + " writable", e);
        }
    }

    /** @return every chart, one above the other, in one image */
    BufferedImage stacked() {
        BufferedImage image = new BufferedImage(SessionCharts.WIDTH, SessionCharts.HEIGHT * charts.size(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), 0, i * SessionCharts.HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e); // in memory: does not happen
        }
        return bytes.toByteArray();
    }

    private String html() {
        StringBuilder b = new StringBuilder(1 << 16);
        String title = "intercom session: " + escape(table.file().getFileName().toString());
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:")
                .append(SessionCharts.WIDTH).append("px}table{border-collapse:collapse}td,th{padding:2px 10px;"
                        + "text-align:right}th{text-align:left}img{display:block;margin:1em 0}</style></head><body>\n")
                .append("<h1>").append(title).append("</h1>\n<table>\n");
        int last = table.rows() - 1;
        for (String[] total : new String[][] {{"duration (s)", "time_s"}, {"packets sent", "sent_packets"},
            {"packets received", "received_packets"}, {"lost", "lost_packets"}, {"late", "late_packets"},
            {"concealed blocks", "concealed_blocks"}, {"SRTP authentication failures", "auth_failures"},
            {"device underruns", "device_underruns"}}) {
            table.column(total[1]).ifPresent(values -> b.append("<tr><th>").append(total[0]).append("</th><td>")
                    .append(Double.isNaN(values[last]) ? "-" : String.format(Locale.ROOT, "%.0f", values[last]))
                    .append("</td></tr>\n"));
        }
        b.append("</table>\n");
        for (XYChart chart : charts) {
            b.append("<img alt=\"").append(escape(chart.getTitle())).append("\" width=\"").append(SessionCharts.WIDTH)
                    .append("\" height=\"").append(SessionCharts.HEIGHT).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png(BitmapEncoder.getBufferedImage(chart))))
                    .append("\">\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
