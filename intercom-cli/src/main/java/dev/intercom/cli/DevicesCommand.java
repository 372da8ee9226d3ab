package dev.intercom.cli;

import dev.intercom.audio.javasound.AudioDevice;
import dev.intercom.audio.javasound.DeviceCatalogue;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code intercom devices}: lists the audio devices Java Sound can see. */
@Command(name = "devices", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List audio devices with their index, name and channels.",
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
        if (devices.isEmpty()) {
            out.println("no audio devices found on this machine; use --input tone (or silence, file:PATH) "
                    + "and --output file:PATH (or null) instead");
        } else {
            out.print(catalogue.formatTable(devices));
        }
        out.flush();
        return 0;
    }
}
