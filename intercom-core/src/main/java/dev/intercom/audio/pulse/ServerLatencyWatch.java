package dev.intercom.audio.pulse;

import dev.intercom.audio.HiddenLatency;
import java.util.List;
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
    private final Thread thread;
    private final RecentMedian capture = new RecentMedian(LOOKS);
    private final RecentMedian playback = new RecentMedian(LOOKS);
    private volatile double captureMs = Double.NaN;
    private volatile double playbackMs = Double.NaN;
    private volatile boolean closed;

    private ServerLatencyWatch(SoundServer server, long pid) {
        this.server = server;
        this.pid = pid;
        this.thread = new Thread(this::run, "intercom-server-latency");
        thread.setDaemon(true);
    }

    /**
     * @return a watch asking the sound server about this process's streams, started; or
     *     {@link HiddenLatency#NONE} when {@code pactl} is not installed
     */
    public static HiddenLatency start() {
        return SoundServer.find().<HiddenLatency>map(server -> {
            ServerLatencyWatch watch = new ServerLatencyWatch(server, ProcessHandle.current().pid());
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
        captureMs = capture.add(StreamLatencyListing.millis(outputs.get(), pid, List.of("Source Latency")));
        playbackMs = playback.add(StreamLatencyListing.millis(inputs.get(), pid, List.of("Sink Latency")));
        return true;
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
