package dev.intercom.audio.javasound;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.StreamFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * Opens the capture or playback line for a stream format on a chosen (or the default) mixer,
 * turning every Java Sound failure into an {@link AudioDeviceException} that tells the user
 * what to do.
 */
final class LineOpener {

    private LineOpener() {
    }

    /** @return signed 16-bit little-endian PCM in the stream's rate and channels */
    static AudioFormat pcm16(StreamFormat format) {
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.sampleRate(), 16,
                format.channels(), format.bytesPerFrame(), format.sampleRate(), false);
    }

    /** @return "device 'NAME'" or "default device", for describe() and messages */
    static String deviceName(Mixer.Info mixerOrNull) {
        return mixerOrNull == null ? "default device" : "device '" + mixerOrNull.getName() + "'";
    }

    /**
     * Opens a line with an explicit buffer of {@code bufferBytes}; the caller reads back what
     * the device granted with {@link DataLine#getBufferSize()}.
     */
    static <L extends DataLine> L open(Class<L> lineClass, Direction direction,
            StreamFormat format, Mixer.Info mixerOrNull, int bufferBytes) {
        AudioFormat audioFormat = pcm16(format);
        DataLine.Info wanted = new DataLine.Info(lineClass, audioFormat);
        L line;
        try {
            Line found;
            if (mixerOrNull == null) {
                if (!AudioSystem.isLineSupported(wanted)) {
                    throw unsupported(direction, format, null);
                }
                found = AudioSystem.getLine(wanted);
            } else {
                Mixer mixer = AudioSystem.getMixer(mixerOrNull);
                if (!mixer.isLineSupported(wanted)) {
                    throw unsupported(direction, format, mixerOrNull);
                }
                found = mixer.getLine(wanted);
            }
            line = lineClass.cast(found);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw unsupported(direction, format, mixerOrNull);
        } catch (LineUnavailableException | SecurityException e) {
            throw unavailable(direction, mixerOrNull, e);
        }
        try {
            // open(format, bufferSize) is declared on each line type, not on DataLine.
            if (line instanceof TargetDataLine capture) {
                capture.open(audioFormat, bufferBytes);
            } else {
                ((SourceDataLine) line).open(audioFormat, bufferBytes);
            }
            return line;
        } catch (IllegalArgumentException e) {
            line.close();
            throw unsupported(direction, format, mixerOrNull);
        } catch (LineUnavailableException | SecurityException | IllegalStateException e) {
            line.close();
            throw unavailable(direction, mixerOrNull, e);
        }
    }

    private static AudioDeviceException unsupported(Direction direction, StreamFormat format,
            Mixer.Info mixerOrNull) {
        if (mixerOrNull == null && !new DeviceCatalogue().hasDevice(direction)) {
            return new AudioDeviceException(direction.noDeviceMessage());
        }
        return new AudioDeviceException("the " + direction.word + " "
                + deviceName(mixerOrNull) + " cannot " + direction.verb + " 16-bit "
                + format.sampleRate() + " Hz " + format.channels() + "-channel audio; try another"
                + " --rate or --channels, another " + direction.flag
                + " device (run `intercom devices`), or " + direction.alternatives);
    }

    private static AudioDeviceException unavailable(Direction direction, Mixer.Info mixerOrNull,
            Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage().strip().replaceAll("\\s+", " ");
        return new AudioDeviceException("the " + direction.word + " " + deviceName(mixerOrNull)
                + " is unavailable (" + reason + "); close other programs using it, pick another"
                + " with " + direction.flag + " (run `intercom devices`), or "
                + direction.alternatives, cause);
    }
}
