package dev.intercom.audio.javasound.virtual;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineEvent;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;

/**
 * What the virtual capture and playback lines share: the open / start / stop / flush / close
 * life cycle, listeners, and one lock whose condition wakes blocked I/O.
 *
 * <p>The lines have no thread of their own. Their state is a function of
 * {@link System#nanoTime()}: every call first advances the model to now ({@link #update}), and a
 * blocked read or write parks on the condition until the clock says its frames exist. Stop,
 * flush and close bump a generation counter and signal, so blocked I/O returns at once, as the
 * Java Sound contract requires.
 */
abstract class VirtualDataLine implements DataLine {

    /** Format reported before the line is opened. */
    static final AudioFormat DEFAULT_FORMAT = new AudioFormat(48_000f, 16, 2, true, false);

    protected final VirtualMixer mixer;
    protected final DataLine.Info info;
    protected final ReentrantLock lock = new ReentrantLock();
    protected final Condition changed = lock.newCondition();
    private final List<LineListener> listeners = new CopyOnWriteArrayList<>();

    // Written under the lock; volatile because the plain getters read them without it.
    protected volatile AudioFormat format = DEFAULT_FORMAT;
    protected volatile int frameSize = DEFAULT_FORMAT.getFrameSize();
    protected volatile int bufferFrames;
    protected volatile boolean open;
    protected volatile boolean running;
    /** Bumped by stop, flush and close: blocked I/O that sees it change returns. */
    protected int generation;
    protected DeviceClock clock;

    VirtualDataLine(VirtualMixer mixer, DataLine.Info info) {
        this.mixer = mixer;
        this.info = info;
    }

    /** Advances the model to {@code nowNanos}; called with the lock held. */
    protected abstract void update(long nowNanos);

    /** Resets the model for a freshly opened line; called with the lock held. */
    protected abstract void onOpen();

    /** Starts the device clock; called with the lock held. */
    protected abstract void onStart(long nowNanos);

    /** Stops the device clock; called with the lock held after a last update. */
    protected abstract void onStop();

    /** Discards buffered frames; called with the lock held after a last update. */
    protected abstract void onFlush();

    /** @return frames the caller can read or write now without blocking */
    protected abstract long availableFrames();

    /** @return frames captured or played since open */
    protected abstract long framePosition();

    /** @return the room or fill {@link #available()} reports: {@link #availableFrames()} unless a line lags */
    protected long reportedAvailableFrames() {
        return availableFrames();
    }

    /** @return the position {@link #getLongFramePosition()} reports: {@link #framePosition()} unless a line lags */
    protected long reportedFramePosition() {
        return framePosition();
    }

    /** Opens the line for {@code requested} with a buffer of {@code bufferSize} bytes. */
    public void open(AudioFormat requested, int bufferSize) throws LineUnavailableException {
        if (requested == null || requested.getSampleRate() <= 0
                || !info.isFormatSupported(requested)) {
            throw new IllegalArgumentException(VirtualMixer.NAME + " does not support " + requested);
        }
        lock.lock();
        try {
            if (open) {
                if (requested.matches(format) && (bufferSize <= 0 || bufferSize == getBufferSize())) {
                    return;
                }
                throw new IllegalStateException("line is already open with " + format);
            }
            mixer.lineOpening(this);
            format = requested;
            frameSize = requested.getFrameSize();
            // Java Sound's default is half a second; an explicit size is honoured to the frame.
            int frames = bufferSize <= 0 ? (int) (requested.getSampleRate() / 2) : bufferSize / frameSize;
            bufferFrames = Math.max(1, frames);
            clock = new DeviceClock(requested.getSampleRate());
            running = false;
            onOpen();
            open = true;
        } finally {
            lock.unlock();
        }
        fire(LineEvent.Type.OPEN);
    }

    /** Opens the line for {@code requested} with the default half-second buffer. */
    public void open(AudioFormat requested) throws LineUnavailableException {
        open(requested, AudioSystem.NOT_SPECIFIED);
    }

    @Override
    public void open() throws LineUnavailableException {
        open(format, AudioSystem.NOT_SPECIFIED);
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (!open || running) {
                return;
            }
            running = true;
            onStart(System.nanoTime());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        fire(LineEvent.Type.START);
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            update(System.nanoTime());
            running = false;
            generation++;
            onStop();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        fire(LineEvent.Type.STOP);
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            if (!open) {
                return;
            }
            update(System.nanoTime());
            onFlush();
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        boolean wasRunning;
        lock.lock();
        try {
            if (!open) {
                return;
            }
            update(System.nanoTime());
            wasRunning = running;
            running = false;
            open = false;
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        mixer.lineClosed(this);
        if (wasRunning) {
            fire(LineEvent.Type.STOP);
        }
        fire(LineEvent.Type.CLOSE);
    }

    /** Brings the model up to now, so what was played so far is recorded. */
    void sync() {
        lock.lock();
        try {
            if (open) {
                update(System.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks on the condition for up to {@code nanos}; returns false if interrupted, with the
     * interrupt status set again so the caller's caller sees it.
     */
    protected boolean await(long nanos) {
        try {
            changed.await(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Throws what Java Sound throws for a byte count that is not whole frames. */
    protected void checkRange(byte[] bytes, int offset, int length) {
        if (length % frameSize != 0) {
            throw new IllegalArgumentException(
                    "length " + length + " is not a whole number of " + frameSize + "-byte frames");
        }
        if (offset < 0 || length < 0 || (long) offset + length > bytes.length) {
            throw new ArrayIndexOutOfBoundsException(
                    "offset " + offset + ", length " + length + ", array " + bytes.length);
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            if (!open) {
                return 0;
            }
            update(System.nanoTime());
            return (int) reportedAvailableFrames() * frameSize;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long getLongFramePosition() {
        lock.lock();
        try {
            if (open) {
                update(System.nanoTime());
            }
            return reportedFramePosition();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int getFramePosition() {
        return (int) getLongFramePosition();
    }

    @Override
    public long getMicrosecondPosition() {
        return (long) (getLongFramePosition() * 1e6 / format.getSampleRate());
    }

    @Override
    public AudioFormat getFormat() {
        return format;
    }

    @Override
    public int getBufferSize() {
        return bufferFrames * frameSize;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public float getLevel() {
        return AudioSystem.NOT_SPECIFIED;
    }

    @Override
    public DataLine.Info getLineInfo() {
        return info;
    }

    @Override
    public Control[] getControls() {
        return new Control[0];
    }

    @Override
    public boolean isControlSupported(Control.Type control) {
        return false;
    }

    @Override
    public Control getControl(Control.Type control) {
        throw new IllegalArgumentException(VirtualMixer.NAME + " lines have no " + control + " control");
    }

    @Override
    public void addLineListener(LineListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeLineListener(LineListener listener) {
        listeners.remove(listener);
    }

    private void fire(LineEvent.Type type) {
        long position;
        lock.lock();
        try {
            position = framePosition();
        } finally {
            lock.unlock();
        }
        LineEvent event = new LineEvent(this, type, position);
        for (LineListener listener : listeners) {
            listener.update(event);
        }
    }
}
