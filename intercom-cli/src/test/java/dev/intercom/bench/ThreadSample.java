package dev.intercom.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One process's threads at one instant, read from {@code /proc/PID/task/*}: each thread's name,
 * the CPU it has run ({@code schedstat}, in nanoseconds, finer than the 10 ms ticks of
 * {@code stat}) and its voluntary and involuntary context switches ({@code status}). A voluntary
 * switch is the thread going to sleep, so it counts wake-ups.
 */
record ThreadSample(long atNanos, Map<Integer, Task> tasks) {

    /** One thread's counters. */
    record Task(String name, long cpuNanos, long voluntary, long involuntary) {
    }

    /** @return the threads of {@code pid} now; an empty sample if the process is gone */
    static ThreadSample of(long pid) {
        long at = System.nanoTime();
        Map<Integer, Task> tasks = new LinkedHashMap<>();
        Path dir = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path task : entries) {
                Task t = readTask(task);
                if (t != null) {
                    tasks.put(Integer.parseInt(task.getFileName().toString()), t);
                }
            }
        } catch (NoSuchFileException e) {
            return new ThreadSample(at, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return new ThreadSample(at, tasks);
    }

    /** @return the task's counters, or null if it ended while being read */
    private static Task readTask(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).strip();
            long cpu = Long.parseLong(Files.readString(task.resolve("schedstat")).strip().split("\\s+")[0]);
            long voluntary = 0;
            long involuntary = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return new Task(name, cpu, voluntary, involuntary);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
