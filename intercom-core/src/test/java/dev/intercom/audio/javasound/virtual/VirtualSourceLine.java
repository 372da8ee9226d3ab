package dev.intercom.audio.javasound.virtual;

import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;

/**
 * The virtual card's speaker: while started and holding frames, it plays them at the clock's
 * rate, appending each played frame to {@link VirtualSoundCard#playedSamples()}; {@link #write}
 * blocks while the buffer is full.
 *
 * <p>When the buffer runs dry the speaker pauses (the frame position stops) and resumes on the
 * next write, which counts one {@link VirtualSoundCard#playbackUnderruns() underrun}: a gap a
 * listener would hear. Running dry at the end of a stream, after which nothing more is written,
 * is not a gap and is not counted.
 */
final class VirtualSourceLine extends VirtualDataLine implements SourceDataLine {

    private short[] ring;
    private int channels;
    /** Frames written since open; frame {@code n} sits at ring frame {@code n % bufferFrames}. */
    private long written;
    /** Frames played since open. */
    private long played;
    /** Whether the clock is moving frames (started and not run dry). */
    private boolean playing;
    /** Whether the buffer ran dry while started, so the next write resumes after a gap. */
    private boolean starved;

    VirtualSourceLine(VirtualMixer mixer, DataLine.Info info) {
        super(mixer, info);
    }

    @Override
    protected void onOpen() {
        channels = format.getChannels();
        ring = new short[bufferFrames * channels];
        written = 0;
        played = 0;
        playing = false;
        starved = false;
    }

    @Override
    protected void onStart(long nowNanos) {
        starved = false;
        if (written > played) {
            beginPlaying(nowNanos);
        }
    }

    @Override
    protected void onStop() {
        playing = false;
        starved = false;
    }

    @Override
    protected void onFlush() {
        written = played;
        playing = false;
        starved = false;
    }

    @Override
    protected void update(long nowNanos) {
        if (!playing) {
            return;
        }
        long reached = clock.frameAt(nowNanos, VirtualSoundCard.skewPpm());
        if (reached >= written) {
            reached = written;
            playing = false;
            starved = true;
        }
        if (reached > played) {
            record(played, reached);
            played = reached;
        }
    }

    @Override
    protected long availableFrames() {
        return bufferFrames - (written - played);
    }

    @Override
    protected long framePosition() {
        return played;
    }

    @Override
    protected long reportedFramePosition() {
        return Math.max(0, played - VirtualSoundCard.playbackPositionLagFrames());
    }

    @Override
    protected long reportedAvailableFrames() {
        return Math.max(0, bufferFrames - (written - reportedFramePosition()));
    }

    /**
     * Copies as many frames as fit; while started, blocks until all are buffered. Returns early
     * with what it wrote when the line is stopped, flushed or closed, or was never started.
     */
    @Override
    public int write(byte[] bytes, int offset, int length) {
        checkRange(bytes, offset, length);
        int wanted = length / frameSize;
        int done = 0;
        lock.lock();
        try {
            int startGeneration = generation;
            while (open) {
                long now = System.nanoTime();
                update(now);
                int frames = (int) Math.min(availableFrames(), wanted - done);
                if (frames > 0) {
                    store(bytes, offset + done * frameSize, frames);
                    done += frames;
                    if (running && !playing) {
                        if (starved) {
                            VirtualSoundCard.countUnderrun();
                            starved = false;
                        }
                        beginPlaying(now);
                    }
                }
                if (done == wanted || !running || generation != startGeneration) {
                    break;
                }
                // Room for the rest (or a full buffer of it) once the speaker reaches this frame.
                long frameWithRoom = written - bufferFrames + Math.min(wanted - done, bufferFrames);
                if (!await(clock.waitNanos(frameWithRoom, now))) {
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        return done * frameSize;
    }

    /** Blocks while the started line still has frames to play. Running dry here is no gap. */
    @Override
    public void drain() {
        lock.lock();
        try {
            int startGeneration = generation;
            while (open && playing && generation == startGeneration) {
                long now = System.nanoTime();
                update(now);
                if (!playing || !await(clock.waitNanos(written, now))) {
                    break;
                }
            }
            starved = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isActive() {
        return playing;
    }

    private void beginPlaying(long nowNanos) {
        clock.start(nowNanos, played, VirtualSoundCard.skewPpm());
        playing = true;
    }

    private void store(byte[] bytes, int offset, int frames) {
        boolean bigEndian = format.isBigEndian();
        int at = offset;
        for (int i = 0; i < frames; i++) {
            int slot = (int) ((written + i) % bufferFrames) * channels;
            for (int c = 0; c < channels; c++) {
                int first = bytes[at++];
                int second = bytes[at++];
                ring[slot + c] = (short) (bigEndian ? (first << 8) | (second & 0xff)
                        : (second << 8) | (first & 0xff));
            }
        }
        written += frames;
    }

    /** Appends frames {@code from} (inclusive) to {@code to} to the card's recording. */
    private void record(long from, long to) {
        long frame = from;
        while (frame < to) {
            int slot = (int) (frame % bufferFrames);
            int frames = (int) Math.min(to - frame, bufferFrames - slot);
            VirtualSoundCard.recordPlayed(ring, slot * channels, frames * channels, channels);
            frame += frames;
        }
    }
}
