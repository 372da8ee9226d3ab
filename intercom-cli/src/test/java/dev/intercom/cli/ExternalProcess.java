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
