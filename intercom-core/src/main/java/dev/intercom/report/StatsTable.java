package dev.intercom.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of a {@code --stats-file} CSV, by column: each column a series of numbers, blank
 * cells (not known yet) as NaN. Columns are found by name, so a file from an older or newer
 * version, with fewer or more columns, reads the same way.
 */
public final class StatsTable {

    /** The largest statistics file read: 64 MiB, a row a second for a year is less. */
    static final long MAX_BYTES = 64L << 20;

    private final Path file;
    private final Map<String, double[]> columns;
    private final int rows;

    private StatsTable(Path file, Map<String, double[]> columns, int rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads a statistics CSV.
     *
     * @throws IllegalArgumentException with a message naming the file if it cannot be read or is
     *     not a statistics file
     */
    public static StatsTable read(Path file) {
        List<String> lines;
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + " is a directory; give the CSV that --stats-file wrote");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + " is larger than 64 MiB; is it a statistics file?");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such statistics file: " + file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the statistics file " + file + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("time_s,")) {
            throw new IllegalArgumentException(file + " is not an intercom statistics file: its first line must be the"
                    + " header that --stats-file writes (time_s,sent_packets,...)");
        }
        String[] names = lines.get(0).split(",", -1);
        // A party line's CSV has a row per peer per interval: the first peer's rows are drawn
        // (its own figures, and the session-wide ones every row carries).
        int peerColumn = java.util.Arrays.asList(names).indexOf(PEER_COLUMN);
        String firstPeer = null;
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            if (peerColumn >= 0) {
                String[] cells = line.split(",", -1);
                String peer = peerColumn < cells.length ? cells[peerColumn] : "";
                firstPeer = firstPeer == null ? peer : firstPeer;
                if (!peer.equals(firstPeer)) {
                    continue;
                }
            }
            body.add(line);
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String name : names) {
            if (!name.equals(PEER_COLUMN)) {
                columns.put(name, new double[body.size()]);
            }
        }
        for (int r = 0; r < body.size(); r++) {
            String[] cells = body.get(r).split(",", -1);
            for (int c = 0; c < names.length; c++) {
                if (c != peerColumn) {
                    columns.get(names[c])[r] = c < cells.length ? number(file, r + 2, names[c], cells[c]) : Double.NaN;
                }
            }
        }
        return new StatsTable(file, columns, body.size());
    }

    /** The party line's column naming the peer of a row: text, not a figure. */
    private static final String PEER_COLUMN = "peer";

    private static double number(Path file, int line, String column, String cell) {
        if (cell.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ": " + column + " is '" + cell
                    + "', not a number", e);
        }
    }

    /** @return the file read */
    public Path file() {
        return file;
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the column's values, NaN where blank; empty if the file has no such column */
    public Optional<double[]> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /**
     * @return how much a cumulative count grew in each interval (the first row counts from 0);
     *     empty if there is no such column
     */
    public Optional<double[]> perInterval(String name) {
        return column(name).map(total -> {
            double[] delta = new double[total.length];
            double previous = 0;
            for (int i = 0; i < total.length; i++) {
                delta[i] = Double.isNaN(total[i]) ? Double.NaN : total[i] - previous;
                if (!Double.isNaN(total[i])) {
                    previous = total[i];
                }
            }
            return delta;
        });
    }
}
