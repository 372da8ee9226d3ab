package dev.intercom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.testing.Signals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lost Opus packets: rebuilt from the next packet's in-band FEC, or continued by Opus's own
 * concealment. Lost blocks are compared with what the same codec decodes when nothing is lost,
 * since that is the best any recovery can do.
 */
@Timeout(60)
class OpusLossTest {

    private static final int RATE = 48_000;

    @ParameterizedTest(name = "{0}-frame blocks")
    @ValueSource(ints = {480, 960})
    void fecRebuildsALostPacketFarBetterThanConcealment(int block) {
        short[] speech = TestSignals.speech(RATE, 6, 21);
        StreamFormat format = new StreamFormat(RATE, 1, block);
        boolean[] lost = everyNth(speech.length / block, 7);
        short[] clean = Transcoder.run(new OpusPayloadCodec(format, 64, true), speech, 1, block).decoded();
        short[] concealed = Transcoder.run(new OpusPayloadCodec(format, 64, true), speech, 1, block, lost, false).decoded();
        short[] recovered = Transcoder.run(new OpusPayloadCodec(format, 64, true), speech, 1, block, lost, true).decoded();
        double plc = Quality.lostSnrDb(clean, concealed, lost, block);
        double fec = Quality.lostSnrDb(clean, recovered, lost, block);
        System.out.printf(Locale.ROOT, "%d-frame blocks, 64 kbps, 1 in 7 lost: lost blocks against the loss-free decode: "
                + "concealment %.1f dB, FEC %.1f dB%n", block, plc, fec);
        assertTrue(fec > plc + 6, "FEC " + fec + " dB against concealment " + plc + " dB");
        assertTrue(fec > 10, "FEC " + fec + " dB");
    }

    @Test
    void withoutFecTheNextPacketIsIgnoredAndConcealmentRuns() {
        short[] speech = TestSignals.speech(RATE, 3, 22);
        StreamFormat format = new StreamFormat(RATE, 1, 960);
        boolean[] lost = everyNth(speech.length / 960, 5);
        short[] plain = Transcoder.run(new OpusPayloadCodec(format, 64, false), speech, 1, 960, lost, false).decoded();
        short[] offered = Transcoder.run(new OpusPayloadCodec(format, 64, false), speech, 1, 960, lost, true).decoded();
        assertArrayEquals(plain, offered);
    }

    @ParameterizedTest(name = "FEC {0}")
    @ValueSource(booleans = {false, true})
    void concealmentContinuesAToneWithoutASilenceOrAClick(boolean fec) {
        int block = 480;
        short[] tone = TestSignals.tone(RATE, 1, RATE, 500, 16_000);
        StreamFormat format = new StreamFormat(RATE, 1, block);
        boolean[] lost = new boolean[tone.length / block];
        lost[50] = true;
        short[] clean = Transcoder.run(new OpusPayloadCodec(format, 64, fec), tone, 1, block).decoded();
        short[] concealed = Transcoder.run(new OpusPayloadCodec(format, 64, fec), tone, 1, block, lost, false).decoded();
        int start = 50 * block;
        double cleanRms = Signals.rms(clean, start, start + block);
        double concealedRms = Signals.rms(concealed, start, start + block);
        // From the last sample before the gap to the first after it: every step a tone could take.
        int cleanStep = maxStep(clean, block, clean.length - block);
        int gapStep = maxStep(concealed, start - 1, start + block + 1);
        System.out.printf(Locale.ROOT, "concealment (FEC %s): RMS %.0f of %.0f, largest step %d against %d%n",
                fec, concealedRms, cleanRms, gapStep, cleanStep);
        assertTrue(concealedRms > 0.4 * cleanRms, "concealed RMS " + concealedRms + " of " + cleanRms);
        assertTrue(concealedRms < 1.5 * cleanRms, "concealed RMS " + concealedRms + " of " + cleanRms);
        assertTrue(gapStep < 1.5 * cleanStep, "step " + gapStep + " against " + cleanStep);
    }

    @Test
    void concealingBeforeAnyPacketGivesSilenceAndLongGapsCanBeConcealedAtOnce() {
        OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, 1, 480), 64, false);
        short[] out = new short[1440];
        Arrays.fill(out, (short) 7);
        assertEquals(480, codec.decodeMissing(out, 480, null, 0, 0));
        for (int i = 0; i < 480; i++) {
            assertEquals(0, out[i]);
        }
        short[] tone = TestSignals.tone(RATE, 1, 480 * 20, 500, 16_000);
        ByteBuf packet = Unpooled.buffer();
        short[] block = new short[480];
        for (int p = 0; p < 20; p++) {
            packet.clear();
            System.arraycopy(tone, p * 480, block, 0, 480);
            codec.encode(block, 480, packet);
            assertEquals(480, codec.decode(packet, 0, packet.readableBytes(), out));
        }
        // Three packets lost together, concealed in one call (a multiple of 2.5 ms).
        assertEquals(1440, codec.decodeMissing(out, 1440, null, 0, 0));
        assertTrue(Signals.rms(out, 0, 480) > 3000, "the first concealed block continues the tone");
    }

    @Test
    void aConcealmentLengthOpusCannotProduceIsRefused() {
        OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, 1, 480), 64, true);
        short[] out = new short[960];
        assertThrows(IllegalArgumentException.class, () -> codec.decodeMissing(out, 128, null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> codec.decodeMissing(out, 0, null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> codec.decodeMissing(out, 1200, null, 0, 0));
        assertEquals(120, codec.decodeMissing(out, 120, null, 0, 0), "2.5 ms is the unit");
    }

    @Test
    void aCorruptNextPacketFallsBackToConcealment() {
        StreamFormat format = new StreamFormat(RATE, 1, 960);
        OpusPayloadCodec codec = new OpusPayloadCodec(format, 64, true);
        short[] tone = TestSignals.tone(RATE, 1, 960 * 10, 500, 16_000);
        Transcoder.run(codec, tone, 1, 960);
        ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F, 0x13, 0x00});
        short[] out = new short[960];
        assertEquals(960, codec.decodeMissing(out, 960, garbage, 0, garbage.readableBytes()));
        assertTrue(Signals.rms(out, 0, 960) > 1000, "concealment continued the tone");
    }

    /** @return a loss pattern of {@code packets} with every {@code n}th lost, never the first few */
    private static boolean[] everyNth(int packets, int n) {
        boolean[] lost = new boolean[packets];
        for (int p = 10; p < packets - 1; p += n) {
            lost[p] = true;
        }
        return lost;
    }

    private static int maxStep(short[] s, int from, int to) {
        int max = 0;
        for (int i = from + 1; i < to; i++) {
            max = Math.max(max, Math.abs(s[i] - s[i - 1]));
        }
        return max;
    }
}
