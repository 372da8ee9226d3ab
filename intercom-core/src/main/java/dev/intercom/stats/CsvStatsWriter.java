package dev.intercom.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes statistics rows to a CSV file: the header first, then one row per report, each
 * flushed at once so a session that dies leaves every row it reported.
 */
public final class CsvStatsWriter implements AutoCloseable {

    private final Path path;
    private final BufferedWriter out;
    private final boolean party;

    /** As {@link #CsvStatsWriter(Path, boolean)} for a session with one peer: {@link StatsRow#COLUMNS} only. */
    public CsvStatsWriter(Path path) {
        this(path, false);
    }

    /**
     * Creates (or replaces) the file and writes the header.
     *
     * @param party true for a party line: the {@link StatsRow#PEER_COLUMNS} follow the others
     * @throws UncheckedIOException with a message naming the file if it cannot be written
     */
    public CsvStatsWriter(Path path, boolean party) {
        this.path = path;
        this.party = party;
        try {
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write(String.join(",", StatsRow.COLUMNS));
            if (party) {
                out.write(',');
                out.write(String.join(",", StatsRow.PEER_COLUMNS));
            }
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the statistics file " + path + " (" + reason(e)
                    + "); check that its folder exists and is writable (--stats-file)", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Appends one row and flushes it. */
    public void write(StatsRow row) {
        try {
            out.write(row.toCsv());
            if (party) {
                out.write(',');
                out.write(row.toPeerCsv());
            }
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the statistics file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the statistics file " + path + ": " + e.getMessage(), e);
        }
    }
}
