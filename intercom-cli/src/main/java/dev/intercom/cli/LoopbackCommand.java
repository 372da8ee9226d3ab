package dev.intercom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code intercom loopback}: capture straight to playout on this machine, no network. */
@Command(name = "loopback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Capture straight to playout on this machine, no network.",
            "Wires capture through the jitter buffer to playback: the latency of the devices and the buffer alone.",
            "Logs the ideal latency (block + target) and the measured buffer latency every interval."})
final class LoopbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AudioOptions audio;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        return new SessionRunner(spec.commandLine().getOut()).run(audio.toBuilder().build(), false);
    }
}
