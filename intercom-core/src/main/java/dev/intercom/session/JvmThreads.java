package dev.intercom.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a thread of this process by the name Linux knows it by ({@code /proc/self/task/TID/comm}),
 * for the JVM's own threads, which Java does not expose: their kernel thread id is what
 * {@code sched_setscheduler} needs.
 */
final class JvmThreads {

    private static final Path TASKS = Path.of("/proc/self/task");

    private JvmThreads() {
    }

    /**
     * @param name the thread's name as the kernel has it (at most 15 characters)
     * @return its kernel thread id, or empty when no thread has that name or there is no /proc
     * @throws IOException when /proc cannot be read
     */
    static Optional<Integer> find(String name) throws IOException {
        if (!Files.isDirectory(TASKS)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip().equals(name)) {
                        return Optional.of(Integer.parseInt(task.getFileName().toString()));
                    }
                } catch (NoSuchFileException e) {
                    // the thread ended while we looked
                }
            }
        }
        return Optional.empty();
    }
}
