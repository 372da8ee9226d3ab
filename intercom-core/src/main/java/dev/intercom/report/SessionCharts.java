package dev.intercom.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of one session over time, from its statistics: the latency split (buffer,
 * network, end-to-end against the ideal), jitter, losses, levels and CPU. A chart whose columns
 * the file lacks, or that holds no number at all, is left out.
 */
public final class SessionCharts {

    /** Width and height of one chart, in pixels. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 300;

    private SessionCharts() {
    }

    /** One line of a chart: a column (or its per-interval growth) under a legend name. */
    private record Line(String legend, String column, boolean perInterval) {
    }

    /** @return the charts that have something to show, in a fixed order */
    public static List<XYChart> of(StatsTable table) {
        double[] time = table.column("time_s").orElseThrow();
        List<XYChart> charts = new ArrayList<>();
        add(charts, table, time, "Latency", "ms", List.of(new Line("end to end", "e2e_latency_ms", false),
                new Line("ideal", "ideal_latency_ms", false),
                new Line("jitter buffer", "buffer_ms", false), new Line("target", "target_ms", false),
                new Line("network (RTT/2)", "network_ms", false), new Line("capture", "capture_latency_ms", false),
                new Line("playback", "playback_latency_ms", false)));
        add(charts, table, time, "Jitter", "ms", List.of(new Line("interarrival jitter (ours)", "jitter_ms", false),
                new Line("the peer's of our stream", "remote_jitter_ms", false)));
        add(charts, table, time, "Losses per interval", "packets / blocks", List.of(
                new Line("lost packets", "lost_packets", true), new Line("late packets", "late_packets", true),
                new Line("concealed blocks", "concealed_blocks", true),
                new Line("device underruns", "device_underruns", true)));
        add(charts, table, time, "Levels", "dBFS", List.of(new Line("in RMS", "in_rms_dbfs", false),
                new Line("in peak", "in_peak_dbfs", false), new Line("out RMS", "out_rms_dbfs", false),
                new Line("out peak", "out_peak_dbfs", false)));
        add(charts, table, time, "CPU", "% of one core", List.of(new Line("process CPU", "cpu_pct", false)));
        return charts;
    }

    private static void add(List<XYChart> charts, StatsTable table, double[] time, String title, String unit,
            List<Line> lines) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("time (s)")
                .yAxisTitle(unit).build();
        var styler = chart.getStyler();
        // Below the plot, so every chart's time axis has the same width and the charts line up.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setAntiAlias(true);
        for (Line line : lines) {
            double[] values = (line.perInterval() ? table.perInterval(line.column()) : table.column(line.column()))
                    .orElse(null);
            if (values == null) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                // Unknown cells are left out, not drawn as zero: "not measured yet" is not "none".
                if (!Double.isNaN(values[i]) && !Double.isNaN(time[i]) && !Double.isInfinite(values[i])) {
                    xs.add(time[i]);
                    ys.add(values[i]);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(line.legend(), xs, ys);
                series.setMarker(xs.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
        }
        if (!chart.getSeriesMap().isEmpty()) {
            charts.add(chart);
        }
    }
}
