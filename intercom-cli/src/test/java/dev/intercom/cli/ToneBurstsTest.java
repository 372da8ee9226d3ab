package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sound-stack tier's ears on recordings made up here, where the answer is known. */
class ToneBurstsTest {

    private static final int RATE = 48_000;

    /** Left: the bursts; right: the same delayed by {@code latencyMs}, silent before {@code startMs}. */
    private static short[] recording(double seconds, double latencyMs, double startMs) {
        short[] in = ToneBursts.generate(seconds, RATE);
        int delay = (int) (latencyMs * RATE / 1000);
        int start = (int) (startMs * RATE / 1000);
        short[] stereo = new short[2 * in.length];
        for (int i = 0; i < in.length; i++) {
            stereo[2 * i] = in[i];
            stereo[2 * i + 1] = i >= start && i >= delay ? in[i - delay] : 0;
        }
        return stereo;
    }

    @Test
    void everyWholeAnswerIsHeardAtItsLatency() {
        ToneBursts.Heard heard = ToneBursts.listen(recording(6, 20, 0), RATE, 0.6);
        // Not the first (no quiet before it on the recording) nor the last (no next to show it ended whole).
        assertEquals(4, heard.answered(), heard.toString());
        assertEquals(20, heard.medianLatencyMs(), 0.1);
        assertEquals(20, heard.latenciesMs().get(0), 0.1);
        assertEquals(0, heard.crackles(), heard.toString());
        assertEquals(0, heard.offPitchWindows(), heard.toString());
    }

    @Test
    void aSessionThatStartsInTheMiddleOfABurstDoesNotLookLikeALateAnswer() {
        // The speaker starts playing 300 ms into the second burst (at 1.3 s): that tail is not an answer.
        ToneBursts.Heard heard = ToneBursts.listen(recording(6, 20, 1300), RATE, 0.6);
        assertEquals(20, heard.latenciesMs().get(0), 0.1, heard.toString());
        assertEquals(3, heard.answered(), heard.toString());
    }

    @Test
    void aGapInAnAnswerIsACrackleAndItsWindowIsOffPitchWithAGap() {
        short[] stereo = recording(6, 20, 0);
        int at = 2 * (int) (2.5 * RATE); // 10 ms of the third answer's middle go missing
        for (int i = at; i < at + 2 * RATE / 100; i += 2) {
            stereo[i + 1] = 0;
        }
        ToneBursts.Heard heard = ToneBursts.listen(stereo, RATE, 0.6);
        assertEquals(1, heard.crackles(), heard.toString());
        assertEquals(heard.offPitchWindows(), heard.offPitch().gaps(), heard.toString());
        assertEquals(0, heard.offPitch().bent(), heard.toString());
    }
}
