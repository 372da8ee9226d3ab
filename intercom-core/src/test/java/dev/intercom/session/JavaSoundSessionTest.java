package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.javasound.GrowingOutput;
import dev.intercom.audio.javasound.JavaSoundInput;
import dev.intercom.audio.javasound.JavaSoundOutput;
import dev.intercom.audio.javasound.virtual.CaptureSignal;
import dev.intercom.audio.javasound.virtual.VirtualSoundCard;
import dev.intercom.config.SessionConfig;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.time.NanoClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer with {@code --input default --output default} runs end to end through Java Sound's
 * TargetDataLine and SourceDataLine, on the virtual sound card that AudioSystem finds through
 * its own SPI, and what the card captured is what it played.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JavaSoundSessionTest {

    @BeforeEach
    void plugInTheVirtualCard() {
        VirtualSoundCard.enable();
        VirtualSoundCard.setCaptureSignal(CaptureSignal.frameCounter());
    }

    @AfterEach
    void unplugIt() {
        VirtualSoundCard.disable();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSoundCardClock500PpmFastIsMeasuredAndFollowed() throws Exception {
        VirtualSoundCard.setSkewPpm(500); // the capturing card runs fast; we play on the system clock
        int port = FreePorts.udp();
        // A deep capture line: on a loaded machine a starved capture thread would otherwise let
        // a 10 ms line overflow, and the frames it drops are time the sender's clock really loses.
        SessionConfig config = SessionConfig.builder().listen("127.0.0.1:" + port).peer("127.0.0.1:" + port)
                .blockFrames(128).jitterMs(10).deviceBuffer("100").input("default").output("null")
                .statsIntervalSeconds(0).build();
        AudioInput input = AudioEndpoints.openInput(config, NanoClock.SYSTEM);
        AudioOutput output = AudioEndpoints.openOutput(config, NanoClock.SYSTEM);
        Session session = Session.startPeer(config, input, output, NanoClock.SYSTEM);
        session.awaitEnd(Optional.of(Duration.ofSeconds(14)));
        SessionSummary summary = session.stop();
        assertTrue(summary.totals().skewPpm > 300 && summary.totals().skewPpm < 700,
                "estimated skew near 500 ppm: " + summary.toText());
        assertTrue(summary.totals().overflows == 0, summary.toText());
    }

    @Test
    void deviceBufferSetsBothLinesInWholeBlocks() {
        SessionConfig.Builder settings = SessionConfig.builder().blockFrames(240).input("default").output("default");
        // 12 ms at 5 ms blocks: rounded up to 3 blocks, on both lines.
        SessionConfig asked = settings.deviceBuffer("12").build();
        try (JavaSoundInput input = (JavaSoundInput) AudioEndpoints.openInput(asked, NanoClock.SYSTEM);
                JavaSoundOutput output = (JavaSoundOutput) AudioEndpoints.openOutput(asked, NanoClock.SYSTEM)) {
            assertEquals(3 * 240, input.lineBufferFrames());
            assertEquals(3 * 240, output.lineBufferFrames());
            assertTrue(output.describe().endsWith("(line buffer 15.00 ms)"), output.describe());
        }
        // auto: a few blocks each, as the lines' own defaults say; the playback line may grow.
        SessionConfig auto = settings.deviceBuffer("auto").build();
        try (JavaSoundInput input = (JavaSoundInput) AudioEndpoints.openInput(auto, NanoClock.SYSTEM);
                GrowingOutput output = (GrowingOutput) AudioEndpoints.openOutput(auto, NanoClock.SYSTEM)) {
            assertEquals(JavaSoundInput.DEFAULT_BUFFER_BLOCKS * 240, input.lineBufferFrames());
            assertEquals(JavaSoundOutput.DEFAULT_BUFFER_BLOCKS * 240, output.lineBufferFrames());
            assertTrue(output.describe().endsWith("(line buffer 15.00 ms), grows when it keeps running dry and goes"
                    + " back after a quiet spell"), output.describe());
        }
        // A measurement's line holds still.
        try (JavaSoundOutput output = (JavaSoundOutput) AudioEndpoints.openOutput(auto, NanoClock.SYSTEM, false)) {
            assertEquals(JavaSoundOutput.DEFAULT_BUFFER_BLOCKS * 240, output.lineBufferFrames());
        }
        // Never under two blocks, however small the ask.
        SessionConfig tiny = settings.deviceBuffer("1").build();
        try (JavaSoundOutput output = (JavaSoundOutput) AudioEndpoints.openOutput(tiny, NanoClock.SYSTEM)) {
            assertEquals(2 * 240, output.lineBufferFrames());
        }
    }

    @Test
    void theDefaultDevicesCarryTheAudioThroughJavaSound() throws Exception {
        int port = FreePorts.udp();
        // Deep buffers on the line and in the jitter buffer: on a loaded machine a stalled thread must
        // not overrun the capture line or make playout shed a backlog by resampling, either of
        // which would break the frame counter's sequence that this test looks for.
        SessionConfig config = SessionConfig.builder().listen("127.0.0.1:" + port).peer("127.0.0.1:" + port)
                .blockFrames(128).jitterMs(100).deviceBuffer("100").input("default").output("default")
                .statsIntervalSeconds(0.5).build();
        AudioInput input = AudioEndpoints.openInput(config, NanoClock.SYSTEM);
        AudioOutput output = AudioEndpoints.openOutput(config, NanoClock.SYSTEM);
        assertTrue(input instanceof JavaSoundInput && output instanceof JavaSoundOutput);
        Session session = Session.startPeer(config, input, output, NanoClock.SYSTEM);
        session.awaitEnd(Optional.of(Duration.ofMillis(3_000)));
        SessionSummary summary = session.stop();

        short[] played = VirtualSoundCard.playedSamples();
        assertTrue(played.length > 96_000, "about 3 s played: " + played.length);
        // The card captures a frame counter (sample = 8 x frame): find the longest stretch
        // played in sequence, i.e. delivered sample for sample through capture, RTP and playout.
        int longest = 0;
        int run = 0;
        for (int i = 1; i < played.length; i++) {
            run = (short) (played[i] - played[i - 1]) == 8 ? run + 1 : 0; // silence has a step of 0
            longest = Math.max(longest, run);
        }
        assertTrue(longest > 48_000, "over a second of the captured signal arrived intact: " + longest + "\n" + summary.toText());
        assertTrue(summary.totals().receivedPackets > 400, summary.toText());
        assertFalse(Double.isNaN(summary.totals().playbackLatencyMs), "the line's playback latency is measured");
    }
}
