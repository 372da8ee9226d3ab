package dev.intercom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Levels in dBFS: known signals give known figures, and each interval starts afresh. */
class LevelMeterTest {

    private final LevelMeter meter = new LevelMeter();
    private final double[] level = new double[2];

    @Test
    void aHalfScaleSineReadsMinusSixPeakAndMinusNineRms() {
        short[] block = new short[4800];
        for (int i = 0; i < block.length; i++) {
            block[i] = (short) Math.round(16_384 * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
        }
        meter.add(block, block.length);
        meter.takeInterval(level);
        assertEquals(-6.02, level[0], 0.01);
        assertEquals(-9.03, level[1], 0.01);
    }

    @Test
    void aFullScaleSquareReadsZeroAndSilenceReadsTheFloor() {
        short[] square = new short[480];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) (i % 2 == 0 ? -32_768 : 32_767);
        }
        meter.add(square, square.length);
        meter.takeInterval(level);
        assertEquals(0, level[0], 0.001);
        assertEquals(0, level[1], 0.001);
        meter.add(new short[480], 480);
        meter.takeInterval(level);
        assertEquals(LevelMeter.FLOOR_DBFS, level[0]);
        assertEquals(LevelMeter.FLOOR_DBFS, level[1]);
    }

    @Test
    void anIntervalWithoutAudioIsUnknownAndTheLoudestBlockSetsThePeak() {
        meter.takeInterval(level);
        assertTrue(Double.isNaN(level[0]) && Double.isNaN(level[1]));
        meter.add(new short[] {100, -200, 50}, 3);
        meter.add(new short[] {-3000, 0, 0, 9999}, 2); // only the first two count
        meter.takeInterval(level);
        assertEquals(20 * Math.log10(3000 / 32_768.0), level[0], 1e-9);
    }
}
