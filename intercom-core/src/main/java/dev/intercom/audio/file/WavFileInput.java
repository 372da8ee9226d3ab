package dev.intercom.audio.file;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input that plays a WAV file in real time, as if someone were playing it into the
 * microphone, then goes on capturing silence for as long as it is read.
 *
 * <p>The file is converted to the session's format (16-bit PCM at its rate and channel count)
 * by Java Sound when Java Sound can do so in one step: PCM of any width, float, any rate, any
 * channel count. u-law and a-law files convert only at their own rate; other cases fail when
 * the input is created, with a message naming both formats. Java Sound also reads AIFF and AU.
 */
public final class WavFileInput extends PacedInput {

    private static final Logger LOG = LoggerFactory.getLogger(WavFileInput.class);

    /** A converter that keeps answering "0 bytes" is treated as the end rather than spun on. */
    private static final int MAX_EMPTY_READS = 8;

    private final Path path;
    private final AudioInputStream stream;
    private final byte[] bytes;
    private boolean open = true;
    private volatile boolean exhausted;
    private volatile long framesRead;

    /**
     * Opens the file and sets up the conversion to the session's format.
     *
     * @param path   the audio file to play
     * @param format the session's format
     * @param clock  the time source that paces reads ({@link NanoClock#SYSTEM} outside tests)
     * @throws AudioDeviceException if the file is missing, is not audio Java Sound can read, or
     *     cannot be converted to {@code format}
     */
    public WavFileInput(Path path, StreamFormat format, NanoClock clock) {
        super(format, clock);
        this.path = path;
        this.bytes = new byte[format.bytesPerBlock()];
        this.stream = open(path, format);
    }

    private static AudioInputStream open(Path path, StreamFormat format) {
        if (Files.isDirectory(path)) {
            throw new AudioDeviceException("Cannot play " + path + ": it is a directory; give a WAV file");
        }
        if (!Files.exists(path)) {
            throw new AudioDeviceException("WAV file not found: " + path + "; check the path");
        }
        if (!Files.isRegularFile(path)) {
            throw new AudioDeviceException("Cannot play " + path
                    + ": it is a device, pipe or socket, not a regular file; give a WAV file");
        }
        checkHeader(path);
        AudioInputStream source;
        try {
            source = AudioSystem.getAudioInputStream(path.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new AudioDeviceException("Cannot play " + path
                    + ": it is not a WAV file Java Sound can read; give a PCM WAV file", e);
        } catch (IOException e) {
            throw new AudioDeviceException("Cannot read WAV file " + path + " ("
                    + WavFileOutput.reason(e) + "); check that it is readable", e);
        }
        AudioFormat target = sessionFormat(format);
        AudioFormat found = source.getFormat();
        if (found.matches(target)) {
            return source;
        }
        if (AudioSystem.isConversionSupported(target, found)) {
            try {
                AudioInputStream converted = AudioSystem.getAudioInputStream(target, source);
                // Say so: a 44.1 kHz stereo float file played at 48 kHz mono is not what it seems.
                LOG.info("input: {} is {}; converting it to the session's {}", path.getFileName(), describe(found),
                        describe(target));
                return converted;
            } catch (IllegalArgumentException e) {
                // Fall through: the provider claimed support, then refused.
            }
        }
        closeQuietly(source);
        throw new AudioDeviceException("Cannot play " + path + ": Java Sound cannot convert its "
                + describe(found) + " to the session's " + describe(target)
                + "; convert the file first, e.g. sox " + path.getFileName() + " -e signed -b 16 -r "
                + format.sampleRate() + " -c " + format.channels() + " converted.wav");
    }

    /**
     * Refuses a RIFF/WAVE file whose header values are impossible, naming the value. Files that
     * are not RIFF (AIFF, AU) are left to Java Sound, which refuses what it cannot read.
     */
    private static void checkHeader(Path path) {
        String fault;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            fault = WavHeader.read(ch, path).fault();
        } catch (IOException e) {
            return; // not a WAV file we can parse: Java Sound gives its own message below
        }
        if (fault != null) {
            throw new AudioDeviceException("Cannot play " + path + ": its WAV header says " + fault
                    + "; the file is damaged or not really WAV");
        }
    }

    /** @return 16-bit signed little-endian PCM at the session's rate and channel count */
    private static AudioFormat sessionFormat(StreamFormat format) {
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.sampleRate(),
                Short.SIZE, format.channels(), format.bytesPerFrame(), format.sampleRate(), false);
    }

    /** @return e.g. {@code "8-bit u-law, 8000 Hz, 1 channel"}: shorter than AudioFormat's own text */
    static String describe(AudioFormat f) {
        AudioFormat.Encoding e = f.getEncoding();
        String kind;
        if (AudioFormat.Encoding.PCM_SIGNED.equals(e)) {
            kind = "PCM";
        } else if (AudioFormat.Encoding.PCM_UNSIGNED.equals(e)) {
            kind = "unsigned PCM";
        } else if (AudioFormat.Encoding.PCM_FLOAT.equals(e)) {
            kind = "float";
        } else if (AudioFormat.Encoding.ULAW.equals(e)) {
            kind = "u-law";
        } else if (AudioFormat.Encoding.ALAW.equals(e)) {
            kind = "a-law";
        } else {
            kind = e.toString();
        }
        float rate = f.getSampleRate();
        String hz = rate == Math.rint(rate) ? Long.toString((long) rate) : Float.toString(rate);
        int channels = f.getChannels();
        return f.getSampleSizeInBits() + "-bit " + kind + ", " + hz + " Hz, " + channels
                + (channels == 1 ? " channel" : " channels");
    }

    @Override
    synchronized boolean fill(short[] block) {
        if (!open) {
            return false;
        }
        int got = exhausted ? 0 : readBlockBytes();
        int frameBytes = format().bytesPerFrame();
        int samples = (got - got % frameBytes) / StreamFormat.BYTES_PER_SAMPLE;
        for (int i = 0; i < samples; i++) {
            block[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        // Past the end of the file the microphone hears silence.
        Arrays.fill(block, samples, format().samplesPerBlock(), (short) 0);
        framesRead += samples / format().channels();
        return true;
    }

    /** Reads up to one block of bytes; marks the file exhausted at its end. */
    private int readBlockBytes() {
        int got = 0;
        int emptyReads = 0;
        try {
            while (got < bytes.length) {
                int n = stream.read(bytes, got, bytes.length - got);
                if (n < 0 || (n == 0 && ++emptyReads > MAX_EMPTY_READS)) {
                    endOfFile();
                    break;
                }
                got += n;
            }
        } catch (IOException e) {
            LOG.warn("Reading {} failed ({}); playing silence from here on", path, dev.intercom.problem.Problems.text(e));
            endOfFile();
        }
        return got;
    }

    private void endOfFile() {
        exhausted = true;
        // Let go of the file now; the input itself stays open, capturing silence.
        closeQuietly(stream);
    }

    @Override
    synchronized void release() {
        if (open) {
            open = false;
            closeQuietly(stream);
        }
    }

    /** @return frames of the file played so far, in the session's format */
    public long framesRead() {
        return framesRead;
    }

    /** @return whether the whole file has been played and the input now captures silence */
    public boolean exhausted() {
        return exhausted;
    }

    /** @return e.g. {@code "file greeting.wav"} */
    @Override
    public String describe() {
        return "file " + path.getFileName();
    }

    private static void closeQuietly(AudioInputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Nothing left to read from it either way.
        }
    }
}
