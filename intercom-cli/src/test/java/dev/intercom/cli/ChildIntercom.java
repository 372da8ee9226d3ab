package dev.intercom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line in a JVM of its own, as a user runs it, with its log and output read line by line. */
final class ChildIntercom implements AutoCloseable {

    private final Process process;
    private final BufferedReader lines;
    private final List<String> seen = new ArrayList<>();

    private ChildIntercom(Process process) {
        this.process = process;
        this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildIntercom start(List<String> args) throws IOException {
        List<String> command = IntercomJvm.command();
        command.addAll(args);
        return new ChildIntercom(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Reads until a line contains {@code marker}; fails if the output ends first. */
    void waitFor(String marker) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            seen.add(line);
            if (line.contains(marker)) {
                return;
            }
        }
        throw new AssertionError("never printed '" + marker + "': " + String.join("\n", seen));
    }

    /** Sends {@code signal} (INT, TERM) to the process. */
    void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
    }

    /** Reads the rest and waits for the exit; @return the exit code */
    int finish() throws IOException, InterruptedException {
        String line;
        while ((line = lines.readLine()) != null) {
            seen.add(line);
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("still running: " + output());
        }
        return process.exitValue();
    }

    /** @return every line read so far */
    String output() {
        return String.join("\n", seen);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
