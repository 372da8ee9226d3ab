package dev.intercom.audio.javasound.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The virtual sound card as Java Sound sees it: one mixer offering capture and playback lines
 * for signed 16-bit PCM, either byte order, any sample rate, 1 to {@value #MAX_CHANNELS}
 * channels. Any number of capture lines may be open (each hears the same signal); one playback
 * line at a time, so what was played is unambiguous.
 */
public final class VirtualMixer implements Mixer {

    /** The mixer's name, as listed by {@link AudioSystem#getMixerInfo()}. */
    public static final String NAME = "Intercom Virtual Sound Card";

    /** Most channels a line offers. */
    public static final int MAX_CHANNELS = 8;

    /** Mixer.Info's constructor is protected, hence this subclass. */
    private static final class VirtualMixerInfo extends Mixer.Info {
        VirtualMixerInfo() {
            super(NAME, "intercom tests", "real-time virtual sound card for tests", "1.0");
        }
    }

    private final Mixer.Info mixerInfo = new VirtualMixerInfo();
    private final DataLine.Info captureInfo = lineInfo(TargetDataLine.class);
    private final DataLine.Info playbackInfo = lineInfo(SourceDataLine.class);
    private final Line.Info ownInfo = new Line.Info(Mixer.class);
    private final List<VirtualDataLine> openLines = new CopyOnWriteArrayList<>();
    private volatile boolean open;

    VirtualMixer() {
    }

    private static DataLine.Info lineInfo(Class<? extends DataLine> lineClass) {
        List<AudioFormat> formats = new ArrayList<>();
        for (int channels = 1; channels <= MAX_CHANNELS; channels++) {
            for (boolean bigEndian : new boolean[] {false, true}) {
                formats.add(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED,
                        AudioSystem.NOT_SPECIFIED, 16, channels, 2 * channels,
                        AudioSystem.NOT_SPECIFIED, bigEndian));
            }
        }
        return new DataLine.Info(lineClass, formats.toArray(new AudioFormat[0]),
                AudioSystem.NOT_SPECIFIED, AudioSystem.NOT_SPECIFIED);
    }

    /** Admits a line that is being opened, or refuses a second playback line. */
    void lineOpening(VirtualDataLine line) throws LineUnavailableException {
        synchronized (openLines) {
            if (line instanceof SourceDataLine
                    && openLines.stream().anyMatch(l -> l instanceof SourceDataLine)) {
                throw new LineUnavailableException(
                        NAME + " plays one line at a time and one is already open");
            }
            openLines.add(line);
        }
    }

    /** Forgets a closed line. */
    void lineClosed(VirtualDataLine line) {
        synchronized (openLines) {
            openLines.remove(line);
        }
    }

    /** Advances every open line to now, so recordings and counters are current. */
    void syncOpenLines() {
        for (VirtualDataLine line : openLines) {
            line.sync();
        }
    }

    /** Closes every open line. */
    void closeOpenLines() {
        for (VirtualDataLine line : openLines) {
            line.close();
        }
    }

    /** @return how many lines are open */
    int openLineCount() {
        return openLines.size();
    }

    @Override
    public Mixer.Info getMixerInfo() {
        return mixerInfo;
    }

    @Override
    public Line.Info[] getSourceLineInfo() {
        return new Line.Info[] {playbackInfo};
    }

    @Override
    public Line.Info[] getTargetLineInfo() {
        return new Line.Info[] {captureInfo};
    }

    @Override
    public Line.Info[] getSourceLineInfo(Line.Info wanted) {
        return wanted != null && wanted.matches(playbackInfo) ? getSourceLineInfo() : new Line.Info[0];
    }

    @Override
    public Line.Info[] getTargetLineInfo(Line.Info wanted) {
        return wanted != null && wanted.matches(captureInfo) ? getTargetLineInfo() : new Line.Info[0];
    }

    /** Like Java Sound's own mixers: supported when our line is a special case of the request. */
    @Override
    public boolean isLineSupported(Line.Info wanted) {
        return wanted != null && (wanted.matches(captureInfo) || wanted.matches(playbackInfo));
    }

    @Override
    public Line getLine(Line.Info wanted) throws LineUnavailableException {
        if (wanted != null && wanted.matches(captureInfo)) {
            return new VirtualTargetLine(this, captureInfo);
        }
        if (wanted != null && wanted.matches(playbackInfo)) {
            return new VirtualSourceLine(this, playbackInfo);
        }
        throw new IllegalArgumentException(NAME + " has no line matching " + wanted);
    }

    @Override
    public int getMaxLines(Line.Info wanted) {
        if (wanted != null && wanted.matches(playbackInfo)) {
            return 1;
        }
        return isLineSupported(wanted) ? AudioSystem.NOT_SPECIFIED : 0;
    }

    @Override
    public Line[] getSourceLines() {
        return openLines.stream().filter(l -> l instanceof SourceDataLine).toArray(Line[]::new);
    }

    @Override
    public Line[] getTargetLines() {
        return openLines.stream().filter(l -> l instanceof TargetDataLine).toArray(Line[]::new);
    }

    @Override
    public void synchronize(Line[] lines, boolean maintainSync) {
        throw new IllegalArgumentException(NAME + " cannot synchronize lines");
    }

    @Override
    public void unsynchronize(Line[] lines) {
        throw new IllegalArgumentException(NAME + " cannot synchronize lines");
    }

    @Override
    public boolean isSynchronizationSupported(Line[] lines, boolean maintainSync) {
        return false;
    }

    @Override
    public Line.Info getLineInfo() {
        return ownInfo;
    }

    /** Opening the mixer itself changes nothing: lines work whether it is open or not. */
    @Override
    public void open() {
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
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
        throw new IllegalArgumentException(NAME + " has no " + control + " control");
    }

    /** Mixer events are not generated; listeners are accepted and ignored. */
    @Override
    public void addLineListener(LineListener listener) {
    }

    @Override
    public void removeLineListener(LineListener listener) {
    }
}
