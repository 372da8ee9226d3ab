package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Every option of a peer. The peer command and {@code intercom sdp} both take exactly these, so
 * a peer's own command line with {@code sdp} in front describes the stream that peer sends.
 */
final class PeerOptions {

    @Option(names = "--peer", paramLabel = "HOST:PORT", split = ",",
            description = "The other peer: 192.168.1.20:5004, studio.local:5004 or [::1]:5004. Required to run a peer. "
                    + "Repeat it (or give a comma list) for a party line of up to 8 peers: each hears the others mixed.")
    java.util.List<String> peer;

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

    /** @return a builder holding every setting given; {@link SessionConfig.Builder#build()} checks them */
    SessionConfig.Builder toBuilder() {
        SessionConfig.Builder config = audio.toBuilder().peer(peer).listen(listen).recordTrace(recordTrace).ssrc(ssrc)
                .keyIsFresh(keyIsFresh).latch(!noLatch);
        security.applyTo(config);
        return codec.applyTo(config);
    }
}
