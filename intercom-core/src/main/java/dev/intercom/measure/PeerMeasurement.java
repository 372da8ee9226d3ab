package dev.intercom.measure;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.RecordingOutput;
import dev.intercom.config.SessionConfig;
import dev.intercom.session.Session;
import dev.intercom.stats.SessionSummary;
import dev.intercom.time.NanoClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Measures the round trip through a peer that sends back what it hears ({@code intercom
 * reflect}): a peer session whose capture is the bursts and whose playout is recorded. Both are
 * paced from the same start, so an echo's frame in the recording minus its burst's frame in the
 * capture is the round trip, from our capture to our playout.
 */
public final class PeerMeasurement {

    /** What the recording keeps after the plan's end: the playout may run a little behind. */
    private static final long SLACK_MILLIS = 200;

    private PeerMeasurement() {
    }

    /**
     * What one run measured.
     *
     * @param measurements one per burst
     * @param summary      our session's summary: its RTCP round trip and our jitter buffer's wait
     */
    public record Result(List<Measurement> measurements, SessionSummary summary) {
    }

    /**
     * Runs a peer session for the plan's length and analyses what came back.
     *
     * @param config    the peer's settings (its input and output specs are not used)
     * @param plan      the bursts
     * @param levelDbfs the bursts' peak level
     * @param clock     the time source that paces capture and playout
     * @throws IllegalStateException if the session failed (its message says why)
     */
    public static Result run(SessionConfig config, BurstPlan plan, double levelDbfs, NanoClock clock)
            throws InterruptedException {
        StreamFormat format = config.format();
        Chirp chirp = new Chirp(format.sampleRate());
        long slack = format.nanosToFrames(Duration.ofMillis(SLACK_MILLIS).toNanos());
        AudioInput input = plan.input(format, clock, chirp.samples(levelDbfs));
        RecordingOutput output = new RecordingOutput(format, clock, Math.toIntExact(plan.totalFrames() + slack));
        Session session = Session.startPeer(config, input, output, clock);
        SessionSummary summary;
        try {
            session.awaitEnd(Optional.of(Duration.ofNanos(format.framesToNanos(plan.totalFrames() + slack / 2))));
        } finally {
            summary = session.stop();
        }
        if (session.failure().isPresent()) {
            throw new IllegalStateException(session.failure().get().getMessage(), session.failure().get());
        }
        return new Result(EchoAnalysis.analyse(plan, chirp.shape(), output.recording(), format.sampleRate()), summary);
    }
}
