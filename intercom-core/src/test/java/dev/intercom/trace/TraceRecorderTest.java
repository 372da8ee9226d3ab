package dev.intercom.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The recorder writes one row per expected packet, in order, readable by the simulator. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TraceRecorderTest {

    private static final long MS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void rowsComeOutInSequenceOrderWithGapsForLostPackets() throws Exception {
        Path file = dir.resolve("t.csv");
        try (TraceRecorder r = new TraceRecorder(file, 48_000)) {
            r.arrived(65_534, 4_294_967_000L, 1_000 * MS);
            r.arrived(0, 4_294_967_000L + 256, 1_006 * MS);      // 65535 lost; sequence and timestamp wrap
            r.arrived(65_535, 4_294_967_000L + 128, 1_007 * MS); // ...no: 65535 was only late
            r.arrived(2, (4_294_967_000L + 512) & 0xFFFF_FFFFL, 1_012 * MS); // 1 lost for good
            r.arrived(0, 4_294_967_000L + 256, 1_013 * MS);      // a duplicate: the first arrival counts
        }
        List<String> rows = Files.readAllLines(file);
        assertEquals(TraceRecorder.HEADER, rows.get(0));
        assertEquals(List.of("65534,0.000,0.000", "65535,2.667,7.000", "65536,5.333,6.000", "65537,8.000,",
                "65538,10.667,12.000"), rows.subList(1, rows.size()));
        Trace trace = Trace.read(file);
        assertEquals(5, trace.packets());
        assertEquals(1, trace.lost());
    }

    @Test
    void aSenderThatRestartsContinuesTheTrace() throws Exception {
        Path file = dir.resolve("restart.csv");
        try (TraceRecorder r = new TraceRecorder(file, 48_000)) {
            for (int i = 0; i < 10; i++) {
                r.arrived(40_000 + i, 1_000_000 + i * 128L, (1_000 + i * 3) * MS);
            }
            for (int i = 0; i < 10; i++) {
                r.arrived(30_000 + i, 77 + i * 128L, (2_000 + i * 3) * MS);
            }
        }
        Trace trace = Trace.read(file); // throws if the sequence numbers did not increase
        assertEquals(20, trace.packets());
        assertTrue(trace.sendMs()[10] > trace.sendMs()[9] && trace.sendMs()[10] - trace.sendMs()[9] < 10);
    }

    @Test
    void aSessionThatHeardNothingWritesOnlyTheHeader() throws Exception {
        Path file = dir.resolve("empty.csv");
        new TraceRecorder(file, 48_000).close();
        assertEquals(List.of(TraceRecorder.HEADER), Files.readAllLines(file));
    }
}
