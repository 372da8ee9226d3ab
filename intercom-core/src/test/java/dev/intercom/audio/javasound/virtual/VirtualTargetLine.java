package dev.intercom.audio.javasound.virtual;

import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The virtual card's microphone: while started, frames are captured at the clock's rate into a
 * buffer of the opened size; {@link #read} blocks until enough have been captured. Frames
 * captured into a full buffer are dropped (an overflow) and counted by
 * {@link VirtualSoundCard#captureOverflowFrames()}.
 */
final class VirtualTargetLine extends VirtualDataLine implements TargetDataLine {

    /** Frames captured since open, including dropped ones: the next frame's signal index. */
    private long captured;
    /** Frames captured and not yet read; the oldest has index {@code captured - buffered}. */
    private long buffered;
    /** Recording since open into a queue without bound, as a sound server's client does. */
    private boolean serverQueue;

    VirtualTargetLine(VirtualMixer mixer, DataLine.Info info) {
        super(mixer, info);
    }

    @Override
    protected void onOpen() {
        captured = 0;
        buffered = 0;
        serverQueue = VirtualSoundCard.captureQueuedLikeASoundServer();
        if (serverQueue) {
            clock.start(System.nanoTime(), 0, VirtualSoundCard.skewPpm());
        }
    }

    @Override
    protected void onStart(long nowNanos) {
        if (!serverQueue) {
            clock.start(nowNanos, captured, VirtualSoundCard.skewPpm());
        }
    }

    @Override
    protected void onStop() {
        // Captured frames stay buffered until read or flushed, as on real lines.
    }

    @Override
    protected void onFlush() {
        buffered = 0;
    }

    @Override
    protected void update(long nowNanos) {
        if (!running && !serverQueue) {
            return;
        }
        long reached = clock.frameAt(nowNanos, VirtualSoundCard.skewPpm());
        if (reached <= captured) {
            return;
        }
        buffered += reached - captured;
        captured = reached;
        if (buffered > bufferFrames && !serverQueue) {
            VirtualSoundCard.countOverflow(buffered - bufferFrames);
            buffered = bufferFrames;
        }
    }

    @Override
    protected long availableFrames() {
        return Math.min(buffered, bufferFrames);
    }

    @Override
    protected long framePosition() {
        return captured;
    }

    /**
     * Blocks until {@code length} bytes have been captured and copies them; returns early with
     * what it has when the line is stopped, flushed or closed, or was never started.
     */
    @Override
    public int read(byte[] bytes, int offset, int length) {
        checkRange(bytes, offset, length);
        int wanted = length / frameSize;
        int done = 0;
        lock.lock();
        try {
            int startGeneration = generation;
            while (open) {
                long now = System.nanoTime();
                update(now);
                int frames = (int) Math.min(buffered, wanted - done);
                render(bytes, offset + done * frameSize, captured - buffered, frames);
                buffered -= frames;
                done += frames;
                if (done == wanted || !running || generation != startGeneration) {
                    break;
                }
                long missing = Math.min(wanted - done, bufferFrames) - buffered;
                if (!await(clock.waitNanos(captured + missing, now))) {
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        return done * frameSize;
    }

    /** Capture has nothing to play out, so draining returns at once. */
    @Override
    public void drain() {
    }

    @Override
    public boolean isActive() {
        return running;
    }

    private void render(byte[] bytes, int offset, long firstFrame, int frames) {
        CaptureSignal signal = VirtualSoundCard.captureSignal();
        float rate = format.getSampleRate();
        int channels = format.getChannels();
        boolean bigEndian = format.isBigEndian();
        int at = offset;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                short sample = signal.sample(rate, firstFrame + i, c);
                bytes[at++] = (byte) (bigEndian ? sample >> 8 : sample);
                bytes[at++] = (byte) (bigEndian ? sample : sample >> 8);
            }
        }
    }
}
