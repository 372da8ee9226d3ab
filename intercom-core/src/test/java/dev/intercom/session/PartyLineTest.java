package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.RecordingOutput;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.audio.file.WavFileInput;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.audio.file.WavFiles;
import dev.intercom.config.SessionConfig;
import dev.intercom.stats.SessionSummary;
import dev.intercom.stats.StatsRow;
import dev.intercom.testing.FreePorts;
import dev.intercom.testing.Signals;
import dev.intercom.time.NanoClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Party lines on loopback: real sockets, real threads, tones paced in real time. Each peer sends
 * its own tone to every other; what each one plays must be the others' tones at the level they
 * were sent, and never its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartyLineTest {

    private static final NanoClock CLOCK = NanoClock.SYSTEM;
    private static final int RATE = 48_000;
    /**
     * 10 ms blocks: four sessions in one test JVM on a shared two-core machine wake 100 times a
     * second each rather than 375; the cost of block 128 is what {@code PartyLineCost} measures.
     */
    private static final StreamFormat FORMAT = new StreamFormat(RATE, 1, 480);
    /** Each peer's tone sits on an FFT bin of its own: 468.75, 750, 1125 and 1500 Hz. */
    private static final int[] BINS = {80, 128, 192, 256};
    private static final double SENT_DBFS = 20 * Math.log10(ToneInput.AMPLITUDE / 32_768.0);
    /** A level read off a played tone: concealment and time-scaling cost it a little, never more. */
    private static final double LEVEL_TOLERANCE_DB = 2;
    /** What counts as absent: far below the tones, far above a 16-bit noise floor. */
    private static final double ABSENT_BELOW_DB = SENT_DBFS - 40;
    private static final int RECORDED_FRAMES = RATE * 16;

    @TempDir
    Path dir;

    /** One running peer of the party, and when its output started (frame 0 of its recording). */
    private record Member(Session session, RecordingOutput heard, long startNanos) {

        /** @return the recording's first frame of a transform that starts {@code atNanos} */
        int frameAt(long atNanos) {
            return (int) ((atNanos - startNanos) * RATE / 1_000_000_000L);
        }
    }

    private SessionConfig config(int[] ports, int self, Path csv) {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            if (i != self) {
                others.add("127.0.0.1:" + ports[i]);
            }
        }
        return SessionConfig.builder().listen("127.0.0.1:" + ports[self]).peer(others).blockFrames(FORMAT.blockFrames())
                .input("tone:" + ToneLevels.binHz(BINS[self], RATE)).output("null")
                .statsIntervalSeconds(0.25).statsFile(csv).build();
    }

    private Member start(int[] ports, int self, Path csv) {
        RecordingOutput heard = new RecordingOutput(FORMAT, CLOCK, RECORDED_FRAMES);
        long start = System.nanoTime();
        Session session = Session.startPeer(config(ports, self, csv),
                new ToneInput(FORMAT, ToneLevels.binHz(BINS[self], RATE), CLOCK), heard, CLOCK);
        return new Member(session, heard, start);
    }

    @Test
    void fourPeersEachHearTheOtherThreeAndADeadOneIsShownSilentAndComesBack() throws Exception {
        int[] ports = new int[4];
        Path[] csv = new Path[4];
        for (int i = 0; i < 4; i++) {
            ports[i] = FreePorts.udp();
            csv[i] = dir.resolve("peer" + i + ".csv");
        }
        Member[] members = new Member[4];
        Member restarted = null;
        long killed;
        long back;
        long end;
        try {
            for (int i = 0; i < 4; i++) {
                members[i] = start(ports, i, csv[i]);
            }
            Thread.sleep(5_000);
            members[3].session().stop();
            killed = System.nanoTime();
            awaitSilent(csv[0], "127.0.0.1:" + ports[3], (killed - members[0].startNanos()) / 1e9);
            Thread.sleep(3_000);
            restarted = start(ports, 3, dir.resolve("peer3-again.csv"));
            back = System.nanoTime();
            Thread.sleep(4_000);
            end = System.nanoTime();
        } finally {
            for (Member m : members) {
                if (m != null) {
                    m.session().stop();
                }
            }
            if (restarted != null) {
                restarted.session().stop();
            }
        }

        // Each stretch is judged by its median level, from well after what began it to just
        // before what ended it: four sessions warming up at once on a busy machine stall now and then.
        long settle = TimeUnit.MILLISECONDS.toNanos(1_500);
        long margin = TimeUnit.MILLISECONDS.toNanos(300);
        for (int i = 0; i < 3; i++) {
            Member m = members[i];
            short[] heard = m.heard().recording();
            int[] together = {m.frameAt(m.startNanos() + settle + TimeUnit.SECONDS.toNanos(1)), m.frameAt(killed - margin)};
            int[] without = {m.frameAt(killed + TimeUnit.MILLISECONDS.toNanos(800)), m.frameAt(back - margin)};
            int[] again = {m.frameAt(back + settle), m.frameAt(end - margin)};
            for (int j = 0; j < 4; j++) {
                double all = ToneLevels.medianDbfs(heard, together[0], together[1], BINS[j]);
                double three = ToneLevels.medianDbfs(heard, without[0], without[1], BINS[j]);
                double four = ToneLevels.medianDbfs(heard, again[0], again[1], BINS[j]);
                if (i == j) {
                    // Its own tone, never: not from the mix, not from anyone sending it back.
                    for (double level : new double[] {all, three, four}) {
                        assertTrue(level < ABSENT_BELOW_DB, "peer " + i + " hears its own tone at " + level + " dBFS");
                    }
                } else if (j == 3) {
                    assertEquals(SENT_DBFS, all, LEVEL_TOLERANCE_DB, "peer " + i + " hears peer 3");
                    assertTrue(three < ABSENT_BELOW_DB, "peer " + i + " still plays the dead peer 3 at " + three);
                    assertEquals(SENT_DBFS, four, LEVEL_TOLERANCE_DB, "peer " + i + " hears the restarted peer 3");
                } else {
                    assertEquals(SENT_DBFS, all, LEVEL_TOLERANCE_DB, "peer " + i + " hears peer " + j);
                    assertEquals(SENT_DBFS, three, LEVEL_TOLERANCE_DB, "after peer 3 died, peer " + i + " hears " + j);
                    assertEquals(SENT_DBFS, four, LEVEL_TOLERANCE_DB, "after peer 3 came back, peer " + i + " hears " + j);
                }
            }
        }
        // The dead peer, while it lived, heard the other three and not itself.
        Member dead = members[3];
        short[] heardByDead = dead.heard().recording();
        for (int j = 0; j < 4; j++) {
            double level = ToneLevels.medianDbfs(heardByDead, dead.frameAt(dead.startNanos() + settle),
                    dead.frameAt(killed - margin), BINS[j]);
            if (j == 3) {
                assertTrue(level < ABSENT_BELOW_DB, "peer 3 hears its own tone at " + level + " dBFS");
            } else {
                assertEquals(SENT_DBFS, level, LEVEL_TOLERANCE_DB, "peer 3 hears peer " + j);
            }
        }
        List<String[]> rows = rows(csv[0]);
        String[] last = rows.get(rows.size() - 1);
        int peerColumn = column("peer");
        assertEquals(3, rows.stream().filter(r -> Double.parseDouble(r[0]) == Double.parseDouble(last[0])).count(),
                "one row per peer per interval");
        for (String[] r : rows.subList(rows.size() - 3, rows.size())) {
            assertEquals("0", r[column("peer_silent")], "every peer talks at the end: " + String.join(",", r));
            assertTrue(Double.parseDouble(r[column("peer_rms_dbfs")]) > SENT_DBFS - 6,
                    "each peer's received level shows it talking: " + String.join(",", r));
        }
        assertTrue(rows.stream().anyMatch(r -> r[peerColumn].equals("127.0.0.1:" + ports[3])));
    }

    @Test
    void withTwoPeersAndOneSilentTheMixIsBitExactToTheOneThatTalks() throws Exception {
        StreamFormat format = new StreamFormat(RATE, 1, 128);
        short[] sent = Signals.noise(RATE * 2, 11); // two seconds of full-band noise
        Path source = dir.resolve("sent.wav");
        Path heard = dir.resolve("heard.wav");
        WavFiles.write(source, RATE, 1, sent);
        int talker = FreePorts.udp();
        int quiet = FreePorts.udp();
        int listener = FreePorts.udp();
        // A fixed target: an adaptive one follows a loaded machine's scheduling jitter and
        // time-scales (by whole pitch periods, but not bit-exact) when it moves.
        SessionConfig configR = SessionConfig.builder().listen("127.0.0.1:" + listener)
                .peer(List.of("127.0.0.1:" + talker, "127.0.0.1:" + quiet)).jitterMs(20).input("silence")
                .output("file:" + heard).statsIntervalSeconds(0).build();
        Session r = Session.startPeer(configR, new SilenceInput(format, CLOCK), new WavFileOutput(heard, format, CLOCK),
                CLOCK);
        SessionSummary atR;
        try {
            Session s = Session.startPeer(SessionConfig.builder().listen("127.0.0.1:" + quiet)
                    .peer("127.0.0.1:" + listener).input("silence").output("null").statsIntervalSeconds(0).build(),
                    new SilenceInput(format, CLOCK), new NullOutput(format, CLOCK), CLOCK);
            try {
                Session a = Session.startPeer(SessionConfig.builder().listen("127.0.0.1:" + talker)
                        .peer("127.0.0.1:" + listener).input("file:" + source).output("null")
                        .statsIntervalSeconds(0).build(), new WavFileInput(source, format, CLOCK),
                        new NullOutput(format, CLOCK), CLOCK);
                try {
                    a.awaitEnd(Optional.of(Duration.ofMillis(3_000)));
                    atR = r.stop();
                } finally {
                    a.stop();
                }
            } finally {
                s.stop();
            }
        } finally {
            r.stop();
        }

        assertEquals(2, atR.peers().size(), atR.toText());
        StatsRow fromTalker = atR.peers().get(0);
        StatsRow fromQuiet = atR.peers().get(1);
        assertTrue(fromQuiet.receivedPackets > 500, "the silent peer's stream of zeros arrived: " + atR.toText());
        assertEquals(0, fromTalker.lostPackets + fromTalker.latePackets + fromTalker.concealedBlocks, atR.toText());
        short[] played = WavFiles.readSamples(heard);
        int probe = RATE;
        int offset = Signals.find(played, sent, probe, 256) - probe;
        assertTrue(offset + probe >= 0, "the signal arrived: " + atR.toText());
        int from = Signals.firstAbove(played, 1) - offset;
        assertTrue(from >= 0 && from <= RATE / 2, "playout began within half a second of the stream: " + from);
        assertTrue(played.length - offset >= sent.length, "all of the signal after that was played");
        assertArrayEquals(Arrays.copyOfRange(sent, from, sent.length),
                Arrays.copyOfRange(played, offset + from, offset + sent.length), atR.toText());
        assertEquals(0, atR.totals().mixLimitedSamples, "a peer of zeros adds nothing to saturate");
    }

    @Test
    void selfTalkAmongOthersHearsItselfAndTheOthers() throws Exception {
        int self = FreePorts.udp();
        int other = FreePorts.udp();
        RecordingOutput heardBySelf = new RecordingOutput(FORMAT, CLOCK, RATE * 6);
        RecordingOutput heardByOther = new RecordingOutput(FORMAT, CLOCK, RATE * 6);
        double selfHz = ToneLevels.binHz(BINS[0], RATE);
        double otherHz = ToneLevels.binHz(BINS[1], RATE);
        // --peer localhost:PORT of our own port among the others: we hear ourselves in the mix.
        Session a = Session.startPeer(SessionConfig.builder().listen("127.0.0.1:" + self)
                .peer(List.of("localhost:" + self, "127.0.0.1:" + other)).blockFrames(FORMAT.blockFrames())
                .input("tone:" + selfHz).output("null").statsIntervalSeconds(0).build(),
                new ToneInput(FORMAT, selfHz, CLOCK), heardBySelf, CLOCK);
        try {
            Session b = Session.startPeer(SessionConfig.builder().listen("127.0.0.1:" + other)
                    .peer("127.0.0.1:" + self).blockFrames(FORMAT.blockFrames()).input("tone:" + otherHz)
                    .output("null").statsIntervalSeconds(0).build(),
                    new ToneInput(FORMAT, otherHz, CLOCK), heardByOther, CLOCK);
            try {
                a.awaitEnd(Optional.of(Duration.ofMillis(4_000)));
            } finally {
                b.stop();
            }
        } finally {
            a.stop();
        }
        short[] mix = heardBySelf.recording();
        int from = RATE * 3 / 2;
        int to = RATE * 7 / 2;
        assertEquals(SENT_DBFS, ToneLevels.medianDbfs(mix, from, to, BINS[0]), LEVEL_TOLERANCE_DB, "we hear ourselves");
        assertEquals(SENT_DBFS, ToneLevels.medianDbfs(mix, from, to, BINS[1]), LEVEL_TOLERANCE_DB, "and the other");
        short[] other1 = heardByOther.recording();
        assertEquals(SENT_DBFS, ToneLevels.medianDbfs(other1, from, to, BINS[0]), LEVEL_TOLERANCE_DB,
                "the other hears us once: one stream, not two");
        assertTrue(ToneLevels.medianDbfs(other1, from, to, BINS[1]) < ABSENT_BELOW_DB, "and not itself");
    }

    /**
     * Waits (at most 5 s) for the statistics to show {@code peer} as silent, and checks that the
     * row doing so was sampled within 2 s of the peer's death on the session's own time scale.
     *
     * @param killedAt when the peer stopped, in seconds since the watching session started (its
     *                 reporter starts a moment later, so its row times read a little early: in the
     *                 watched peer's favour by milliseconds, against it by nothing)
     */
    private static void awaitSilent(Path csv, String peer, double killedAt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (String[] r : rows(csv)) {
                double at = Double.parseDouble(r[0]);
                if (r[column("peer")].equals(peer) && r[column("peer_silent")].equals("1") && at > killedAt) {
                    assertTrue(at - killedAt <= 2.0, "silent shown " + (at - killedAt) + " s after the peer died");
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the dead peer " + peer + " was never shown silent: " + Files.readString(csv));
    }

    private static int column(String name) {
        int i = StatsRow.COLUMNS.indexOf(name);
        return i >= 0 ? i : StatsRow.COLUMNS.size() + StatsRow.PEER_COLUMNS.indexOf(name);
    }

    private static List<String[]> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length == StatsRow.COLUMNS.size() + StatsRow.PEER_COLUMNS.size()) {
                rows.add(cells);
            }
        }
        return rows;
    }
}
