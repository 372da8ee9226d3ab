package dev.intercom.cli;

import dev.intercom.impair.ImpairmentConfig;
import dev.intercom.impair.RelayConfig;
import dev.intercom.impair.UdpRelay;
import dev.intercom.thread.IntercomThread;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code intercom impair}: a UDP relay that impairs both directions, to put between two peers.
 * Its defaults are the {@code impair.*} keys of {@code intercom.properties} (see
 * {@link ConfigDefaults}), because several of its flags share a name with a peer's flag but
 * not its meaning.
 */
@Command(name = "impair", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "A UDP relay between two peers that delays, loses, reorders and duplicates their datagrams.",
            "The first sender becomes peer A: its datagrams go to peer B (--forward) and B's come back to A,",
            "all sent from the relay's one port, so both peers name the relay as their --peer. On one machine:",
            "  intercom impair --listen 6000 --forward 127.0.0.1:5004 --loss 2 --burst 3",
            "  intercom --listen 5004 --peer 127.0.0.1:6000 ...   (peer B)",
            "  intercom --listen 5006 --peer 127.0.0.1:6000 ...   (peer A)",
            "Both directions get the same settings and independent random decisions; the same --seed repeats them."
        },
        footer = {"", "Defaults come from the impair.* keys of config/intercom.properties (and --config FILE).",
            "Exit status: 0 done, 1 runtime failure (busy port, unknown host), 2 bad flag."})
final class ImpairCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger("intercom.impair");

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT",
            description = "The relay's UDP port: both peers send to it; 0 = any free port (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--forward", paramLabel = "HOST:PORT",
            description = "Peer B, where the first sender's datagrams go, e.g. 127.0.0.1:5004. Required.")
    String forward;

    @Option(names = "--delay", paramLabel = "MS", description = "Fixed one-way delay, 0..10000 ms (default: ${DEFAULT-VALUE}).")
    double delayMs;

    @Option(names = "--jitter", paramLabel = "MS",
            description = "Mean random delay on top of --delay, 0..10000 ms (default: ${DEFAULT-VALUE}).")
    double jitterMs;

    @Option(names = "--jitter-dist", paramLabel = "uniform|pareto",
            description = "uniform: 0 to twice the mean; pareto: heavy-tailed, capped at 20x the mean (default: ${DEFAULT-VALUE}).")
    String jitterDistribution;

    @Option(names = "--loss", paramLabel = "PCT", description = "Long-run loss rate in percent (default: ${DEFAULT-VALUE}).")
    double lossPercent;

    @Option(names = "--burst", paramLabel = "PACKETS",
            description = "Mean run of consecutive losses, 1 = isolated (default: ${DEFAULT-VALUE}).")
    double burst;

    @Option(names = "--reorder", paramLabel = "PCT",
            description = "Chance a datagram is held back until the next one overtakes it (default: ${DEFAULT-VALUE}).")
    double reorderPercent;

    @Option(names = "--duplicate", paramLabel = "PCT", description = "Chance a datagram is sent twice (default: ${DEFAULT-VALUE}).")
    double duplicatePercent;

    @Option(names = "--rate-limit", paramLabel = "KBPS",
            description = "Bottleneck rate in kbit/s, IP and UDP headers included; 0 = none (default: ${DEFAULT-VALUE}).")
    double rateLimitKbps;

    @Option(names = "--queue", paramLabel = "PACKETS",
            description = "Datagrams queued behind the bottleneck before drops (default: ${DEFAULT-VALUE}).")
    int queuePackets;

    @Option(names = "--spike", paramLabel = "MS:EVERY_S",
            description = "The link stalls MS ms about every EVERY_S s, at random, e.g. 200:5 (default: none).")
    String spike;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random decision (default: random, logged).")
    Long seed;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: until Ctrl-C).")
    Double durationSeconds;

    @Option(names = "--stats-interval", paramLabel = "SECONDS",
            description = "Log what was done this often; 0 = off (default: ${DEFAULT-VALUE}).")
    double statsIntervalSeconds;

    @Mixin
    CommonOptions common;

    /** @return the settings as given, checked */
    RelayConfig toConfig() {
        ImpairmentConfig impairment = ImpairmentConfig.builder()
                .delayMs(delayMs)
                .jitterMs(jitterMs)
                .jitterDistribution(jitterDistribution)
                .lossPercent(lossPercent)
                .burst(burst)
                .reorderPercent(reorderPercent)
                .duplicatePercent(duplicatePercent)
                .rateLimitKbps(rateLimitKbps)
                .queuePackets(queuePackets)
                .spike(spike)
                .seed(seed)
                .build();
        return RelayConfig.builder()
                .listen(listen)
                .forward(forward)
                .durationSeconds(durationSeconds)
                .statsIntervalSeconds(statsIntervalSeconds)
                .impairment(impairment)
                .build();
    }

    @Override
    public Integer call() throws Exception {
        if (spec.commandLine().getDefaultValueProvider() instanceof ConfigDefaults defaults) {
            String problem = defaults.misplacedKey(spec);
            if (problem != null) {
                throw new ParameterException(spec.commandLine(), problem);
            }
        }
        RelayConfig config = toConfig();
        PrintWriter out = spec.commandLine().getOut();
        UdpRelay relay = UdpRelay.start(config, LOG::info);
        CountDownLatch end = new CountDownLatch(1);
        Thread finisher = IntercomThread.IMPAIR_SHUTDOWN.newThread(relay::close);
        Runtime.getRuntime().addShutdownHook(finisher);
        try (Interrupts ignored = Interrupts.onInterrupt(end::countDown)) {
            if (config.duration().isPresent()) {
                end.await(config.duration().get().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                end.await();
            }
            relay.close();
            removeHook(finisher);
            out.println(relay.summary());
            out.flush();
        } finally {
            relay.close();
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook will find the relay closed.
        }
    }
}
