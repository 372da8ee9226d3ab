package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import dev.intercom.measure.Reflector;
import dev.intercom.time.NanoClock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intercom reflect}: a peer that sends back what it receives, for {@code intercom measure --peer}. */
@Command(name = "reflect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"A peer that sends back what it receives, for 'intercom measure --peer' on the other side.",
            "By default what it plays goes straight back into what it sends (one block later, no sound card):",
            "the measurement sees the network both ways and both jitter buffers. With --through-device it plays",
            "on --output and sends what --input captures (a cable or a microphone in front of the speaker), so",
            "the measurement includes this machine's sound card too.",
            "Without --peer it answers whoever sends first, and whoever sends next once that one has been",
            "silent for 2 s; anyone else is dropped (counted as foreign).",
            "  intercom reflect --listen 5004",
            "  intercom reflect --listen 5004 --peer measurer.local:5004"},
        footer = {"", "Exit status: 0 done, 1 runtime failure (busy port, missing device, ...), 2 bad flag."})
final class ReflectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--peer", paramLabel = "HOST:PORT",
            description = "The measuring peer; without it, whoever sends RTP first is answered.")
    String peer;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT",
            description = "Local UDP port to receive on and send from; 0 = any free port (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--through-device",
            description = "Play what arrives on --output and send what --input captures, instead of looping it back "
                    + "inside the program.")
    boolean throughDevice;

    @Mixin
    SecurityOptions security;

    @Mixin
    CodecOptions codec;

    @Mixin
    AudioOptions audio;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (peer == null && security.dtls) {
            throw new ParameterException(spec.commandLine(), "--dtls needs --peer HOST:PORT: the handshake is "
                    + "made with a known address (without --peer, reflect answers whoever sends; use --key)");
        }
        if (!throughDevice && (matched("--input") || matched("--output"))) {
            throw new ParameterException(spec.commandLine(),
                    "--input and --output are used only with --through-device; without it the audio loops back "
                            + "inside the program");
        }
        SessionConfig.Builder builder = audio.toBuilder().peer(peer).listen(listen);
        security.applyTo(builder);
        codec.applyTo(builder);
        SessionConfig config = builder.build();
        SessionRunner runner = new SessionRunner(spec.commandLine().getOut());
        if (throughDevice) {
            return runner.run(config, true);
        }
        return runner.runStarted(config, Reflector.start(config, NanoClock.SYSTEM));
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
