package dev.intercom.cli;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.audio.file.WavFiles;
import dev.intercom.audio.file.WavInfo;
import dev.intercom.problem.ConfigException;
import dev.intercom.config.SessionConfig;
import dev.intercom.session.Session;
import dev.intercom.time.NanoClock;
import dev.intercom.trace.SimulationResult;
import dev.intercom.trace.Trace;
import dev.intercom.trace.TraceSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intercom simulate}: replay a recorded trace through the jitter buffer in virtual time. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Replay a packet trace through the jitter buffer, concealment and drift code in virtual time.",
            "Traces come from 'intercom --record-trace FILE' (or traces/ in the repository). Prints a CSV header",
            "and one row: packets, losses, late packets and the buffering delay above the fastest packet."})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trace", paramLabel = "FILE", description = "The trace: seq,send_time_ms,arrival_time_ms rows.")
    Path trace;

    @Mixin
    PlayoutOptions playout;

    @Option(names = "--audio", paramLabel = "IN.wav", description = "Audio the packets carry (its channels are used).")
    Path audio;

    @Option(names = "--out", paramLabel = "OUT.wav", description = "Write what a listener would have heard.")
    Path out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (trace == null) {
            throw new ParameterException(spec.commandLine(), "--trace FILE is required, e.g. --trace traces/wifi.csv");
        }
        short[] samples = null;
        int channels = 1;
        if (audio != null) {
            WavInfo info = readInfo(audio);
            if (info.sampleRate() != playout.rate) {
                throw new ConfigException("--audio", audio + " is " + info.sampleRate() + " Hz; run with --rate "
                        + info.sampleRate() + " or convert it (sox in.wav -r " + playout.rate + " out.wav)");
            }
            channels = info.channels();
            samples = WavFiles.readSamples(audio);
        }
        SessionConfig config = playout.applyTo(SessionConfig.builder()).channels(channels)
                .input("silence").output("null").build();
        StreamFormat format = config.format();
        Trace packets = Trace.read(trace);
        requireBlockOfTheTracesPackets(packets, format);
        TraceSimulator simulator = TraceSimulator.of(config, () -> Session.targetPolicy(config));
        SimulationResult result;
        if (out == null) {
            result = simulator.run(packets, samples, null);
        } else {
            WavFileOutput heard = new WavFileOutput(out, format, NanoClock.SYSTEM);
            try {
                result = simulator.run(packets, samples, heard);
            } finally {
                heard.close();
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(SimulationResult.HEADER);
        stdout.println(result.toCsv());
        stdout.flush();
        return 0;
    }

    /**
     * The simulator plays one block per packet of the trace, at the times the trace gives: a
     * block of another size gave nonsense (traces/lan.csv, 2.67 ms packets, at --block 256:
     * 22% late and 44% concealed, where a real peer at block 256 plays a block-64 peer's
     * packets without a loss).
     */
    private static void requireBlockOfTheTracesPackets(Trace packets, StreamFormat format) {
        double packetMs = packets.typicalPacketMs();
        double blockMs = format.blockMillis();
        if (Double.isNaN(packetMs) || Math.abs(packetMs - blockMs) <= 0.02 * blockMs) {
            return;
        }
        long frames = Math.round(packetMs * format.sampleRate() / 1000.0);
        throw new ConfigException("--block", String.format(Locale.ROOT, "the trace's packets are %.3f ms apart (%d frames"
                + " at %d Hz), not one block of %.3f ms, and the simulation plays one block per packet: run with"
                + " --block %d", packetMs, frames, format.sampleRate(), blockMs, frames));
    }

    private static WavInfo readInfo(Path path) {
        try {
            return WavFiles.info(path);
        } catch (IOException e) {
            throw new UncheckedIOException("--audio: cannot read " + path + " (" + e.getMessage() + ")", e);
        }
    }
}
