package dev.intercom.cli;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;
import dev.intercom.config.SessionConfig;
import dev.intercom.measure.BurstPlan;
import dev.intercom.measure.LocalMeasurement;
import dev.intercom.measure.Measurement;
import dev.intercom.measure.MeasurementReport;
import dev.intercom.measure.PeerMeasurement;
import dev.intercom.measure.RoundTripStats;
import dev.intercom.session.AudioEndpoints;
import dev.intercom.time.NanoClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code intercom measure}: the real round-trip latency, sound card to sound card, found by
 * sending bursts of a sweep and cross-correlating what comes back.
 */
@Command(name = "measure", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Measures the real round-trip latency, to the frame.",
            "It sends bursts of a sweep and finds them in what comes back (cross-correlation); round trips",
            "up to 500 ms are measured.",
            "  intercom measure --peer reflector.local:5004       (the other side runs 'intercom reflect')",
            "  intercom measure --local --input 2 --output 2      (a cable from output to input, or a monitor)",
            "Prints each measurement, a line beginning 'round trip:' with min/median/p95/max, and for --peer",
            "the split: the network (RTCP), our jitter buffer, the rest."},
        footer = {"", "Exit status: 0 measured, 1 nothing came back or a runtime failure, 2 bad flag."})
final class MeasureCommand implements Callable<Integer> {

    /** Silence before the first burst over the network: the jitter buffers start and settle. */
    static final double PEER_LEAD_MS = 2_000;
    /**
     * Silence before the first burst on one card: the devices start. Through PulseAudio the first
     * second's round trips still jump by hundreds of milliseconds while the streams settle.
     */
    static final double LOCAL_LEAD_MS = 1_500;
    /** Burst spacing, and so the longest round trip measured. */
    static final double PERIOD_MS = 500;

    @Spec
    CommandSpec spec;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "The reflecting peer ('intercom reflect').")
    String peer;

    @Option(names = "--local",
            description = "No network: play on --output and record --input, through a loop outside the program.")
    boolean local;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT",
            description = "With --peer: local UDP port; 0 = any free port (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--count", paramLabel = "N", description = "Measurements, 1..1000 (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--level", paramLabel = "DBFS",
            description = "Peak level of the sweep, -60..0 dBFS (default: ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--input", paramLabel = "SPEC",
            description = "With --local: the card's input, default | device index or name (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--output", paramLabel = "SPEC",
            description = "With --local: the card's output, default | device index or name (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--device-buffer", paramLabel = "auto|MS",
            description = "With --local: the card's line buffer, as for a peer (default: ${DEFAULT-VALUE}).")
    String deviceBuffer;

    @Option(names = "--stats-file", paramLabel = "PATH",
            description = "Write one CSV row per measurement here: " + MeasurementReport.CSV_HEADER + ".")
    Path statsFile;

    @Mixin
    PlayoutOptions playout;

    @Mixin
    SecurityOptions security;

    @Mixin
    CodecOptions codec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if ((peer == null) == !local) {
            throw new ParameterException(spec.commandLine(), "give either --peer HOST:PORT (a peer running "
                    + "'intercom reflect') or --local (a loop from --output to --input on this machine)");
        }
        if (count < 1 || count > BurstPlan.MAX_COUNT) {
            throw new ParameterException(spec.commandLine(), "--count must be 1.." + BurstPlan.MAX_COUNT + ", got " + count);
        }
        if (!(level >= -60 && level <= 0)) {
            throw new ParameterException(spec.commandLine(), "--level must be -60..0 dBFS, got " + level);
        }
        if (!local) {
            for (String deviceFlag : new String[] {"--input", "--output", "--device-buffer"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(deviceFlag)) {
                    throw new ParameterException(spec.commandLine(), deviceFlag + " is used only with --local; with "
                            + "--peer the bursts are captured and recorded inside the program");
                }
            }
        }
        SessionConfig.Builder builder = playout.applyTo(SessionConfig.builder()).input(input).output(output)
                .deviceBuffer(deviceBuffer).statsIntervalSeconds(0);
        security.applyTo(builder);
        codec.applyTo(builder);
        PrintWriter out = spec.commandLine().getOut();
        if (local) {
            SessionConfig config = builder.build();
            BurstPlan plan = BurstPlan.of(config.format(), LOCAL_LEAD_MS, PERIOD_MS, count);
            AudioOutput speaker = AudioEndpoints.openOutput(config, NanoClock.SYSTEM, false);
            AudioInput microphone;
            try {
                microphone = AudioEndpoints.openInput(config, NanoClock.SYSTEM, false);
            } catch (RuntimeException e) {
                speaker.close();
                throw e;
            }
            out.printf("measuring %s -> %s: %d bursts, one every %.0f ms%n", speaker.describe(),
                    microphone.describe(), count, PERIOD_MS);
            RoundTripStats stats = report(out, LocalMeasurement.run(speaker, microphone, plan, level),
                    config.format().sampleRate());
            out.println(MeasurementReport.deviceLatencyAdvice(stats.median()));
            return 0;
        }
        SessionConfig config = builder.peer(peer).listen(listen).build();
        BurstPlan plan = BurstPlan.of(config.format(), PEER_LEAD_MS, PERIOD_MS, count);
        out.printf("measuring the round trip through %s: %d bursts, one every %.0f ms%n", peer, count, PERIOD_MS);
        out.flush();
        PeerMeasurement.Result result = PeerMeasurement.run(config, plan, level, NanoClock.SYSTEM);
        RoundTripStats stats = report(out, result.measurements(), config.format().sampleRate());
        out.println(MeasurementReport.split(stats.median(), result.summary()));
        return 0;
    }

    /** Prints each measurement, writes the CSV, then the summary (which throws if nothing came back). */
    private RoundTripStats report(PrintWriter out, List<Measurement> measurements, int sampleRate) {
        measurements.forEach(m -> out.println(MeasurementReport.line(m)));
        if (statsFile != null) {
            MeasurementReport.writeCsv(statsFile, measurements);
        }
        out.flush();
        String summary = MeasurementReport.summary(measurements, sampleRate);
        out.println(summary);
        return RoundTripStats.of(measurements);
    }
}
