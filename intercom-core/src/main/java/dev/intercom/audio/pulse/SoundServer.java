package dev.intercom.audio.pulse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The desktop's sound server (PulseAudio, or PipeWire's PulseAudio layer), asked through
 * {@code pactl}: whether it runs, and its sinks and sources. Java Sound reaches it only through
 * ALSA's {@code default} device and so sees one device; this is how intercom sees the rest.
 */
public final class SoundServer {

    private static final long TIMEOUT_SECONDS = 5;

    private final String pactl;

    private SoundServer(String pactl) {
        this.pactl = pactl;
    }

    /** @return the server's client tool, if {@code pactl} is installed (the server may still be down) */
    public static Optional<SoundServer> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path tool = Path.of(dir.isEmpty() ? "." : dir, "pactl");
            if (Files.isExecutable(tool)) {
                return Optional.of(new SoundServer(tool.toString()));
            }
        }
        return Optional.empty();
    }

    /**
     * @return when the desktop's sound server is installed but not running, a sentence saying so
     *     and how to start it, for messages about missing devices; empty otherwise
     */
    public static Optional<String> downNotice() {
        return find().flatMap(SoundServer::notRunningReason).map(reason -> "the sound server (PulseAudio or PipeWire)"
                + " is not running (pactl: " + reason + "); start it, e.g. `pulseaudio --start` or `systemctl --user"
                + " start pipewire-pulse`");
    }

    /** The answer of one pactl call. */
    private record Answer(int exitCode, String output) {
    }

    /**
     * @return empty when the server answers, otherwise why not, in one line (e.g.
     *     {@code Connection failure: Connection refused})
     */
    public Optional<String> notRunningReason() {
        Answer info = run("info");
        if (info.exitCode == 0) {
            return Optional.empty();
        }
        String said = info.output.strip().lines().findFirst().orElse("").strip();
        return Optional.of(said.isEmpty() ? "pactl info failed" : said);
    }

    /** @return the server's sinks, in its order; empty when it does not answer */
    public List<SoundServerDevice> sinks() {
        return list("sinks");
    }

    /** @return the server's sources (monitors of the sinks among them); empty when it does not answer */
    public List<SoundServerDevice> sources() {
        return list("sources");
    }

    /**
     * @param what what to list, e.g. {@code sink-inputs}
     * @return {@code pactl list what} as the tool printed it; empty when the server does not answer
     */
    Optional<String> listing(String what) {
        Answer answer = run("list", what);
        return answer.exitCode == 0 ? Optional.of(answer.output) : Optional.empty();
    }

    private List<SoundServerDevice> list(String what) {
        return listing(what).map(SoundServer::parse).orElse(List.of());
    }

    /**
     * Reads the {@code Name:} and {@code Description:} lines of {@code pactl list sinks|sources}
     * (labels are English: the tool runs with {@code LC_ALL=C}).
     */
    static List<SoundServerDevice> parse(String listing) {
        List<SoundServerDevice> devices = new ArrayList<>();
        String name = null;
        for (String line : listing.split("\n")) {
            String t = line.strip();
            if (t.startsWith("Name: ")) {
                name = t.substring(6).strip();
            } else if (t.startsWith("Description: ") && name != null) {
                devices.add(new SoundServerDevice(name, t.substring(13).strip()));
                name = null;
            }
        }
        return devices;
    }

    /**
     * Resolves {@code spec} among {@code devices}: an exact name, else the one device whose name
     * or description contains it (case-insensitive).
     *
     * @return the device's name, or empty when none or several match
     */
    public static Optional<String> match(String spec, List<SoundServerDevice> devices) {
        String wanted = spec.strip();
        for (SoundServerDevice d : devices) {
            if (d.name().equals(wanted)) {
                return Optional.of(d.name());
            }
        }
        String fragment = wanted.toLowerCase(Locale.ROOT);
        List<SoundServerDevice> matches = devices.stream()
                .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(fragment)
                        || d.description().toLowerCase(Locale.ROOT).contains(fragment))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0).name()) : Optional.empty();
    }

    private Answer run(String... args) {
        List<String> command = new ArrayList<>(List.of(pactl));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        try {
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Answer(-1, "pactl did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Answer(p.exitValue(), out);
        } catch (IOException e) {
            return new Answer(-1, "pactl could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }
}
