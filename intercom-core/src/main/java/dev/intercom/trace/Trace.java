package dev.intercom.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A recorded packet trace: for each packet the sender sent, its extended sequence number, its
 * send time (from the RTP timestamp) and its arrival time on the receiver's clock, or NaN if it
 * never arrived. Times are milliseconds; only differences matter.
 *
 * @param sequence  extended sequence numbers, ascending
 * @param sendMs    send times
 * @param arrivalMs arrival times, NaN for lost packets
 */
public record Trace(long[] sequence, double[] sendMs, double[] arrivalMs) {

    /** @return how many packets the sender sent */
    public int packets() {
        return sequence.length;
    }

    /** @return packets that never arrived */
    public int lost() {
        int lost = 0;
        for (double a : arrivalMs) {
            if (Double.isNaN(a)) {
                lost++;
            }
        }
        return lost;
    }

    /**
     * @return the usual time between two packets sent one after the other (the median over
     *     consecutive sequence numbers), in ms: the sender's packet duration; NaN with fewer
     *     than two such packets
     */
    public double typicalPacketMs() {
        double[] gaps = new double[Math.max(0, sequence.length - 1)];
        int n = 0;
        for (int i = 1; i < sequence.length; i++) {
            if (sequence[i] == sequence[i - 1] + 1) {
                gaps[n++] = sendMs[i] - sendMs[i - 1];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(gaps, 0, n);
        return gaps[n / 2];
    }

    /** @return the smallest transit time (arrival minus send) of any packet, in ms */
    public double minTransitMs() {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < sequence.length; i++) {
            if (!Double.isNaN(arrivalMs[i])) {
                min = Math.min(min, arrivalMs[i] - sendMs[i]);
            }
        }
        return min;
    }

    /**
     * Reads a trace CSV ({@value TraceRecorder#HEADER}, then one row per packet).
     *
     * @throws UncheckedIOException naming the file and the line if it cannot be read or parsed
     */
    public static Trace read(Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(TraceRecorder.HEADER)) {
                throw new UncheckedIOException(new IOException(path + ": not a trace: the first line must be '"
                        + TraceRecorder.HEADER + "'"));
            }
            long[] seq = new long[1024];
            double[] send = new double[1024];
            double[] arrival = new double[1024];
            int n = 0;
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (n == seq.length) {
                    seq = Arrays.copyOf(seq, n * 2);
                    send = Arrays.copyOf(send, n * 2);
                    arrival = Arrays.copyOf(arrival, n * 2);
                }
                String[] cells = line.split(",", -1);
                try {
                    if (cells.length != 3) {
                        throw new NumberFormatException("expected 3 cells, found " + cells.length);
                    }
                    seq[n] = Long.parseLong(cells[0].strip());
                    send[n] = Double.parseDouble(cells[1].strip());
                    arrival[n] = cells[2].isBlank() ? Double.NaN : Double.parseDouble(cells[2].strip());
                } catch (NumberFormatException e) {
                    throw new UncheckedIOException(new IOException(path + " line " + lineNumber + ": '" + line
                            + "' is not seq,send_time_ms,arrival_time_ms (" + e.getMessage() + ")"));
                }
                if (n > 0 && seq[n] <= seq[n - 1]) {
                    throw new UncheckedIOException(new IOException(path + " line " + lineNumber
                            + ": sequence numbers must increase (" + seq[n - 1] + " then " + seq[n] + ")"));
                }
                n++;
            }
            if (n == 0) {
                throw new UncheckedIOException(new IOException(path + ": the trace has no packets"));
            }
            return new Trace(Arrays.copyOf(seq, n), Arrays.copyOf(send, n), Arrays.copyOf(arrival, n));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(path + ": no such trace file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Writes this trace as CSV. */
    public void write(Path path) {
        StringBuilder b = new StringBuilder(sequence.length * 28).append(TraceRecorder.HEADER).append('\n');
        for (int i = 0; i < sequence.length; i++) {
            b.append(sequence[i]).append(',').append(String.format(java.util.Locale.ROOT, "%.3f", sendMs[i])).append(',');
            if (!Double.isNaN(arrivalMs[i])) {
                b.append(String.format(java.util.Locale.ROOT, "%.3f", arrivalMs[i]));
            }
            b.append('\n');
        }
        try {
            Files.writeString(path, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace " + path + ": " + e.getMessage(), e);
        }
    }
}
