package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import dev.intercom.session.SdpDescription;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intercom sdp}: print the SDP of the stream a peer with these settings sends. */
@Command(name = "sdp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Print the SDP of the stream a peer started with the same options sends.",
            "It takes exactly a peer's options: put 'sdp' in front of a peer's command line and a player can receive",
            "its stream at --peer: intercom sdp --peer 127.0.0.1:5004 > s.sdp; ffplay -protocol_whitelist",
            "file,udp,rtp s.sdp. With --key it holds the key: keep it private. With --dtls it holds our fingerprint",
            "(a=fingerprint) and role (a=setup), no secret."})
final class SdpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions options;

    @Override
    public Integer call() {
        if (options.peer == null || options.peer.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--peer HOST:PORT is required: where the stream goes");
        }
        if (options.peer.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--peer: an SDP describes the stream to one peer; give one"
                    + " --peer (a party line sends the same stream to each)");
        }
        SessionConfig config = options.toBuilder().fingerprintRequired(false).build();
        spec.commandLine().getOut().print(SdpDescription.of(config));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
