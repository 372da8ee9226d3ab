package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.audio.file.WavFileInput;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.audio.file.WavFiles;
import dev.intercom.config.SessionConfig;
import dev.intercom.net.TransportException;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.testing.Signals;
import dev.intercom.time.NanoClock;
import dev.intercom.trace.Trace;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two real peers on loopback: real sockets, real threads, audio paced in real time. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TwoPeersTest {

    private static final NanoClock CLOCK = NanoClock.SYSTEM;

    @TempDir
    Path dir;

    private static SessionConfig config(int listen, int peer, int block, double jitterMs, String output) {
        return SessionConfig.builder()
                .listen("127.0.0.1:" + listen)
                .peer("127.0.0.1:" + peer)
                .blockFrames(block)
                .jitterMs(jitterMs)
                .input("silence")
                .output(output)
                .statsIntervalSeconds(0)
                .build();
    }

    @Test
    void aCleanLoopbackDeliversTheSignalBitExact() throws Exception {
        short[] sent = Signals.noise(48_000 * 2 * 2, 7); // two seconds of stereo
        Path heard = dir.resolve("heard.wav");
        // A fixed target: an adaptive one follows the loaded machine's scheduling jitter, and
        // accelerates or expands (by whole pitch periods, but not bit-exact) when it moves.
        SessionSummary atB = sendToB(sent, heard, SessionConfig.builder().jitterMs(20));

        short[] played = WavFiles.readSamples(heard);
        // Align on a stretch from half a second in; the first quarter second of the stream is
        // listened to, not played (its packets come slow while both ends warm up). From the
        // first block played on, everything must be there, bit for bit.
        int probe = 48_000 * 2;
        int offset = Signals.find(played, sent, probe, 256) - probe;
        assertTrue(offset + probe >= 0, "the signal arrived: " + atB.toText());
        int firstPlayed = Signals.firstAbove(played, 1);
        int from = firstPlayed - offset;
        assertTrue(from >= 0 && from <= 48_000 * 2 / 2, "playout began within half a second of the stream: "
                + from / 2 / 48_000.0 + " s");
        assertTrue(played.length - offset >= sent.length, "all of the signal after that was played");
        assertArrayEquals(Arrays.copyOfRange(sent, from, sent.length),
                Arrays.copyOfRange(played, offset + from, offset + sent.length), atB.toText());
        assertEquals(0, atB.totals().lostPackets);
        assertEquals(0, atB.totals().concealedBlocks);
        assertEquals(0, atB.totals().latePackets);
        assertEquals(0, atB.totals().malformedPackets + atB.totals().foreignPackets);
        assertTrue(atB.totals().receivedPackets >= sent.length / (2 * 128));
        // RTCP ran both ways: B knows the round trip to A and what A made of B's stream.
        assertTrue(atB.totals().rttMs >= 0 && atB.totals().rttMs < 50, "rtt " + atB.totals().rttMs);
        assertEquals(atB.totals().rttMs / 2, atB.totals().networkMs, 1e-9);
        assertEquals(0.0, atB.totals().remoteLossPercent);
    }

    /**
     * With {@code --jitter auto} a clean loopback aims a quarter of a millisecond above the
     * fastest packet, so nothing covers a sender that a busy machine holds up for a block or
     * more: its late audio is concealed and the time it added shed later, by design. What the
     * engine must never do is touch audio that came in time. So: bit-exact from the first block
     * played up to the first packet that the recorded arrivals show more than a block late, or
     * the first stall of the machine itself (a real-time thread woken more than a block late,
     * which held up the receiver's playout too: under two busy loops, 1 run in 3 or 4), and on a
     * machine that did neither (a quiet one: the whole signal), nothing concealed or late.
     */
    @Test
    void anAdaptiveTargetPlaysWhatCameInTimeBitExact() throws Exception {
        short[] sent = Signals.noise(48_000 * 2 * 2, 11);
        Path heard = dir.resolve("heard-auto.wav");
        Path arrivals = dir.resolve("arrivals.csv");
        SessionSummary atB;
        long stalledAt;
        try (MachineStalls stalls = MachineStalls.watch(BLOCK_NANOS)) {
            atB = sendToB(sent, heard, SessionConfig.builder().jitter("auto").recordTrace(arrivals));
            stalledAt = stalls.firstStallNanos();
        }

        short[] played = WavFiles.readSamples(heard);
        int firstPlayed = Signals.firstAbove(played, 1);
        assertTrue(firstPlayed >= 0, "the signal arrived: " + atB.toText());
        int from = Signals.find(sent, played, firstPlayed, 256); // where in the signal playout began
        assertTrue(from >= 0 && from <= 48_000 * 2 / 2, "playout began, on a block of the signal, within half a"
                + " second of the stream: " + from / 2 / 48_000.0 + " s; " + atB.toText());
        int upTo = Math.min(sent.length, firstHeldUpSample(Trace.read(arrivals), from, 2));
        if (stalledAt != Long.MAX_VALUE) {
            // B's output started before startPeer returned: this reckons the stall's sample early, never late.
            long playedAtStall = (stalledAt - bStartedNanos) * 48_000 / 1_000_000_000L * 2 - 2 * 128 * 2;
            upTo = (int) Math.max(from, Math.min(upTo, from + playedAtStall - firstPlayed));
        }
        assertArrayEquals(Arrays.copyOfRange(sent, from, upTo),
                Arrays.copyOfRange(played, firstPlayed, firstPlayed + upTo - from),
                "bit-exact from " + from / 2 / 48_000.0 + " s to " + upTo / 2 / 48_000.0 + " s; " + atB.toText());
        if (upTo == sent.length) {
            assertEquals(0, atB.totals().concealedBlocks, atB.toText());
            assertEquals(0, atB.totals().latePackets, atB.toText());
        }
    }

    /**
     * @return the first sample of the first packet, from {@code fromSample} on, that arrived
     *     more than a 128-frame block later than the fastest packet; MAX_VALUE if none did
     */
    private static int firstHeldUpSample(Trace arrivals, int fromSample, int channels) {
        double fastest = arrivals.minTransitMs();
        double blockMs = 128 / 48.0;
        for (int i = 0; i < arrivals.packets(); i++) {
            int sample = (int) Math.round(arrivals.sendMs()[i] * 48) * channels;
            if (sample >= fromSample && arrivals.arrivalMs()[i] - arrivals.sendMs()[i] - fastest > blockMs) {
                return sample;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * Peer A sends {@code sent} (48 kHz stereo, 128-frame blocks) to peer B, which plays it into
     * {@code heard} with the playout settings in {@code receiver}.
     *
     * @return B's summary
     */
    /** When {@link #sendToB} had started B, on {@link System#nanoTime()}. */
    private long bStartedNanos;

    private static final long BLOCK_NANOS = 128 * 1_000_000_000L / 48_000;

    private SessionSummary sendToB(short[] sent, Path heard, SessionConfig.Builder receiver) throws Exception {
        StreamFormat format = new StreamFormat(48_000, 2, 128);
        Path source = dir.resolve("sent-" + heard.getFileName());
        WavFiles.write(source, 48_000, 2, sent);
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        SessionConfig configB = receiver.listen("127.0.0.1:" + portB).peer("127.0.0.1:" + portA)
                .channels(2).input("silence").output("file:" + heard).statsIntervalSeconds(0).build();
        SessionConfig configA = SessionConfig.builder().listen("127.0.0.1:" + portA).peer("127.0.0.1:" + portB)
                .channels(2).input("file:" + source).output("null").statsIntervalSeconds(0).build();
        Session b = Session.startPeer(configB, new SilenceInput(format, CLOCK),
                new WavFileOutput(heard, format, CLOCK), CLOCK);
        bStartedNanos = System.nanoTime();
        try {
            Session a = Session.startPeer(configA, new WavFileInput(source, format, CLOCK),
                    new NullOutput(format, CLOCK), CLOCK);
            try {
                // 2 s of signal, and time for a second RTCP report each way: the first reports
                // (at 0.25..0.75 s) may cross before either side has a sender report to answer.
                a.awaitEnd(Optional.of(Duration.ofMillis(3_500)));
                return b.stop();
            } finally {
                a.stop();
            }
        } finally {
            b.stop();
        }
    }

    /**
     * A peer that ends its session says so (RTCP BYE): the other plays its stream to the end,
     * fades it out and goes quiet, with no outage counted. Before, it concealed the silence until
     * its buffer went idle: an underrun and 15 concealed blocks here.
     */
    @Test
    void aPeerThatLeavesEndsItsStreamWithoutAnOutage() throws Exception {
        StreamFormat format = new StreamFormat(48_000, 1, 128);
        Path heard = dir.resolve("left.wav");
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        SessionConfig configB = config(portB, portA, 128, 40, "file:" + heard);
        SessionConfig configA = SessionConfig.builder().listen("127.0.0.1:" + portA).peer("127.0.0.1:" + portB)
                .blockFrames(128).input("tone:440").output("null").statsIntervalSeconds(0).build();
        Session b = Session.startPeer(configB, new SilenceInput(format, CLOCK), new WavFileOutput(heard, format, CLOCK),
                CLOCK);
        SessionSummary atB;
        try {
            Session a = Session.startPeer(configA, new ToneInput(format, 440, CLOCK), new NullOutput(format, CLOCK),
                    CLOCK);
            a.awaitEnd(Optional.of(Duration.ofMillis(1_500)));
            a.stop();
            Thread.sleep(1_500); // three times what B's buffer took to go idle through concealment
            atB = b.stop();
        } finally {
            b.stop();
        }
        assertEquals(0, atB.totals().underruns, atB.toText());
        assertEquals(0, atB.totals().concealedBlocks, atB.toText());
        short[] played = WavFiles.readSamples(heard);
        int end = played.length;
        while (end > 0 && played[end - 1] == 0) {
            end--;
        }
        assertTrue(end > 48_000, "the tone was heard: " + end);
        // The tone's own largest step is 0.058 of its peak; the fade's last block may not jump more.
        int peak = 0;
        int jump = 0;
        for (int i = end - 4 * 128; i < end; i++) {
            peak = Math.max(peak, Math.abs(played[i]));
            jump = Math.max(jump, Math.abs(played[i + 1] - played[i]));
        }
        assertTrue(jump <= 0.07 * peak, "faded out, no click: a step of " + jump + " at a peak of " + peak);
    }

    @Test
    void aPeerTalkingToItselfHearsItself() throws Exception {
        StreamFormat format = new StreamFormat(48_000, 1, 64);
        Path heard = dir.resolve("self.wav");
        int port = FreePorts.udp();
        SessionConfig config = SessionConfig.builder().listen("127.0.0.1:" + port).peer("127.0.0.1:" + port).blockFrames(64).jitterMs(3).input("tone:1000").output("file:" + heard).statsIntervalSeconds(0.2).build();
        Session self = Session.startPeer(config, new ToneInput(format, 1000, CLOCK),
                new WavFileOutput(heard, format, CLOCK), CLOCK);
        self.awaitEnd(Optional.of(Duration.ofMillis(1_000)));
        SessionSummary summary = self.stop();

        short[] played = WavFiles.readSamples(heard);
        int start = Signals.firstAbove(played, 1000);
        // The first quarter second of the stream is listened to (its packets come slow while
        // the code warms up), then the tone must come back within 100 ms.
        assertTrue(start >= 0 && start < 48_000 * 35 / 100, "the tone came back within 350 ms, at " + start);
        assertTrue(Signals.rms(played, start, played.length - 64) > 0.25 * 32767 / Math.sqrt(2) * 0.9,
                "and kept coming at full level");
        assertTrue(summary.totals().receivedPackets > 600);
        assertEquals(summary.totals().sentPackets, summary.totals().receivedPackets);
    }

    @Test
    void aBusyPortIsReportedWithWhatToDo() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            StreamFormat format = new StreamFormat(48_000, 1, 128);
            SessionConfig config = config(port, port, 128, 20, "null");
            TransportException e = assertThrows(TransportException.class, () -> Session.startPeer(config,
                    new ToneInput(format, 440, CLOCK), new NullOutput(format, CLOCK), CLOCK));
            assertTrue(e.getMessage().contains("UDP port " + port + " is already in use"), e.getMessage());
            assertTrue(e.getMessage().contains("--listen"), e.getMessage());
        }
    }

    @Test
    void anUnknownPeerHostIsReportedByName() {
        StreamFormat format = new StreamFormat(48_000, 1, 128);
        SessionConfig config = SessionConfig.builder().peer("no-such-host.invalid:5004").listen("0")
                .input("silence").output("null").build();
        TransportException e = assertThrows(TransportException.class, () -> Session.startPeer(config,
                new ToneInput(format, 440, CLOCK), new NullOutput(format, CLOCK), CLOCK));
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    @Test
    void ipv6LoopbackWorks() throws Exception {
        StreamFormat format = new StreamFormat(48_000, 1, 128);
        Path heard = dir.resolve("v6.wav");
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            port = probe.getLocalPort();
        }
        SessionConfig config = SessionConfig.builder().listen("[::1]:" + port).peer("[::1]:" + port)
                .input("tone:440").output("file:" + heard).statsIntervalSeconds(0).build();
        Session self = Session.startPeer(config, new ToneInput(format, 440, CLOCK),
                new WavFileOutput(heard, format, CLOCK), CLOCK);
        self.awaitEnd(Optional.of(Duration.ofMillis(500)));
        SessionSummary summary = self.stop();
        assertTrue(summary.totals().receivedPackets > 100, summary.toText());
        assertTrue(Files.size(heard) > 44);
    }
}
