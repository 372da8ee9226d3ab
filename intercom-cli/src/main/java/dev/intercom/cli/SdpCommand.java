package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import dev.intercom.session.SdpDescription;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intercom sdp}: print the SDP of the stream a peer with these settings sends. */
@Command(name = "sdp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Print an SDP file describing the stream a peer with these settings sends to --peer,",
            "so a player can receive it there: intercom sdp --peer 127.0.0.1:5004 > s.sdp;",
            "ffplay -protocol_whitelist file,udp,rtp s.sdp. With --key it holds the key: keep it private.",
            "With --dtls it holds our fingerprint (a=fingerprint) and role (a=setup), no secret."})
final class SdpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "Where the stream goes (the player listens there).")
    String peer;

    @Mixin
    SecurityOptions security;

    @Mixin
    CodecOptions codec;

    @Mixin
    AudioOptions audio;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (peer == null) {
            throw new ParameterException(spec.commandLine(), "--peer HOST:PORT is required: where the stream goes");
        }
        SessionConfig.Builder config = audio.toBuilder().peer(peer).fingerprintRequired(false);
        security.applyTo(config);
        codec.applyTo(config);
        spec.commandLine().getOut().print(SdpDescription.of(config.build()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
