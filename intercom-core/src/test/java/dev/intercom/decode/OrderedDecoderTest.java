package dev.intercom.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.codec.L16PayloadCodec;
import dev.intercom.codec.OpusPayloadCodec;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.jitter.TargetPolicy;
import dev.intercom.net.PacketSink;
import dev.intercom.stats.DropReason;
import dev.intercom.stats.SessionCounters;
import dev.intercom.testing.Signals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An Opus stream through the queue, the reorder window and a real jitter buffer, in virtual
 * time: packets every 10 ms, 1 ms transit, polls 5 ms after each send, a fixed 30 ms target.
 * The played audio is compared sample for sample with a decoder that saw the stream in order
 * (with FEC or concealment where a packet is missing), which is what stream-order decoding
 * promises whatever order the packets arrive in.
 */
class OrderedDecoderTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 480);
    private static final int PACKETS = 150;
    private static final long PERIOD_NANOS = 10_000_000L;
    private static final long TRANSIT_NANOS = 1_000_000L;
    private static final long SSRC = 0x1234_5678L;
    private static final int FIRST_SEQUENCE = 65_500; // wraps mid-stream
    private static final long FIRST_TIMESTAMP = 0xFFFF_0000L; // wraps mid-stream

    /** One packet on its way: what it carries and when it reaches the receiver. */
    private record Arrival(long ssrc, int sequence, long timestamp, byte[] payload, long atNanos) {
    }

    /** What the receiver played and counted. */
    private record Heard(short[] played, JitterSnapshot stats, long undecodable) {
    }

    @Test
    void packetsThatOvertakeEachOtherAreDecodedInStreamOrder() {
        List<byte[]> stream = encode(tone(300), false);
        List<Arrival> arrivals = onTime(stream);
        overtake(arrivals, 40, 41);
        overtake(arrivals, 90, 92);

        Heard heard = receive(arrivals, false);

        assertArrayEquals(reference(stream, Set.of(), false), heard.played(),
                "the same audio as a decoder that saw the stream in order");
        assertEquals(0, heard.stats().concealed, "nothing concealed: every packet came in time");
        assertEquals(0, heard.stats().late);
        assertEquals(2, heard.stats().reordered);
    }

    @Test
    void aLostPacketIsConcealedInItsPlaceByTheCodec() {
        List<byte[]> stream = encode(tone(300), false);
        List<Arrival> arrivals = onTime(stream);
        arrivals.remove(70);

        Heard heard = receive(arrivals, false);

        assertArrayEquals(reference(stream, Set.of(70), false), heard.played(),
                "Opus's concealment of packet 70 between 69 and 71");
        assertEquals(1, heard.stats().concealed);
        assertEquals(1, heard.stats().lost);
        assertEquals(0, heard.stats().recovered);
    }

    @Test
    void withFecALostPacketComesBackFromTheNextOne() {
        List<byte[]> stream = encode(tone(300), true);
        List<Arrival> arrivals = onTime(stream);
        arrivals.remove(70);

        Heard heard = receive(arrivals, true);

        assertArrayEquals(reference(stream, Set.of(70), true), heard.played(),
                "packet 70 decoded from the FEC that packet 71 carries");
        assertEquals(1, heard.stats().recovered);
        assertEquals(0, heard.stats().concealed);
    }

    @Test
    void aPacketTooLateToDecodeIsCountedLateAndNeverDecoded() {
        List<byte[]> stream = encode(tone(300), false);
        List<Arrival> arrivals = onTime(stream);
        Arrival slow = arrivals.remove(70);
        arrivals.add(new Arrival(slow.ssrc(), slow.sequence(), slow.timestamp(), slow.payload(),
                slow.atNanos() + 60_000_000L)); // 60 ms late: long after its place was played
        arrivals.sort((x, y) -> Long.compare(x.atNanos(), y.atNanos()));

        Heard heard = receive(arrivals, false);

        assertArrayEquals(reference(stream, Set.of(70), false), heard.played(),
                "concealed in its place; decoding it afterwards would have upset the packets after it");
        assertEquals(1, heard.stats().late);
        assertEquals(0, heard.stats().lost, "it did arrive");
    }

    @Test
    void aDuplicateIsCountedAndIgnored() {
        List<byte[]> stream = encode(tone(300), false);
        List<Arrival> arrivals = onTime(stream);
        Arrival copy = arrivals.get(30);
        arrivals.add(31, new Arrival(copy.ssrc(), copy.sequence(), copy.timestamp(), copy.payload(),
                copy.atNanos() + 500_000L));

        Heard heard = receive(arrivals, false);

        assertArrayEquals(reference(stream, Set.of(), false), heard.played());
        assertEquals(1, heard.stats().duplicates);
    }

    @Test
    void anUndecodablePayloadIsCountedAndConcealedInItsPlace() {
        List<byte[]> stream = encode(tone(300), false);
        List<Arrival> arrivals = onTime(stream);
        Arrival good = arrivals.get(70);
        arrivals.set(70, new Arrival(good.ssrc(), good.sequence(), good.timestamp(), new byte[0], good.atNanos()));

        Heard heard = receive(arrivals, false);

        assertEquals(1, heard.undecodable());
        assertArrayEquals(reference(stream, Set.of(70), false), heard.played());
    }

    @Test
    void aNewStreamFromAnotherSsrcIsFollowedWithAFreshDecoder() {
        List<byte[]> first = encode(tone(300), false);
        List<byte[]> second = encode(tone(700), false);
        List<Arrival> arrivals = new ArrayList<>(onTime(first).subList(0, 60));
        for (int p = 0; p < 90; p++) {
            // A restarted peer: new SSRC, sequence and timestamp, straight after the old stream.
            arrivals.add(new Arrival(0x9999L, 7 + p, 5_000 + (long) p * 480, second.get(p),
                    (60 + p) * PERIOD_NANOS + TRANSIT_NANOS));
        }

        Heard heard = receive(arrivals, false);

        assertEquals(1, heard.stats().resyncs);
        short[] played = heard.played();
        double hz = Signals.frequency(played, played.length - 30 * 480, played.length - 480, 48_000);
        assertEquals(700, hz, 10, "the new stream is heard");
        assertTrue(heard.stats().concealed <= 3, "at most the packets before the resync: " + heard.stats().concealed);
    }

    @Test
    void aFullQueueDropsTheNewestPacketAndSaysSo() {
        int[] full = new int[1];
        EncodedPacketQueue queue = new EncodedPacketQueue(4, 8, () -> full[0]++);
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        List<Integer> drained = new ArrayList<>();
        PacketSink collect = (ssrc, seq, ts, packet, offset, length, at) -> {
            assertEquals(3, length);
            assertEquals(1, packet.getByte(offset));
            assertEquals(3, packet.getByte(offset + 2));
            drained.add(seq);
        };
        for (int round = 0; round < 10; round++) { // many times round the ring
            for (int i = 0; i < 5; i++) {
                queue.accept(SSRC, round * 5 + i, 0, payload, 0, 3, 0);
            }
            assertEquals(4, queue.drainTo(collect));
        }
        assertEquals(10, full[0], "the fifth packet of each round found no slot");
        assertEquals(40, drained.size());
        assertEquals(List.of(0, 1, 2, 3, 5), drained.subList(0, 5), "oldest first; the dropped one is missing");
        assertEquals(0, queue.drainTo(collect));
        assertFalse(drained.contains(4));
    }

    @Test
    void aWindowThatFillsBeforeAnythingIsPlayedDropsItsOldestPacketsNotTheNewOnes() {
        StreamFormat format = new StreamFormat(48_000, 1, 64);
        PayloadCodec codec = new L16PayloadCodec(format);
        SessionCounters counters = new SessionCounters();
        OrderedDecoder ordered = new OrderedDecoder(codec, counters, 16, 256, 64);
        ByteBuf payload = Unpooled.buffer(128);
        payload.writeZero(128);
        ordered.follow(100, 6400);
        for (int p = 0; p < 40; p++) { // a long start-up: nothing is played, everything is kept
            assertTrue(ordered.hold(100 + p, 6400 + 64L * p, payload, 0, 128, p));
        }
        assertEquals(40 - 16, ordered.takeOverflowed(), "the oldest made room");
        assertEquals(0, ordered.takeOverflowed(), "counted once");
        List<Long> decoded = new ArrayList<>();
        ordered.produce(6400 + 64L * 24, 6400 + 64L * 40, dev.intercom.jitter.FrameSource.Missing.REPLACE,
                (timestamp, samples, frames, kind, arrival) -> decoded.add(timestamp));
        List<Long> newest = new ArrayList<>();
        for (int p = 24; p < 40; p++) {
            newest.add(6400 + 64L * p);
        }
        assertEquals(newest, decoded, "the newest 16 packets, in order");
        assertFalse(ordered.hold(110, 6400 + 640, payload, 0, 128, 0), "one whose place has passed");
    }

    @Test
    void queueWindowAndDecodingAllocateNothingInSteadyState() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        StreamFormat format = new StreamFormat(48_000, 1, 64);
        // L16 allocates nothing itself, so whatever is counted is the queue's, the window's or ours.
        PayloadCodec codec = new L16PayloadCodec(format);
        SessionCounters counters = new SessionCounters();
        OrderedDecoder ordered = new OrderedDecoder(codec, counters, 16, 256, 64);
        JitterBuffer buffer = new JitterBuffer(format, TargetPolicy.fixed(3 * 64), 4096, 4096, 3,
                new CodecConcealer(codec, format), 4096 - 2 * 64, 0, ordered);
        EncodedPacketQueue queue = new EncodedPacketQueue(64, 256, buffer::overflowedUpstream);
        DecodeInStreamOrder path = new DecodeInStreamOrder(queue, codec, buffer, ordered, counters);
        ByteBuf[] payloads = {Unpooled.buffer(128), Unpooled.buffer(128)};
        for (ByteBuf p : payloads) {
            p.writeZero(128);
        }
        short[] out = new short[64];
        long period = format.framesToNanos(64);
        long now = 1_000_000_000L;
        int packet = 0;
        int[] swapped = {1, 0};
        for (int round = 0; round < 2; round++) { // the first round warms up
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50_000; i++, packet += 2) {
                now += 2 * period;
                // Every pair arrives swapped, and one packet in 50 is lost.
                for (int k : swapped) {
                    int p = packet + k;
                    if (p % 50 != 7) {
                        queue.accept(SSRC, p & 0xFFFF, (long) p * 64 & 0xFFFF_FFFFL, payloads[k], 0, 128, now);
                    }
                }
                path.takeArrivals(now);
                buffer.poll(out, now);
                path.takeArrivals(now + period);
                buffer.poll(out, now + period);
            }
            long perPacket = (threads.getCurrentThreadAllocatedBytes() - before) / 100_000;
            if (round == 1) {
                assertEquals(0, perPacket, "bytes allocated per packet");
            }
        }
        JitterSnapshot stats = new JitterSnapshot();
        buffer.snapshot(stats);
        assertTrue(stats.reordered > 90_000, "the pairs were put back in order: " + stats.reordered);
        assertTrue(stats.lost > 1_000, "and the losses seen: " + stats.lost);
    }

    // ---- the harness ----

    private static short[] tone(double hz) {
        short[] s = new short[PACKETS * FORMAT.blockFrames()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(12_000 * Math.sin(2 * Math.PI * hz * i / FORMAT.sampleRate()));
        }
        return s;
    }

    private static List<byte[]> encode(short[] signal, boolean fec) {
        OpusPayloadCodec encoder = new OpusPayloadCodec(FORMAT, 32, fec);
        int block = FORMAT.blockFrames();
        List<byte[]> payloads = new ArrayList<>();
        for (int p = 0; p < PACKETS; p++) {
            ByteBuf out = Unpooled.buffer();
            encoder.encode(Arrays.copyOfRange(signal, p * block, (p + 1) * block), block, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            payloads.add(bytes);
        }
        return payloads;
    }

    private static List<Arrival> onTime(List<byte[]> payloads) {
        List<Arrival> arrivals = new ArrayList<>();
        for (int p = 0; p < payloads.size(); p++) {
            arrivals.add(new Arrival(SSRC, (FIRST_SEQUENCE + p) & 0xFFFF,
                    (FIRST_TIMESTAMP + (long) p * FORMAT.blockFrames()) & 0xFFFF_FFFFL, payloads.get(p),
                    p * PERIOD_NANOS + TRANSIT_NANOS));
        }
        return arrivals;
    }

    /** Delays packet {@code earlier} until 0.5 ms after packet {@code later}: it is overtaken. */
    private static void overtake(List<Arrival> arrivals, int earlier, int later) {
        Arrival a = arrivals.get(earlier);
        arrivals.set(earlier, new Arrival(a.ssrc(), a.sequence(), a.timestamp(), a.payload(),
                arrivals.get(later).atNanos() + 500_000L));
        arrivals.sort((x, y) -> Long.compare(x.atNanos(), y.atNanos()));
    }

    /**
     * Plays the arrivals through queue, window and buffer, until everything that arrived has been
     * played (as a draining session stops); returns the audio from the first block played on.
     */
    private static Heard receive(List<Arrival> arrivals, boolean fec) {
        SessionCounters counters = new SessionCounters();
        PayloadCodec decoder = new OpusPayloadCodec(FORMAT, 32, fec);
        OrderedDecoder ordered = new OrderedDecoder(decoder, counters, 16, 1500, 5760);
        JitterBuffer buffer = new JitterBuffer(FORMAT, TargetPolicy.fixed(3 * FORMAT.blockFrames()), 1 << 14, 48_000,
                3, new CodecConcealer(decoder, FORMAT), (1 << 14) - 2 * FORMAT.blockFrames(), 0, ordered);
        EncodedPacketQueue queue = new EncodedPacketQueue(64, 1500, buffer::overflowedUpstream);
        DecodeInStreamOrder path = new DecodeInStreamOrder(queue, decoder, buffer, ordered, counters);
        short[] block = new short[FORMAT.samplesPerBlock()];
        int maxPolls = 2 * PACKETS;
        short[] played = new short[maxPolls * block.length];
        int written = 0;
        boolean audible = false;
        int next = 0;
        for (int poll = 0; poll < maxPolls; poll++) {
            long now = poll * PERIOD_NANOS + PERIOD_NANOS / 2;
            while (next < arrivals.size() && arrivals.get(next).atNanos() <= now) {
                Arrival a = arrivals.get(next++);
                queue.accept(a.ssrc(), a.sequence(), a.timestamp(), Unpooled.wrappedBuffer(a.payload()), 0,
                        a.payload().length, a.atNanos());
            }
            path.takeArrivals(now);
            if (next == arrivals.size() && !buffer.hasAudioAhead()) {
                break;
            }
            JitterBuffer.Playout outcome = buffer.poll(block, now);
            audible |= outcome == JitterBuffer.Playout.PLAYED || outcome == JitterBuffer.Playout.CONCEALED;
            if (audible) {
                System.arraycopy(block, 0, played, written, block.length);
                written += block.length;
            }
        }
        JitterSnapshot stats = new JitterSnapshot();
        buffer.snapshot(stats);
        return new Heard(Arrays.copyOf(played, written), stats,
                counters.dropped(DropReason.UNDECODABLE));
    }

    /** @return the stream decoded in order by a fresh decoder, the {@code missing} packets replaced as a receiver would */
    private static short[] reference(List<byte[]> payloads, Set<Integer> missing, boolean fec) {
        PayloadCodec decoder = new OpusPayloadCodec(FORMAT, 32, fec);
        int block = FORMAT.blockFrames();
        short[] out = new short[payloads.size() * block];
        short[] samples = new short[5760];
        for (int p = 0; p < payloads.size(); p++) {
            int frames;
            if (missing.contains(p)) {
                ByteBuf next = fec && !missing.contains(p + 1) ? Unpooled.wrappedBuffer(payloads.get(p + 1)) : null;
                frames = next == null ? decoder.decodeMissing(samples, block, null, 0, 0)
                        : decoder.decodeMissing(samples, block, next, 0, next.readableBytes());
            } else {
                ByteBuf in = Unpooled.wrappedBuffer(payloads.get(p));
                frames = decoder.decode(in, 0, in.readableBytes(), samples);
            }
            assertEquals(block, frames);
            System.arraycopy(samples, 0, out, p * block, block);
        }
        return out;
    }
}
