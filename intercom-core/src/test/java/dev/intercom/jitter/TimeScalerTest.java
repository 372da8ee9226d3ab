package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The time-scale operations at the edges of a sound: what a pause may lose and what it may not. */
class TimeScalerTest {

    private static final int RATE = 48_000;
    private static final int TONE_AMPLITUDE = 12_000;
    private static final TimeScaler SCALER = new TimeScaler(RATE);

    /**
     * A tone that starts a few milliseconds after a pause, as a word does or a tone burst (the
     * sound-stack tier's talker): a surplus larger than the pause ahead may be cut from the
     * pause, never from the sound. Cutting into it would start the word late and abruptly.
     */
    @Test
    void aCutInAPauseStopsWhereTheSoundBegins() {
        int pause = RATE * 6 / 1000;
        short[] tone = tone(RATE * 40 / 1000);
        SyncBuffer buffer = pauseThenTone(pause, tone);

        // The jitter buffer would take all of a 14 ms surplus.
        int removed = SCALER.accelerate(buffer, false, (unit, most) -> Math.min(most, RATE * 14 / 1000));

        assertTrue(removed > 0 && removed < pause, "cut from the 6 ms pause only: " + removed + " frames");
        short[] future = future(buffer);
        int onset = pause - removed;
        assertArrayEquals(new short[onset], Arrays.copyOf(future, onset), "the rest of the pause is silent");
        assertArrayEquals(tone, Arrays.copyOfRange(future, onset, onset + tone.length), "the tone is whole");
    }

    /** In a pause as long as the surplus, the whole surplus goes, in one cut. */
    @Test
    void aLongPauseGivesTheWholeSurplus() {
        int pause = RATE * 30 / 1000;
        short[] tone = tone(RATE * 10 / 1000);
        SyncBuffer buffer = pauseThenTone(pause, tone);
        int surplus = RATE * 14 / 1000;

        int removed = SCALER.accelerate(buffer, false, (unit, most) -> Math.min(most, surplus));

        assertEquals(surplus, removed);
        short[] future = future(buffer);
        assertArrayEquals(tone, Arrays.copyOfRange(future, pause - removed, pause - removed + tone.length));
    }

    /** @return a buffer that has played silence, with {@code pause} frames of silence and then {@code tone} to come */
    private static SyncBuffer pauseThenTone(int pause, short[] tone) {
        int history = SCALER.historyFrames();
        SyncBuffer buffer = new SyncBuffer(1, history, pause + tone.length);
        append(buffer, new short[history]);
        buffer.take(new short[history], new boolean[history], history);
        append(buffer, new short[pause]);
        append(buffer, tone);
        return buffer;
    }

    private static void append(SyncBuffer buffer, short[] samples) {
        buffer.append(samples, new boolean[samples.length], samples.length);
    }

    private static short[] future(SyncBuffer buffer) {
        return Arrays.copyOfRange(buffer.samples(), buffer.head(), buffer.head() + buffer.futureFrames());
    }

    /** A 440 Hz tone from phase 0, as the tier's bursts begin. */
    private static short[] tone(int frames) {
        short[] s = new short[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (short) Math.round(TONE_AMPLITUDE * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return s;
    }
}
