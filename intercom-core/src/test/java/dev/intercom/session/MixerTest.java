package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.PitchConcealer;
import dev.intercom.stats.SessionCounters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mixer in virtual time: real jitter buffers fed block by block, one poll each per output block. */
class MixerTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 64);
    private static final long BLOCK_NANOS = 64 * 1_000_000_000L / 48_000;

    private final SessionCounters counters = new SessionCounters();

    private static JitterBuffer buffer() {
        return new JitterBuffer(FORMAT, 128, 8_192, 4_800, 8, new PitchConcealer(FORMAT));
    }

    /** Feeds each buffer a constant block of its value per period and returns the last mixed block. */
    private short[] run(Mixer mixer, List<JitterBuffer> buffers, short[] values, int blocks) {
        short[] out = new short[FORMAT.samplesPerBlock()];
        short[] packet = new short[FORMAT.samplesPerBlock()];
        for (int n = 0; n < blocks; n++) {
            long now = n * BLOCK_NANOS;
            for (int i = 0; i < buffers.size(); i++) {
                if (values[i] != Short.MIN_VALUE + 1) { // a buffer given this value hears nothing
                    Arrays.fill(packet, values[i]);
                    buffers.get(i).offer(100 + i, n, n * 64L, packet, 64, now);
                }
            }
            mixer.beforePoll(now);
            mixer.mix(out, now, now);
        }
        return out;
    }

    private Mixer mixer(List<JitterBuffer> buffers) {
        List<Mixer.Input> inputs = new ArrayList<>();
        for (JitterBuffer b : buffers) {
            inputs.add(new Mixer.Input(b, now -> { }, counters));
        }
        return new Mixer(inputs, counters, FORMAT.samplesPerBlock());
    }

    @Test
    void theSumOfThePeersIsPlayed() {
        List<JitterBuffer> buffers = List.of(buffer(), buffer(), buffer());
        short[] out = run(mixer(buffers), buffers, new short[] {1_000, -300, 12}, 200);
        short[] expected = new short[64];
        Arrays.fill(expected, (short) 712);
        assertArrayEquals(expected, out);
        assertEquals(0, counters.mixLimitedSamples());
    }

    @Test
    void aSumBeyondFullScaleSaturatesAndIsCounted() {
        List<JitterBuffer> buffers = List.of(buffer(), buffer());
        short[] loud = run(mixer(buffers), buffers, new short[] {20_000, 20_000}, 200);
        assertTrue(Arrays.equals(loud, filled(Short.MAX_VALUE)), Arrays.toString(loud));
        long limited = counters.mixLimitedSamples();
        assertTrue(limited >= 64 * 150, "every playing sample counted: " + limited);
        List<JitterBuffer> negative = List.of(buffer(), buffer());
        short[] low = run(mixer(negative), negative, new short[] {-20_000, -20_000}, 200);
        assertArrayEquals(filled(Short.MIN_VALUE), low, "no wrap-around below either");
    }

    @Test
    void aPeerThatSendsNothingAddsNothing() {
        List<JitterBuffer> buffers = List.of(buffer(), buffer());
        short[] out = run(mixer(buffers), buffers, new short[] {-1_234, Short.MIN_VALUE + 1}, 200);
        assertArrayEquals(filled((short) -1_234), out);
    }

    @Test
    void oneInputIsPlayedUntouchedAndItsLevelMetered() {
        List<JitterBuffer> buffers = List.of(buffer());
        short[] out = run(mixer(buffers), buffers, new short[] {32_767}, 200);
        assertArrayEquals(filled(Short.MAX_VALUE), out);
        assertEquals(0, counters.mixLimitedSamples());
        double[] level = new double[2];
        counters.streamLevel().takeInterval(level);
        assertEquals(0, level[0], 0.01, "the peer's peak, full scale");
    }

    private static short[] filled(short value) {
        short[] block = new short[64];
        Arrays.fill(block, value);
        return block;
    }
}
