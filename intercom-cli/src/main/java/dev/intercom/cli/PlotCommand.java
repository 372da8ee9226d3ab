package dev.intercom.cli;

import dev.intercom.report.SessionReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intercom plot STATS.csv}: draw a session's statistics as a PNG or an HTML page. */
@Command(name = "plot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Draw a session's statistics CSV (--stats-file) over time as a PNG or an HTML page.",
            "Charts: latency (end to end against the ideal, jitter buffer, target, network, devices), jitter,",
            "losses per interval (lost, late, concealed, device underruns), input and output levels, and CPU.",
            "  intercom --peer host:5004 --stats-file stats.csv ...; intercom plot stats.csv -o report.html"})
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STATS.csv", description = "The CSV a session wrote with --stats-file.")
    Path csv;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png|FILE.html",
            description = "Where to write: a PNG image, or a self-contained HTML page (default: the CSV's name with "
                    + ".png).")
    Path output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path out = output != null ? output : defaultOutput(csv);
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".png") || name.endsWith(".html") || name.endsWith(".htm"))) {
            throw new ParameterException(spec.commandLine(), "-o: " + out + ": give a name ending in .png or .html");
        }
        SessionReport report = SessionReport.of(csv);
        report.write(out);
        spec.commandLine().getOut().println("wrote " + out + " (" + report.charts() + " charts)");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static Path defaultOutput(Path csv) {
        String name = csv.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return csv.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".png");
    }
}
