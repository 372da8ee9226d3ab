package dev.intercom.measure;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.session.RealTimeScheduling;
import dev.intercom.thread.IntercomThread;
import dev.intercom.time.NanoClock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures one card's own round trip, output to input, through a loop outside the program (a
 * cable from the output jack to the input jack, or a sound server's monitor source), as
 * {@code jack_iodelay} does: the bursts are played on the output and the input is recorded, both
 * started together. On a paced device an echo's frame in the recording minus its burst's frame
 * is the latency of the output and the input together; a sound card's two lines (and a sound
 * server's two streams behind them) each count frames from their own start, which can be tens
 * of milliseconds apart. So the time each block is handed over is noted on both threads
 * ({@link BlockTimes}), and the recording's frames are lined up with the played ones by those
 * times, near each burst: the round trip is from the moment a frame was written to the output
 * to the moment the input's read returned it, with the output's buffer as full as the writer
 * keeps it and the input read as soon as a block is in.
 */
public final class LocalMeasurement {

    /** A second, the step of the burst source's clock. */
    private static final long SECOND = 1_000_000_000L;
    /** How long past the plan a stalled device is waited for. */
    private static final long GRACE_MILLIS = 3_000;

    private LocalMeasurement() {
    }

    /**
     * Plays the plan's bursts on {@code output} while recording {@code input}, then closes both.
     *
     * @param levelDbfs the bursts' peak level
     * @return one measurement per burst
     * @throws IllegalStateException if a device failed or stalled
     */
    public static List<Measurement> run(AudioOutput output, AudioInput input, BurstPlan plan, double levelDbfs)
            throws InterruptedException {
        StreamFormat format = output.format();
        Chirp chirp = new Chirp(format.sampleRate());
        // The burst source's clock leaps a second each time it is read, so the source never waits:
        // the output alone paces the playing thread.
        AtomicLong leaps = new AtomicLong();
        NanoClock unpaced = () -> leaps.addAndGet(SECOND);
        AudioInput bursts = plan.input(format, unpaced, chirp.samples(levelDbfs));
        int total = Math.toIntExact(plan.totalFrames());
        short[] recording = new short[total];
        int blocks = total / format.blockFrames() + 2;
        BlockTimes played = new BlockTimes(blocks, format.blockFrames(), format.sampleRate(), false);
        BlockTimes recorded = new BlockTimes(blocks, format.blockFrames(), format.sampleRate(), true);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicInteger recordedFrames = new AtomicInteger();
        // Both threads make their first device call together: a sound card's line starts counting
        // when it is first read or written, and a recorder that started late would shift the
        // recording against the bursts by its delay (measured through PulseAudio: tens of ms).
        CyclicBarrier together = new CyclicBarrier(2);
        Thread player = IntercomThread.MEASURE_PLAY.newThread(
                guarded(failure, together, () -> play(output, bursts, total, played)));
        Thread recorder = IntercomThread.MEASURE_RECORD.newThread(
                guarded(failure, together, () -> recordedFrames.set(record(input, recording, recorded))));
        try {
            // Output first, then input, at once: the two device clocks share one origin.
            output.start();
            input.start();
            bursts.start();
            player.start();
            recorder.start();
            long limit = format.framesToNanos(total) / 1_000_000 + GRACE_MILLIS;
            recorder.join(limit);
            player.join(GRACE_MILLIS);
        } finally {
            input.close();
            output.close();
            bursts.close();
            player.join(GRACE_MILLIS);
            recorder.join(GRACE_MILLIS);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get().getMessage(), failure.get());
        }
        if (recordedFrames.get() < total) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the input delivered %.1f of %.1f s of audio (it stalled or was closed)",
                    total == 0 ? 0 : recordedFrames.get() / (double) format.sampleRate(),
                    total / (double) format.sampleRate()));
        }
        long window = plan.periodFrames() / 2;
        return EchoAnalysis.analyse(plan, chirp.shape(), recording, format.sampleRate(), k -> {
            long x = plan.start(k);
            long lagNanos = recorded.originNear(x, window) - played.originNear(x, window);
            return Math.round(lagNanos * (double) format.sampleRate() / 1e9);
        });
    }

    /** Runs {@code work} as an audio thread (SCHED_FIFO where allowed, as a session's are), catching its failure. */
    private static Runnable guarded(AtomicReference<RuntimeException> failure, CyclicBarrier together, Runnable work) {
        return () -> {
            RealTimeScheduling.requestForCurrentThread();
            try {
                together.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (BrokenBarrierException | TimeoutException e) {
                failure.compareAndSet(null, new IllegalStateException("the other audio thread did not start", e));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
    }

    private static void play(AudioOutput output, AudioInput bursts, int total, BlockTimes times) {
        short[] block = new short[output.format().samplesPerBlock()];
        for (long played = 0; played < total; played += output.format().blockFrames()) {
            if (!output.awaitRoom() || !bursts.read(block)) {
                return;
            }
            times.handedOver(System.nanoTime());
            output.write(block);
        }
    }

    /** @return frames recorded */
    private static int record(AudioInput input, short[] recording, BlockTimes times) {
        StreamFormat format = input.format();
        short[] block = new short[format.samplesPerBlock()];
        int frames = format.blockFrames();
        for (int at = 0; at < recording.length; at += frames) {
            if (!input.read(block)) {
                return at;
            }
            times.handedOver(System.nanoTime());
            for (int f = 0; f < frames && at + f < recording.length; f++) {
                recording[at + f] = block[f * format.channels()];
            }
        }
        return recording.length;
    }
}
