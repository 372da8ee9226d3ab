package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The history ring keeps the newest frames in order, whatever the block sizes. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class PlayedHistoryTest {

    @Test
    void keepsTheNewestFramesOldestFirstPerChannelAndMixed() {
        PlayedHistory history = new PlayedHistory(2, 4);
        float[] perChannel = new float[8];
        float[] mono = new float[4];
        history.mix(mono);
        history.unroll(perChannel, 4);
        assertArrayEquals(new float[8], perChannel, "silence before anything is played");
        assertArrayEquals(new float[4], mono);

        history.append(new short[] {0, 0, 1, 11, 2, 12, 3, 13}, 1, 3); // from the second frame on
        history.append(new short[] {4, 14, 5, 15, 99, 99}, 0, 2); // wraps; the extra frame is ignored
        history.unroll(perChannel, 4);
        history.mix(mono);
        assertArrayEquals(new float[] {2, 3, 4, 5, 12, 13, 14, 15}, perChannel);
        assertArrayEquals(new float[] {7, 8, 9, 10}, mono);

        history.append(new short[] {6, 16, 7, 17, 8, 18, 9, 19, 10, 20, 11, 21}, 0, 6); // longer than it
        java.util.Arrays.fill(perChannel, -1);
        history.unroll(perChannel, 2);
        assertArrayEquals(new float[] {-1, -1, 10, 11, -1, -1, 20, 21}, perChannel, "only the newest two");
    }
}
