package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intercom [options]}: run a peer. Subcommands list devices and run a local loopback. */
@Command(name = "intercom", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        subcommands = {DevicesCommand.class, LoopbackCommand.class, ImpairCommand.class, SimulateCommand.class, KeygenCommand.class, SdpCommand.class,
            MeasureCommand.class, ReflectCommand.class,
            IdentityCommand.class},
        description = {
            "Real-time peer-to-peer audio over RTP/UDP with the lowest delay the network allows.",
            "Each peer runs: intercom --peer OTHER-HOST:5004. Alone: intercom --peer localhost:5004 (hear yourself).",
            "Without a sound card: intercom --peer localhost:5004 --input tone:440 --output file:heard.wav --duration 5"
        },
        footer = {"", "Exit status: 0 done, 1 runtime failure (busy port, missing device, ...), 2 bad flag."})
public final class IntercomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--peer", paramLabel = "HOST:PORT",
            description = "The other peer: 192.168.1.20:5004, studio.local:5004 or [::1]:5004. Required to run a peer.")
    String peer;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT",
            description = "Local UDP port to receive on and send from; 0 = any free port (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--record-trace", paramLabel = "FILE",
            description = "Write one CSV row per packet expected from the peer: seq,send_time_ms,arrival_time_ms "
                    + "(replay it with 'intercom simulate').")
    Path recordTrace;

    @Mixin
    SecurityOptions security;

    @Option(names = "--ssrc", paramLabel = "N",
            description = "Our RTP SSRC, 0..4294967295 (default: random); receivers such as srtpdec need it up front.")
    Long ssrc;

    @Option(names = "--key-is-fresh",
            description = "Promise that --key was made for this session only; needed with --key and --ssrc, because "
                    + "a restarted sender with the same key and SSRC reuses its keystream.")
    boolean keyIsFresh;

    @Option(names = "--no-latch",
            description = "Never follow the peer to another port of its address (the NAT rule); only the --peer "
                    + "address is heard.")
    boolean noLatch;

    @Mixin
    CodecOptions codec;

    @Mixin
    AudioOptions audio;

    @Mixin
    CommonOptions common;

    /** Entry point of the launcher. */
    public static void main(String[] args) {
        System.exit(IntercomCli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (peer == null) {
            throw new ParameterException(spec.commandLine(),
                    "--peer HOST:PORT is required to run a peer, e.g. --peer other-host:5004 "
                            + "(or run 'intercom loopback' for no network, 'intercom devices' to list devices)");
        }
        SessionConfig.Builder config = audio.toBuilder().peer(peer).listen(listen).recordTrace(recordTrace).ssrc(ssrc)
                .keyIsFresh(keyIsFresh).latch(!noLatch);
        security.applyTo(config);
        codec.applyTo(config);
        return new SessionRunner(spec.commandLine().getOut()).run(config.build(), true);
    }
}
