package dev.intercom.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CPU benchmark: a pair of intercom peers on loopback (each its own JVM, started with the
 * real launcher, 48 kHz mono, a tone in and a null output paced like a sound card) and, where
 * installed, a pair of JackTrip peers on a dummy JACK server at the same rate and block, all
 * started at the same instant. In each window after the start (5-15 s and 30-45 s unless told
 * otherwise) it prints, for one peer of each pair, the CPU of every thread that used any, the
 * voluntary (wake-ups) and involuntary context switches per block, and for intercom the bytes
 * each audio thread allocated per packet. Not a test: run it by hand (see README, "Measured").
 *
 * <pre>
 * java -cp intercom-cli/target/test-classes dev.intercom.bench.CpuBench [--block 64]
 *     [--windows 5-15,30-45] [--java-opts "..."] [--no-jacktrip] [--no-alloc] [--syscalls]
 *     [--launcher intercom-cli/target/intercom] [--log-dir DIR]
 * </pre>
 */
public final class CpuBench {

    private static final int RATE = 48_000;
    /** How long strace watches each process with {@code --syscalls}, after the CPU windows (it slows what it traces). */
    private static final int SYSCALL_SECONDS = 4;

    private int block = 64;
    private final List<long[]> windows = new ArrayList<>();
    private String javaOpts = "";
    private boolean jacktrip = true;
    private boolean alloc = true;
    private boolean syscalls;
    private Path launcher = Path.of("intercom-cli/target/intercom");
    private Path logDir;

    public static void main(String[] args) throws Exception {
        CpuBench bench = new CpuBench();
        bench.parse(args);
        bench.run();
    }

    private void parse(String[] args) throws IOException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--block" -> block = Integer.parseInt(args[++i]);
                case "--windows" -> {
                    for (String w : args[++i].split(",")) {
                        String[] ends = w.split("-");
                        windows.add(new long[] {Long.parseLong(ends[0]), Long.parseLong(ends[1])});
                    }
                }
                case "--java-opts" -> javaOpts = args[++i];
                case "--no-jacktrip" -> jacktrip = false;
                case "--no-alloc" -> alloc = false;
                case "--syscalls" -> syscalls = true;
                case "--launcher" -> launcher = Path.of(args[++i]);
                case "--log-dir" -> logDir = Path.of(args[++i]);
                default -> {
                    System.err.println("CpuBench: unknown option " + args[i]
                            + " (--block N, --windows 5-15,30-45, --java-opts S, --no-jacktrip, --no-alloc,"
                            + " --syscalls, --launcher PATH, --log-dir DIR)");
                    System.exit(2);
                }
            }
        }
        if (windows.isEmpty()) {
            windows.add(new long[] {5, 15});
            windows.add(new long[] {30, 45});
        }
        if (!Files.isExecutable(launcher)) {
            System.err.println("CpuBench: no launcher at " + launcher
                    + ": build it first (mvn -B -q -o -pl intercom-cli -am package -DskipTests)");
            System.exit(2);
        }
        if (logDir == null) {
            logDir = Files.createTempDirectory("intercom-bench");
        }
        Files.createDirectories(logDir);
    }

    private void run() throws Exception {
        long endSeconds = windows.stream().mapToLong(w -> w[1]).max().orElseThrow();
        long runSeconds = endSeconds + 3 + (syscalls ? SYSCALL_SECONDS + 2 : 0);
        Measured.JackServer jack = jacktrip ? Measured.JackServer.startIfInstalled(RATE, block, logDir) : null;
        List<Measured> all = new ArrayList<>();
        try {
            int portA = freeUdpPort();
            int portB = freeUdpPort();
            long t0 = System.nanoTime();
            Measured peerA = Measured.intercom("intercom A", launcher, portA, portB, block, runSeconds,
                    javaOpts, logDir);
            Measured peerB = Measured.intercom("intercom B", launcher, portB, portA, block, runSeconds,
                    javaOpts, logDir);
            all.add(peerA);
            all.add(peerB);
            Measured jtClient = null;
            if (jack != null) {
                int serverPort = freeTcpAndUdpPort();
                int clientPort = freeTcpAndUdpPort();
                all.add(Measured.jacktripServer(jack, serverPort, logDir));
                jtClient = Measured.jacktripClient(jack, serverPort, clientPort, logDir);
                all.add(jtClient);
            }
            System.out.printf(Locale.ROOT, "CPUBENCH 48 kHz mono, block %d (%d blocks/s); JAVA_OPTS='%s'; %s; "
                    + "load before start %s; logs in %s%n", block, RATE / block, javaOpts,
                    jack == null ? "no JackTrip (" + Measured.JackServer.whyNot() + ")"
                            : "JackTrip " + Measured.jacktripVersion() + " on jackd -d dummy",
                    loadAverage(), logDir);
            Map<Long, Sample> samples = new LinkedHashMap<>();
            for (long[] w : windows) {
                for (long at : w) {
                    samples.putIfAbsent(at, null);
                }
            }
            List<Long> instants = samples.keySet().stream().sorted().toList();
            List<Measured> measured = jtClient == null ? List.of(peerA) : List.of(peerA, jtClient);
            for (long at : instants) {
                sleepUntil(t0 + TimeUnit.SECONDS.toNanos(at));
                samples.put(at, Sample.take(measured, alloc ? peerA : null));
            }
            for (long[] w : windows) {
                report(w, samples.get(w[0]), samples.get(w[1]), peerA, jtClient);
            }
            if (syscalls) {
                for (Measured m : measured) {
                    System.out.printf(Locale.ROOT, "  SYSCALLS %s, %d s after the last window: %s%n", m.name(),
                            SYSCALL_SECONDS, Syscalls.perBlock(m.pid(), SYSCALL_SECONDS, (double) RATE / block));
                }
            }
            System.out.println("load after: " + loadAverage());
            peerA.awaitExit(15);
            peerB.awaitExit(15);
            for (String line : peerA.logLines()) {
                if (line.contains("after launch")) {
                    System.out.println("intercom A: " + line.strip());
                }
            }
        } finally {
            for (Measured m : all) {
                m.stop();
            }
            if (jack != null) {
                jack.stop();
            }
        }
    }

    /** All measured processes' threads (and one JVM's allocations) at one instant. */
    private record Sample(Map<Measured, ThreadSample> threads, Map<String, Long> allocated) {
        static Sample take(List<Measured> measured, Measured allocationsOf) {
            Map<Measured, ThreadSample> threads = new LinkedHashMap<>();
            for (Measured m : measured) {
                threads.put(m, ThreadSample.of(m.pid()));
            }
            Map<String, Long> allocated = allocationsOf == null ? Map.of() : Allocations.of(allocationsOf.pid());
            return new Sample(threads, allocated);
        }
    }

    private void report(long[] window, Sample from, Sample to, Measured intercom, Measured jack) {
        double blocksPerSecond = (double) RATE / block;
        System.out.printf(Locale.ROOT, "%nWINDOW %d-%d s after start%n", window[0], window[1]);
        double intercomCpu = reportProcess(intercom, from, to, blocksPerSecond, true);
        if (jack != null) {
            double jackCpu = reportProcess(jack, from, to, blocksPerSecond, false);
            System.out.printf(Locale.ROOT, "  RATIO %d-%d s: intercom %.1f%% / JackTrip %.1f%% = %.2fx%n",
                    window[0], window[1], intercomCpu, jackCpu, intercomCpu / jackCpu);
        }
    }

    /** Prints one process's window and returns its CPU in percent of one core. */
    private double reportProcess(Measured m, Sample from, Sample to, double blocksPerSecond, boolean allocations) {
        ThreadSample a = from.threads().get(m);
        ThreadSample b = to.threads().get(m);
        double seconds = (b.atNanos() - a.atNanos()) / 1e9;
        double blocks = seconds * blocksPerSecond;
        Map<String, long[]> groups = new LinkedHashMap<>();
        long[] total = new long[3];
        for (Map.Entry<Integer, ThreadSample.Task> e : b.tasks().entrySet()) {
            ThreadSample.Task now = e.getValue();
            ThreadSample.Task then = a.tasks().get(e.getKey());
            long cpu = now.cpuNanos() - (then == null ? 0 : then.cpuNanos());
            long vol = now.voluntary() - (then == null ? 0 : then.voluntary());
            long invol = now.involuntary() - (then == null ? 0 : then.involuntary());
            long[] g = groups.computeIfAbsent(group(now.name()), k -> new long[3]);
            g[0] += cpu;
            g[1] += vol;
            g[2] += invol;
            total[0] += cpu;
            total[1] += vol;
            total[2] += invol;
        }
        // Threads that ended inside the window are not in the later sample: their CPU is lost
        // here, so compare with the process's own total as well.
        double processCpu = 100.0 * total[0] / (seconds * 1e9);
        System.out.printf(Locale.ROOT, "  %-22s %6.2f%% cpu  %5.2f wake-ups/block  %5.2f involuntary/block%n",
                m.name(), processCpu, total[1] / blocks, total[2] / blocks);
        groups.entrySet().stream()
                .filter(e -> e.getValue()[0] >= seconds * 1e9 / 10_000) // 0.01% of a core and more
                .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]))
                .forEach(e -> {
                    String allocation = "";
                    if (allocations && e.getKey().startsWith("intercom-")) {
                        allocation = allocationPerPacket(e.getKey(), from, to, blocks);
                    }
                    System.out.printf(Locale.ROOT, "    %-20s %6.2f%% cpu  %5.2f wake-ups/block  %5.2f invol./block%s%n",
                            e.getKey(), 100.0 * e.getValue()[0] / (seconds * 1e9), e.getValue()[1] / blocks,
                            e.getValue()[2] / blocks, allocation);
                });
        return processCpu;
    }

    private static String allocationPerPacket(String group, Sample from, Sample to, double packets) {
        Long before = null;
        Long after = null;
        for (Map.Entry<String, Long> e : from.allocated().entrySet()) {
            if (group.startsWith(truncated(e.getKey()))) {
                before = e.getValue();
            }
        }
        for (Map.Entry<String, Long> e : to.allocated().entrySet()) {
            if (group.startsWith(truncated(e.getKey()))) {
                after = e.getValue();
            }
        }
        if (before == null || after == null) {
            return "";
        }
        return String.format(Locale.ROOT, "  %8.2f B/packet allocated", (after - before) / packets);
    }

    /** Linux keeps 15 characters of a thread's name. */
    private static String truncated(String javaName) {
        return javaName.length() > 15 ? javaName.substring(0, 15) : javaName;
    }

    /** Groups the JVM's helper threads by role; every other thread stands alone. */
    private static String group(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return "JIT compiler (" + comm.substring(0, 2) + ")";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            return "GC + VM thread";
        }
        return comm;
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** JackTrip binds the same number for its TCP handshake and its UDP stream. */
    private static int freeTcpAndUdpPort() throws IOException {
        for (int tries = 0; tries < 50; tries++) {
            try (ServerSocket tcp = new ServerSocket(0)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port)) {
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }
}
