package dev.intercom.net;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * When the kernel received the last datagram a socket handed us ({@code ioctl SIOCGSTAMPNS},
 * Linux), on the {@link System#nanoTime()} clock. A socket that is read on a clock tick rather
 * than the moment a datagram lands keeps exact arrival times this way, which the jitter buffer's
 * delay statistics need: without it a datagram would seem to arrive at the tick that took it, up
 * to a block late. Costs one {@code ioctl} and two clock reads per datagram; allocates nothing.
 * One thread at a time.
 */
final class KernelArrival {

    private static final int SIOCGSTAMPNS = 0x8907;
    private static final int CLOCK_REALTIME = 0;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A stamp further back than this is not the datagram just read (a stale or failed read). */
    private static final long PLAUSIBLE_NANOS = 1_000_000_000L;
    private static final boolean AVAILABLE = bind();

    private final int fd;
    private final Memory stamp = new Memory(16);
    private final Memory now = new Memory(16);

    private static native int ioctl(int fd, long request, Pointer argument);

    private static native int clock_gettime(int clockId, Pointer timespec);

    private KernelArrival(int fd) {
        this.fd = fd;
        ioctl(fd, SIOCGSTAMPNS, stamp); // the first call switches the socket's time stamps on
    }

    private static boolean bind() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(KernelArrival.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (Throwable e) { // no JNA native library here: arrival times from the clock instead
            return false;
        }
    }

    /**
     * @return the kernel's arrival times for our socket bound to {@code localPort}, or {@code null}
     *     where they cannot be had (not Linux, no JNA, the socket not found in {@code /proc})
     */
    static KernelArrival forSocket(int localPort, boolean ipv4) {
        if (!AVAILABLE) {
            return null;
        }
        try {
            long inode = inode(Path.of(ipv4 ? "/proc/net/udp" : "/proc/net/udp6"), localPort);
            if (inode <= 0) {
                return null;
            }
            String link = "socket:[" + inode + "]";
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                for (Path fd : fds) {
                    try {
                        if (Files.readSymbolicLink(fd).toString().equals(link)) {
                            return new KernelArrival(Integer.parseInt(fd.getFileName().toString()));
                        }
                    } catch (IOException | NumberFormatException closedMeanwhile) {
                        // another descriptor
                    }
                }
            }
            return null;
        } catch (IOException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The inode of the UDP socket bound to {@code port} in a {@code /proc/net/udp} table, or -1. */
    private static long inode(Path table, int port) throws IOException {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        List<String> lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[1].endsWith(hexPort)) {
                return Long.parseLong(f[9]);
            }
        }
        return -1;
    }

    /**
     * @param readNanos the clock just after the datagram was read
     * @return when the kernel received it, on the same clock; {@code readNanos} if it cannot say
     */
    long arrivalNanos(long readNanos) {
        if (ioctl(fd, SIOCGSTAMPNS, stamp) != 0 || clock_gettime(CLOCK_REALTIME, now) != 0) {
            return readNanos;
        }
        long monotonic = System.nanoTime();
        long ago = (now.getLong(0) - stamp.getLong(0)) * NANOS_PER_SECOND + now.getLong(8) - stamp.getLong(8);
        long arrival = monotonic - ago;
        return ago < 0 || ago > PLAUSIBLE_NANOS || arrival > readNanos ? readNanos : arrival;
    }
}
