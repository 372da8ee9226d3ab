package dev.intercom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real sound server for the sound-stack tests, PulseAudio or PipeWire with its PulseAudio layer
 * ({@link #startPipeWire}), started in user mode in a folder of its own (its sockets, cookie and
 * state live there, so it never meets a desktop's server) with null sinks standing in for the
 * sound card:
 *
 * <pre>
 *   card       stereo null sink: the "sound card"; its monitor records both channels on one clock
 *   mic        remap source of card's LEFT channel: the default source (what intercom captures)
 *   speaker    remap sink onto card's RIGHT channel: the default sink (where intercom plays)
 *   voice      remap sink onto card's LEFT channel: where the test's talker plays into the mic
 *   other      a second stereo null sink, to prove that --output picks a sink by name
 * </pre>
 *
 * So a recording of {@code card.monitor} holds what went in (left) and what came out (right)
 * sample-aligned. Child processes reach the server through {@link #environment()}.
 */
final class PulseAudioServer implements AutoCloseable {

    static final int RATE = 48_000;

    /** The card, as modules: loaded by PulseAudio's script, or by pactl into PipeWire's Pulse layer. */
    private static final List<String> CARD = List.of(
            "load-module module-null-sink sink_name=card rate=48000 channels=2"
                    + " sink_properties=device.description=Card",
            "load-module module-null-sink sink_name=other rate=48000 channels=2"
                    + " sink_properties=device.description=Other",
            "load-module module-remap-source source_name=mic master=card.monitor channels=1"
                    + " master_channel_map=front-left channel_map=mono source_properties=device.description=Mic",
            "load-module module-remap-sink sink_name=speaker master=card channels=1"
                    + " master_channel_map=front-right channel_map=mono sink_properties=device.description=Speaker",
            "load-module module-remap-sink sink_name=voice master=card channels=1"
                    + " master_channel_map=front-left channel_map=mono sink_properties=device.description=Voice",
            "set-default-sink speaker",
            "set-default-source mic");

    private static final String CONFIG = "load-module module-native-protocol-unix auth-anonymous=1\n"
            + String.join("\n", CARD) + "\n";

    private final Path dir;
    /** The server's processes, in the order they were started. */
    private final List<Process> processes;
    private final Path log;
    private final boolean realTime;

    private PulseAudioServer(Path dir, List<Process> processes, Path log, boolean realTime) {
        this.realTime = realTime;
        this.dir = dir;
        this.processes = processes;
        this.log = log;
    }

    /** @return why the sound-stack tests cannot run here, or empty when they can */
    static Optional<String> missingTools() {
        for (String tool : List.of("pulseaudio", "pactl", "parec", "paplay")) {
            if (!ExternalProcess.available(tool)) {
                return Optional.of(tool + " is not installed (Debian: pulseaudio pulseaudio-utils libasound2-plugins;"
                        + " .ci/run installs them)");
            }
        }
        if (!Files.exists(Path.of("/usr/share/alsa/alsa.conf.d/pulse.conf"))
                && !Files.exists(Path.of("/etc/alsa/conf.d/99-pulse.conf"))) {
            return Optional.of("the ALSA pulse plugin is not installed (Debian: libasound2-plugins)");
        }
        return Optional.empty();
    }

    /**
     * Starts a server in {@code dir} and waits until it answers.
     *
     * @throws IOException with the server's log when it does not come up within 10 s
     */
    static PulseAudioServer start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve(".config/pulse"));
        Path script = dir.resolve("intercom-test.pa");
        Files.writeString(script, CONFIG, StandardCharsets.UTF_8);
        // The rate of the card; real-time scheduling as a desktop has it, where the machine allows.
        Files.writeString(dir.resolve(".config/pulse/daemon.conf"), "default-sample-rate = 48000\n"
                + "realtime-scheduling = yes\nhigh-priority = yes\n", StandardCharsets.UTF_8);
        Path log = dir.resolve("pulseaudio.log");
        boolean realTime = realTime();
        List<String> command = new ArrayList<>(realTime ? List.of("chrt", "-f", "5") : List.of());
        command.addAll(List.of("pulseaudio", "-n", "-F", script.toString(), "--daemonize=no",
                "--exit-idle-time=-1", "--use-pid-file=no", "--log-target=stderr",
                // Without shared memory: PulseAudio 16 aborts (memblock_replace_import assertion)
                // now and then when a client that shared memory with it is killed, as tests do.
                "--disable-shm=yes"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment(dir));
        builder.environment().put("HOME", dir.toString()); // its cookie and state stay in the folder
        Process daemon = builder.start();
        PulseAudioServer server = new PulseAudioServer(dir, new ArrayList<>(List.of(daemon)), log, realTime);
        server.awaitAnswer("PulseAudio");
        if (realTime) {
            server.mainThreadRealTime(daemon.pid());
        }
        return server;
    }

    /** @return why the PipeWire tier cannot run here, or empty when it can */
    static Optional<String> missingPipeWire() {
        for (String tool : List.of("pipewire", "wireplumber", "pipewire-pulse", "dbus-daemon")) {
            if (!ExternalProcess.available(tool)) {
                return Optional.of(tool + " is not installed (Debian: pipewire pipewire-pulse wireplumber dbus-daemon;"
                        + " .ci/run installs them)");
            }
        }
        return missingTools();
    }

    /**
     * Starts PipeWire as a desktop runs it, headless: a private D-Bus session bus (WirePlumber
     * will not run without one), {@code pipewire}, the {@code wireplumber} session manager that
     * links streams to sinks, and {@code pipewire-pulse}, the PulseAudio layer that Java Sound
     * reaches through the ALSA pulse plugin; then the card's modules through pactl.
     *
     * @throws IOException with the logs when it does not come up within 10 s
     */
    static PulseAudioServer startPipeWire(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("home"));
        Path bus = dir.resolve("run/bus");
        Map<String, String> env = environment(dir);
        env.put("HOME", dir.resolve("home").toString());
        env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + bus);
        env.remove("PULSE_SERVER"); // pipewire-pulse makes the socket there; it must not look for another
        List<Process> processes = new ArrayList<>();
        Path log = dir.resolve("pipewire.log");
        boolean realTime = realTime();
        PulseAudioServer server = new PulseAudioServer(dir, processes, log, realTime);
        try {
            processes.add(daemon(List.of("dbus-daemon", "--session", "--address=unix:path=" + bus, "--nofork",
                    "--nopidfile"), env, dir.resolve("dbus.log")));
            awaitFile(bus);
            processes.add(daemon(List.of("pipewire"), env, log));
            processes.add(daemon(List.of("wireplumber"), env, dir.resolve("wireplumber.log")));
            processes.add(daemon(List.of("pipewire-pulse"), env, dir.resolve("pipewire-pulse.log")));
            server.awaitAnswer("PipeWire");
            if (realTime) {
                // As for PulseAudio: pipewire-pulse's main thread carries every block between the
                // clients and the graph; the graph's own data threads are real-time already.
                server.mainThreadRealTime(processes.get(processes.size() - 1).pid());
            }
            for (String module : CARD) {
                server.pactlUntilDone(module);
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Runs one of the card's pactl commands, again every 100 ms for at most 10 s while it fails:
     * pipewire-pulse answers "Not supported" to set-default-sink until WirePlumber has published
     * the "default" metadata, which a slow machine's WirePlumber does some seconds after the server
     * first answers.
     */
    private void pactlUntilDone(String command) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ToolRun run = pactl(command.split(" "));
            if (run.exitCode() == 0) {
                return;
            }
            if (System.nanoTime() > deadline || !command.startsWith("set-default-")) {
                throw new IOException("pactl " + command + " failed: " + run.output());
            }
            Thread.sleep(100);
        }
    }

    private static Process daemon(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("PULSE_SERVER");
        return builder.start();
    }

    private static void awaitFile(Path path) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(path)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(path + " did not appear");
            }
            Thread.sleep(50);
        }
    }

    /** Waits until pactl gets an answer, at most 10 s. */
    private void awaitAnswer(String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (processes.stream().anyMatch(p -> !p.isAlive())) {
                break;
            }
            if (pactl("info").exitCode == 0) {
                return;
            }
            Thread.sleep(100);
        }
        String said = Files.readString(log, StandardCharsets.UTF_8);
        close();
        throw new IOException(what + " did not start:\n" + said);
    }

    /**
     * @return whether the server can start at real-time priority, as a desktop's does (its I/O
     *     threads at SCHED_FIFO 5, as PulseAudio's realtime-priority default), so that a busy
     *     machine starves it no more than it would on a desktop
     */
    private static boolean realTime() throws IOException, InterruptedException {
        if (!ExternalProcess.available("chrt")) {
            return false;
        }
        Process probe = new ProcessBuilder("chrt", "-f", "5", "true").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    /**
     * Moves PulseAudio's main thread to SCHED_FIFO 5 too (it drops it to normal scheduling at
     * nice -11 itself; only its sinks' I/O threads run real-time). Without shared memory, which
     * these tests turn off ({@link #start}), every block a client plays or records passes through
     * that main thread, as the server has no shared ring buffer (srbchannel) to hand it to the
     * I/O thread directly; left at normal priority, a busy machine delays it past a short line
     * buffer. Measured at block 128 with two busy loops: 16 device underruns in the first 11 s
     * before, 1 after.
     */
    private void mainThreadRealTime(long pid) throws IOException, InterruptedException {
        Process chrt = new ProcessBuilder("chrt", "-f", "-p", "5", Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!chrt.waitFor(5, TimeUnit.SECONDS) || chrt.exitValue() != 0) {
            throw new IOException("chrt -f -p 5 " + pid + " failed, though chrt -f 5 worked");
        }
    }

    private static Map<String, String> environment(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        env.put("PULSE_SERVER", "unix:" + dir.resolve("run/pulse/native"));
        env.remove("PULSE_SINK");
        env.remove("PULSE_SOURCE");
        return env;
    }

    /** @return the variables a client process needs to reach this server (and no desktop's) */
    Map<String, String> environment() {
        return environment(dir);
    }

    /** The result of a pulse client tool. */
    record ToolRun(int exitCode, String output) {
    }

    /** Runs {@code pactl args...} against this server, at most 10 s. */
    ToolRun pactl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pactl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new ToolRun(-1, out);
        }
        return new ToolRun(p.exitValue(), out);
    }

    /**
     * Records a sink's monitor, raw 16-bit little-endian stereo at {@link #RATE}, into {@code raw}
     * until the process is ended.
     */
    Process record(String sink, Path raw) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(hardware("parec", "--raw", "-d", sink + ".monitor",
                "--format=s16le", "--rate=" + RATE, "--channels=2", "--latency-msec=20"))
                .redirectOutput(raw.toFile()).redirectError(dir.resolve("parec-" + sink + ".log").toFile());
        builder.environment().putAll(environment());
        return builder.start();
    }

    /**
     * @return the command for a tool that stands in for the sound card's other side (the talker,
     *     the recorder): at the server's real-time priority where it has one, so that a busy
     *     machine cannot put gaps into the test's own signal
     */
    private List<String> hardware(String... command) {
        List<String> full = new ArrayList<>(realTime ? List.of("chrt", "-f", "5") : List.of());
        full.addAll(List.of(command));
        return full;
    }

    /** Plays a WAV file into a sink, returning the player's process. */
    Process play(Path wav, String sink) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(hardware("paplay", "-d", sink, "--latency-msec=20",
                wav.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("paplay.log").toFile());
        builder.environment().putAll(environment());
        return builder.start();
    }

    /** Kills the server at once, as a crash would. */
    void kill() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** @return what the server logged */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) { // the last started first
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
