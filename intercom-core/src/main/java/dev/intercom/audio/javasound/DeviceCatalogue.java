package dev.intercom.audio.javasound;

import dev.intercom.audio.AudioDeviceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;

/**
 * Lists the Java Sound mixers that can capture or play PCM and resolves what the user typed
 * after {@code --input} / {@code --output} to one of them.
 *
 * <p>Only mixers offering a {@code TargetDataLine} or {@code SourceDataLine} are listed (port
 * mixers, which only control volumes, are not), numbered from 0 in {@link AudioSystem}'s order.
 * Every call scans {@link AudioSystem} afresh, so devices plugged in meanwhile show up.
 */
public final class DeviceCatalogue {

    /** The word that asks for Java Sound's own choice of device. */
    public static final String DEFAULT_SPEC = "default";

    private static final String LIST_HINT = "(run `intercom devices`)";

    /** A listed device together with the mixer it stands for. */
    private record Entry(Mixer.Info mixerInfo, AudioDevice device) {
    }

    private final Supplier<List<Mixer>> mixers;

    /** Creates a catalogue reading {@link AudioSystem}. */
    public DeviceCatalogue() {
        this(DeviceCatalogue::audioSystemMixers);
    }

    /** Creates a catalogue over the given mixers, in order; for tests. */
    DeviceCatalogue(Supplier<List<Mixer>> mixers) {
        this.mixers = mixers;
    }

    private static List<Mixer> audioSystemMixers() {
        List<Mixer> found = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                found.add(AudioSystem.getMixer(info));
            } catch (IllegalArgumentException | SecurityException gone) {
                // unplugged between the two calls, or not ours to use: not listed
            }
        }
        return found;
    }

    /** @return the mixers that can capture or play, in {@link AudioSystem}'s order */
    public List<AudioDevice> devices() {
        return scan().stream().map(Entry::device).toList();
    }

    /**
     * Formats devices one per line like Python's {@code sounddevice.query_devices()}: a marker
     * ({@code >} default input, {@code <} default output, {@code *} both), the index, the name,
     * the description and {@code (N in, M out)}.
     *
     * @return the table, or a one-line note when {@code devices} is empty
     */
    public String formatTable(List<AudioDevice> devices) {
        if (devices.isEmpty()) {
            return "no audio devices found on this machine";
        }
        int width = devices.stream().mapToInt(d -> Integer.toString(d.index()).length()).max()
                .orElse(1);
        StringBuilder table = new StringBuilder();
        for (AudioDevice device : devices) {
            table.append(marker(device)).append(' ')
                    .append(String.format(Locale.ROOT, "%" + width + "d", device.index()))
                    .append(' ').append(device.name());
            if (!device.description().isBlank()) {
                table.append(", ").append(device.description());
            }
            table.append(' ').append(device.channelSummary()).append('\n');
        }
        return table.toString();
    }

    /**
     * Resolves an {@code --input} spec.
     *
     * @param spec {@code default} (or null/blank), a device index, or a case-insensitive
     *             fragment of a device name
     * @return the mixer to capture from, or {@code null} to let {@link AudioSystem} choose
     * @throws AudioDeviceException when nothing, or more than one device, matches
     */
    public Mixer.Info findInput(String spec) {
        return find(spec, Direction.INPUT);
    }

    /**
     * Resolves an {@code --output} spec.
     *
     * @param spec {@code default} (or null/blank), a device index, or a case-insensitive
     *             fragment of a device name
     * @return the mixer to play on, or {@code null} to let {@link AudioSystem} choose
     * @throws AudioDeviceException when nothing, or more than one device, matches
     */
    public Mixer.Info findOutput(String spec) {
        return find(spec, Direction.OUTPUT);
    }

    /** @return whether any mixer offers a line for {@code direction} */
    boolean hasDevice(Direction direction) {
        return scan().stream().anyMatch(e -> offers(e.device(), direction));
    }

    private Mixer.Info find(String spec, Direction direction) {
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase(DEFAULT_SPEC)) {
            return null;
        }
        String wanted = spec.strip();
        List<Entry> capable = scan().stream().filter(e -> offers(e.device(), direction)).toList();
        if (capable.isEmpty()) {
            throw new AudioDeviceException(direction.noDeviceMessage());
        }
        if (wanted.chars().allMatch(Character::isDigit) && wanted.length() < 10) {
            int index = Integer.parseInt(wanted);
            return capable.stream().filter(e -> e.device().index() == index).findFirst()
                    .map(Entry::mixerInfo)
                    .orElseThrow(() -> notFound("has index " + index, capable, direction));
        }
        String fragment = wanted.toLowerCase(Locale.ROOT);
        List<Entry> matches = capable.stream()
                .filter(e -> e.device().name().toLowerCase(Locale.ROOT).contains(fragment))
                .toList();
        // A full name wins over the longer names that merely contain it.
        List<Entry> exact = matches.stream()
                .filter(e -> e.device().name().equalsIgnoreCase(wanted)).toList();
        if (exact.size() == 1) {
            return exact.get(0).mixerInfo();
        }
        if (matches.size() == 1) {
            return matches.get(0).mixerInfo();
        }
        if (matches.isEmpty()) {
            throw notFound("matches '" + wanted + "'", capable, direction);
        }
        throw new AudioDeviceException("audio " + direction.word + " device name '" + wanted
                + "' is ambiguous, it matches " + summaries(matches)
                + "; give the index or more of the name " + LIST_HINT);
    }

    private static AudioDeviceException notFound(String what, List<Entry> capable,
            Direction direction) {
        return new AudioDeviceException("no audio " + direction.word + " device " + what + "; "
                + direction.word + " devices: " + summaries(capable) + " " + LIST_HINT + ", or "
                + direction.alternatives);
    }

    private static String summaries(List<Entry> entries) {
        return entries.stream().map(e -> e.device().summary()).collect(Collectors.joining(", "));
    }

    private static boolean offers(AudioDevice device, Direction direction) {
        return direction == Direction.INPUT ? device.hasInput() : device.hasOutput();
    }

    private static char marker(AudioDevice device) {
        if (device.defaultInput() && device.defaultOutput()) {
            return '*';
        }
        return device.defaultInput() ? '>' : device.defaultOutput() ? '<' : ' ';
    }

    /** Reads every mixer once, then works out the defaults over the whole list. */
    private List<Entry> scan() {
        List<Mixer.Info> infos = new ArrayList<>();
        List<int[]> channels = new ArrayList<>();
        List<Boolean> mixing = new ArrayList<>();
        for (Mixer mixer : mixers.get()) {
            DataLine.Info playback = firstDataLine(mixer.getSourceLineInfo(), Direction.OUTPUT);
            int in = maxChannels(mixer.getTargetLineInfo(), Direction.INPUT);
            int out = maxChannels(mixer.getSourceLineInfo(), Direction.OUTPUT);
            if (in == 0 && out == 0) {
                continue;
            }
            infos.add(mixer.getMixerInfo());
            channels.add(new int[] {in, out});
            mixing.add(playback != null && canMix(mixer, playback));
        }
        int defaultIn = defaultIndex(infos, channels, Direction.INPUT, null);
        int defaultOut = defaultIndex(infos, channels, Direction.OUTPUT, mixing);
        List<Entry> entries = new ArrayList<>(infos.size());
        for (int i = 0; i < infos.size(); i++) {
            Mixer.Info info = infos.get(i);
            entries.add(new Entry(info, new AudioDevice(i, info.getName(),
                    info.getDescription() == null ? "" : info.getDescription(), channels.get(i)[0],
                    channels.get(i)[1], i == defaultIn, i == defaultOut)));
        }
        return entries;
    }

    /**
     * Mirrors {@link AudioSystem#getLine}: a mixer named by the line class's system property
     * ({@code [provider]#name}) first; otherwise the first mixer that can mix several
     * playback lines, then the first mixer at all. Providers named without a mixer name are
     * not honoured here.
     *
     * @param mixing for playback, whether each mixer can mix; null for capture
     * @return the default's position, or -1
     */
    private static int defaultIndex(List<Mixer.Info> infos, List<int[]> channels,
            Direction direction, List<Boolean> mixing) {
        int column = direction == Direction.INPUT ? 0 : 1;
        String property = System.getProperty(direction.lineClass.getName());
        int hash = property == null ? -1 : property.indexOf('#');
        if (hash >= 0 && hash < property.length() - 1) {
            String name = property.substring(hash + 1);
            for (int i = 0; i < infos.size(); i++) {
                if (channels.get(i)[column] != 0 && infos.get(i).getName().equals(name)) {
                    return i;
                }
            }
        }
        if (mixing != null) {
            for (int i = 0; i < infos.size(); i++) {
                if (channels.get(i)[column] != 0 && mixing.get(i)) {
                    return i;
                }
            }
        }
        for (int i = 0; i < infos.size(); i++) {
            if (channels.get(i)[column] != 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean canMix(Mixer mixer, Line.Info playback) {
        int maxLines = mixer.getMaxLines(playback);
        return maxLines == AudioSystem.NOT_SPECIFIED || maxLines > 1;
    }

    private static DataLine.Info firstDataLine(Line.Info[] infos, Direction direction) {
        for (Line.Info info : infos) {
            if (info instanceof DataLine.Info dataLine
                    && direction.lineClass.isAssignableFrom(info.getLineClass())) {
                return dataLine;
            }
        }
        return null;
    }

    /**
     * @return the most channels any of the direction's data line formats offers, 0 when the
     *     mixer has no such line, {@link AudioDevice#ANY_CHANNELS} when a format leaves it open
     */
    private static int maxChannels(Line.Info[] infos, Direction direction) {
        int max = 0;
        for (Line.Info info : infos) {
            if (!(info instanceof DataLine.Info dataLine)
                    || !direction.lineClass.isAssignableFrom(info.getLineClass())) {
                continue;
            }
            for (AudioFormat format : dataLine.getFormats()) {
                if (format.getChannels() == AudioSystem.NOT_SPECIFIED) {
                    return AudioDevice.ANY_CHANNELS;
                }
                max = Math.max(max, format.getChannels());
            }
        }
        return max;
    }
}
