package dev.intercom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool (gst-launch-1.0, tshark) run beside the test, its output collected in a
 * file, always ended: gracefully with SIGINT (so gst-launch -e finalises its files), then by force.
 */
final class ExternalProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String name;

    private ExternalProcess(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    static ExternalProcess start(Path dir, String name, List<String> command) throws IOException {
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ExternalProcess(p, log, name);
    }

    /** @return whether the tool is installed (on the PATH) */
    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the tool to end by itself. */
    boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Sends SIGINT and waits for the tool to finish its files and exit. */
    void interrupt(long seconds) throws IOException, InterruptedException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            process.waitFor(seconds, TimeUnit.SECONDS);
        }
    }

    /** Has a JVM print its threads' stacks into its output (SIGQUIT), for a test that found it hung. */
    void dumpThreads() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor();
        Thread.sleep(1_000);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until some socket on this machine is bound to UDP {@code port} (the tool's receiver,
     * as {@code /proc/net/udp} and {@code udp6} list it), or the tool has ended. Read, not probed
     * by binding: a probe holding the port for a moment could make the tool's own bind fail. A
     * fixed second of sleep was not enough for ffmpeg under two busy loops: it missed the start
     * of a 4 s stream and waited for the rest of what it was asked to record.
     *
     * @return whether the port was bound within {@code seconds}
     */
    boolean awaitUdpBound(int port, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String wanted = String.format(":%04X", port);
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
                Path path = Path.of(table);
                List<String> rows = Files.exists(path) ? Files.readAllLines(path) : List.of();
                for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) { // after the header
                    String[] fields = row.trim().split("\\s+");
                    if (fields.length > 1 && fields[1].endsWith(wanted)) { // local_address, e.g. 0100007F:9C41
                        return true;
                    }
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * Waits until the tool has printed {@code text} (e.g. tshark's "Capturing on"), or has ended.
     *
     * @return whether it printed it within {@code seconds}
     */
    boolean awaitPrinted(String text, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!printed().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return printed().contains(text);
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** @return what the tool has printed so far, standard output and error together */
    String printed() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** @return {@link #printed()} headed by the tool's name, for an assertion's message */
    String output() throws IOException {
        return name + " said:\n" + printed();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
