package dev.intercom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intercom [options]}: run a peer. Subcommands list devices and run a local loopback. */
@Command(name = "intercom", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        subcommands = {DevicesCommand.class, LoopbackCommand.class, ImpairCommand.class, SimulateCommand.class, KeygenCommand.class, SdpCommand.class,
            MeasureCommand.class, ReflectCommand.class,
            IdentityCommand.class, PlotCommand.class},
        description = {
            "Real-time peer-to-peer audio over RTP/UDP with the lowest delay the network allows.",
            "Each peer runs: intercom --peer OTHER-HOST:5004. Alone: intercom --peer localhost:5004 (hear yourself).",
            "Without a sound card: intercom --peer localhost:5004 --input tone:440 --output file:heard.wav --duration 5"
        },
        footer = {"", "Exit status: 0 done, 1 runtime failure (busy port, missing device, ...), 2 bad flag."})
public final class IntercomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions options;

    /** Entry point of the launcher. */
    public static void main(String[] args) {
        System.exit(IntercomCli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (options.peer == null || options.peer.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "--peer HOST:PORT is required to run a peer, e.g. --peer other-host:5004 "
                            + "(or run 'intercom loopback' for no network, 'intercom devices' to list devices)");
        }
        return new SessionRunner(spec.commandLine().getOut()).run(options.toBuilder().build(), true);
    }
}
