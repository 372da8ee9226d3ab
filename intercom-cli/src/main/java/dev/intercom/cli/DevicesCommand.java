package dev.intercom.cli;

import dev.intercom.audio.javasound.AudioDevice;
import dev.intercom.audio.javasound.DeviceCatalogue;
import java.io.PrintWriter;
import dev.intercom.audio.pulse.SoundServer;
import dev.intercom.audio.pulse.SoundServerDevice;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code intercom devices}: lists the audio devices Java Sound can see. */
@Command(name = "devices", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List audio devices with their index, name and channels, and the sound server's sinks and"
                + " sources (PulseAudio or PipeWire, when one runs).",
            "'>' marks the default input, '<' the default output, '*' both. Give an index or a name fragment to --input / --output."})
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DeviceCatalogue catalogue = new DeviceCatalogue();
        List<AudioDevice> devices = catalogue.devices();
        Optional<String> serverDown = SoundServer.downNotice();
        if (devices.isEmpty()) {
            out.println("no audio devices found on this machine; " + serverDown.map(n -> n + "; or ").orElse("")
                    + "use --input tone (or silence, file:PATH) and --output file:PATH (or null) instead");
        } else {
            out.print(catalogue.formatTable(devices));
        }
        if (serverDown.isEmpty()) {
            SoundServer.find().ifPresent(server -> {
                printServerDevices(out, "sound server sinks (--output NAME)", server.sinks());
                printServerDevices(out, "sound server sources (--input NAME)", server.sources());
            });
        }
        out.flush();
        return 0;
    }

    private static void printServerDevices(PrintWriter out, String heading, List<SoundServerDevice> devices) {
        if (!devices.isEmpty()) {
            out.println(heading + ":");
            devices.forEach(d -> out.println("  " + d.name() + ", " + d.description()));
        }
    }
}
