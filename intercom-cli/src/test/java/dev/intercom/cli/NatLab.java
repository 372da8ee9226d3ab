package dev.intercom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Three hosts on this machine, made of network namespaces joined by veth pairs: peer A on a
 * private network behind a router that masquerades (Linux netfilter NAT, rewriting the source
 * port into 40000-40010), and peer B on the router's public side.
 *
 * <pre>
 *   A 10.1.0.2 ── 10.1.0.1 router 10.2.0.1 ── 10.2.0.2 B
 *                        (NAT: A appears as 10.2.0.1:4000x)
 * </pre>
 *
 * Needs root, iproute2 and iptables ({@code .ci/run} installs them). Nothing leaves the
 * namespaces; {@link #close()} deletes them.
 */
final class NatLab implements AutoCloseable {

    /** A's address, on the private side. */
    static final String A = "10.1.0.2";
    /** The router's public address: where A's packets appear to come from. */
    static final String ROUTER_PUBLIC = "10.2.0.1";
    /** B's address, on the public side. */
    static final String B = "10.2.0.2";

    private final String a;
    private final String router;
    private final String b;

    private NatLab(String tag) {
        this.a = "icnat-a-" + tag;
        this.router = "icnat-r-" + tag;
        this.b = "icnat-b-" + tag;
    }

    /**
     * Builds the three hosts and the NAT.
     *
     * @throws LabUnavailable if this machine cannot (no root, no namespaces, no NAT in the kernel)
     */
    static NatLab create() throws InterruptedException {
        NatLab lab = new NatLab(Long.toString(ProcessHandle.current().pid()));
        try {
            lab.build();
            return lab;
        } catch (IOException e) {
            lab.close();
            throw new LabUnavailable(e.getMessage());
        }
    }

    private void build() throws IOException, InterruptedException {
        for (String ns : List.of(a, router, b)) {
            run("ip", "netns", "add", ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        // Each veth pair is made inside the namespaces, so no name is ever taken in the host's.
        run("ip", "-n", a, "link", "add", "eth0", "type", "veth", "peer", "name", "inside", "netns", router);
        run("ip", "-n", b, "link", "add", "eth0", "type", "veth", "peer", "name", "outside", "netns", router);
        run("ip", "-n", a, "addr", "add", A + "/24", "dev", "eth0");
        run("ip", "-n", router, "addr", "add", "10.1.0.1/24", "dev", "inside");
        run("ip", "-n", router, "addr", "add", ROUTER_PUBLIC + "/24", "dev", "outside");
        run("ip", "-n", b, "addr", "add", B + "/24", "dev", "eth0");
        run("ip", "-n", a, "link", "set", "eth0", "up");
        run("ip", "-n", b, "link", "set", "eth0", "up");
        run("ip", "-n", router, "link", "set", "inside", "up");
        run("ip", "-n", router, "link", "set", "outside", "up");
        run("ip", "-n", a, "route", "add", "default", "via", "10.1.0.1");
        run("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        run("ip", "netns", "exec", router, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "outside", "-p", "udp",
                "-j", "MASQUERADE", "--to-ports", "40000-40010");
    }

    /** @return {@code command} run on host A */
    List<String> onA(List<String> command) {
        return in(a, command);
    }

    /** @return {@code command} run on host B */
    List<String> onB(List<String> command) {
        return in(b, command);
    }

    private static List<String> in(String ns, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        wrapped.addAll(command);
        return wrapped;
    }

    @Override
    public void close() throws InterruptedException {
        for (String ns : List.of(a, router, b)) {
            try {
                run("ip", "netns", "del", ns); // takes the veth ends in it along
            } catch (IOException ignored) {
                // never created, or already gone
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + said);
        }
    }

    /** This machine cannot build the lab; the message says why. */
    static final class LabUnavailable extends RuntimeException {
        LabUnavailable(String why) {
            super(why);
        }
    }
}
