package dev.intercom.audio.pulse;

import dev.intercom.audio.HiddenLatency;
import dev.intercom.thread.IntercomThread;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.concurrent.TimeUnit;

/**
 * Asks the sound server, every few seconds, how long it holds this process's audio beyond what
 * the ALSA lines show, so that the logged latency is the one a listener hears. Through the ALSA
 * pulse plugin the capture line shows only what has reached the client, and the playback line's
 * position moves when the server takes audio, not when the card plays it. Measured on PulseAudio
 * 16 with null sinks (block 128): the sink held 0.2-2.6 ms of our stream,
 * and the logged latency read 4 ms under the heard one without them.
 *
 * <p>What it adds: for capture, the source output's {@code Source Latency} (audio in the source
 * not yet recorded); for playback, the sink input's {@code Sink Latency} (audio the sink took and
 * has not played). Not the streams' {@code Buffer Latency}: on the capture side that is the
 * fragment the server fills before it sends it, which is the block's own duration (or, when a
 * fragment holds several blocks, what the capture line's fill already shows); on the playback side
 * the line's position already counts the server's buffer as queued.
 *
 * <p>On PipeWire, whose Pulse layer reports 0 usec for all of these, it adds what the graph
 * holds instead, from the quantum Q the stream runs at ({@code node.latency}, see {@link
 * #pipeWireCaptureMs} and {@link #pipeWirePlaybackMs}).
 *
 * <p>Runs {@code pactl} on a daemon thread of its own at normal priority, never on an audio thread.
 */
public final class ServerLatencyWatch implements HiddenLatency {

    /** How often to ask: each question starts a process (a few milliseconds of CPU). */
    private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * Answers the figure is the median of. A sink's latency is a sawtooth (it renders ahead in
     * chunks and plays them out): one look reads anything from 0.2 to 4 ms at block 256, and a
     * look while a stream starts can catch a sink still at its idle latency (measured: a
     * playback figure of 63 ms for 10 s at block 128 from one such look in a mean of five).
     */
    private static final int LOOKS = 5;
    /** The first question, once the streams have started and the sinks settled. */
    private static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    private final SoundServer server;
    private final long pid;
    private final double blockMs;
    private final Thread thread;
    private final RecentMedian capture = new RecentMedian(LOOKS);
    private final RecentMedian playback = new RecentMedian(LOOKS);
    private volatile double captureMs = Double.NaN;
    private volatile double playbackMs = Double.NaN;
    private volatile boolean closed;

    private ServerLatencyWatch(SoundServer server, long pid, double blockMs) {
        this.server = server;
        this.blockMs = blockMs;
        this.pid = pid;
        this.thread = IntercomThread.SERVER_LATENCY.newThread(this::run);
    }

    /**
     * @param blockMs the session's block, in milliseconds (on PipeWire the capture side's share
     *                depends on it)
     * @return a watch asking the sound server about this process's streams, started; or
     *     {@link HiddenLatency#NONE} when {@code pactl} is not installed
     */
    public static HiddenLatency start(double blockMs) {
        return SoundServer.find().<HiddenLatency>map(server -> {
            ServerLatencyWatch watch = new ServerLatencyWatch(server, ProcessHandle.current().pid(), blockMs);
            watch.thread.start();
            return watch;
        }).orElse(HiddenLatency.NONE);
    }

    private void run() {
        long wait = FIRST_NANOS;
        while (!closed) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = PERIOD_NANOS;
            if (!poll()) {
                return; // no server to ask: the lines are what there is
            }
        }
    }

    /** @return whether the server answered */
    private boolean poll() {
        var outputs = server.listing("source-outputs");
        var inputs = server.listing("sink-inputs");
        if (outputs.isEmpty() || inputs.isEmpty()) {
            return false;
        }
        OptionalDouble graphQuantum = graphQuantumMs(StreamLatencyListing.quantumMillis(outputs.get(), pid),
                StreamLatencyListing.quantumMillis(inputs.get(), pid));
        captureMs = capture.add(plus(StreamLatencyListing.millis(outputs.get(), pid, List.of("Source Latency")),
                graphQuantum, q -> pipeWireCaptureMs(q, blockMs)));
        playbackMs = playback.add(plus(StreamLatencyListing.millis(inputs.get(), pid, List.of("Sink Latency")),
                graphQuantum, ServerLatencyWatch::pipeWirePlaybackMs));
        return true;
    }

    /**
     * The quantum PipeWire's graph runs at, as far as our streams tell: the smallest that one of
     * them asked for ({@code node.latency}), since the graph runs at the smallest latency its nodes
     * ask for. Not each stream's own: a playback line that grew from 13.33 to 21.33 ms asked for
     * 10.67 ms while capture kept 5.33 ms and the graph with it, and the logged latency read
     * 5-8 ms over the heard one for as long as that stream's figure was taken.
     *
     * @return empty when neither stream names a quantum (PulseAudio)
     */
    static OptionalDouble graphQuantumMs(OptionalDouble captureQuantumMs, OptionalDouble playbackQuantumMs) {
        if (captureQuantumMs.isEmpty()) {
            return playbackQuantumMs;
        }
        if (playbackQuantumMs.isEmpty()) {
            return captureQuantumMs;
        }
        return OptionalDouble.of(Math.min(captureQuantumMs.getAsDouble(), playbackQuantumMs.getAsDouble()));
    }

    /** @return what the server reported, plus the graph's share when it runs a quantum (PipeWire) */
    private static OptionalDouble plus(OptionalDouble reported, OptionalDouble quantumMs, DoubleUnaryOperator share) {
        if (reported.isEmpty() || quantumMs.isEmpty()) {
            return reported;
        }
        return OptionalDouble.of(reported.getAsDouble() + share.applyAsDouble(quantumMs.getAsDouble()));
    }

    /**
     * What PipeWire's graph holds of a capture stream beyond the line: the graph hands a stream a
     * whole quantum once per cycle, so when the quantum is longer than a block, the quantum's
     * first block is older by the rest of it than the line's fill shows. None when a block is a
     * quantum or more.
     *
     * @param quantumMs the quantum the stream runs at ({@code node.latency})
     * @param blockMs   the session's block
     */
    static double pipeWireCaptureMs(double quantumMs, double blockMs) {
        return Math.max(0, quantumMs - blockMs);
    }

    /**
     * What PipeWire's graph holds of a playback stream beyond the line: each cycle takes a
     * quantum from the stream's buffer at its start, and the line's position counts it as played
     * then, a quantum before the sink has rendered it. Measured on PipeWire 0.3.65 (quantum 256
     * frames, 5.33 ms) in the sound-stack tier, before either share was added: the logged
     * latency read 9.3 / 7.9 / 5.4 ms under the heard one at blocks 64 / 128 / 256 as a peer, and
     * 8.6 / 8.1 ms at 64 / 128 in loopback; a quantum plus the capture share is 9.3 / 8.0 / 5.3 ms.
     */
    static double pipeWirePlaybackMs(double quantumMs) {
        return quantumMs;
    }

    @Override
    public double captureMs() {
        return captureMs;
    }

    @Override
    public double playbackMs() {
        return playbackMs;
    }

    /** Stops asking; a question under way is left to finish on its daemon thread. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
