package dev.intercom.config;

import dev.intercom.problem.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who we talk to and how, as the CLI's peer options give it: {@code --peer} (repeatable),
 * {@code --listen}, {@code --no-latch}, {@code --ssrc}, {@code --record-trace} and the security
 * options.
 *
 * @param peers       every remote peer in the order given (a party line when more than one);
 *                    empty for a local loopback
 * @param listen      the local address and UDP port to listen and send on
 * @param latch       follow a peer to another port of its address when its configured one falls
 *                    silent (a NAT that rewrote the port); false with {@code --no-latch}
 * @param ssrc        our fixed SSRC; empty for a random one
 * @param recordTrace where to record the arrival trace of the peer's packets, if anywhere
 * @param security    how the stream is protected
 */
public record NetworkConfig(List<SocketAddressSpec> peers, SocketAddressSpec listen, boolean latch,
        Optional<Long> ssrc, Optional<Path> recordTrace, SecurityConfig security) {

    /** The most {@code --peer}s of one party line: each costs a send per block and a receive path. */
    public static final int MAX_PEERS = 8;

    public NetworkConfig {
        peers = List.copyOf(peers);
    }

    /** Checks {@code --ssrc}: 0..4294967295, or {@code null} for a random one. */
    static void checkSsrc(Long ssrc) {
        if (ssrc != null && (ssrc < 0 || ssrc > 0xFFFF_FFFFL)) {
            throw new ConfigException("--ssrc", "must be from 0 to 4294967295 (got " + ssrc + ")");
        }
    }

    /**
     * Parses every {@code --peer} and {@code --listen}; a party line has at most {@link #MAX_PEERS}
     * peers, each once, with DTLS one {@code --peer-fingerprint} for each, and no trace.
     *
     * @throws ConfigException naming the first bad flag
     */
    static NetworkConfig of(List<String> peers, String listen, boolean latch, Long ssrc, Path recordTrace,
            SecurityConfig security) {
        if (peers.size() > MAX_PEERS) {
            throw new ConfigException("--peer", "is given " + peers.size() + " times; a party line has at most "
                    + MAX_PEERS + " peers");
        }
        List<SocketAddressSpec> parsed = new ArrayList<>();
        for (String text : peers) {
            SocketAddressSpec spec = SocketAddressSpec.parse("--peer", text == null ? "" : text.trim(), true, 1);
            if (parsed.contains(spec)) {
                throw new ConfigException("--peer", spec + " is given twice; give each peer once");
            }
            parsed.add(spec);
        }
        int pins = security.peerFingerprints().size();
        if (security.dtls() && pins > 0 && pins != Math.max(1, parsed.size())) {
            // Each DTLS peer shows a certificate of its own: the n-th pin is the n-th peer's.
            throw new ConfigException("--peer-fingerprint", "with --dtls each --peer needs its own, in the same"
                    + " order (got " + pins + " for " + parsed.size() + " peers)");
        }
        if (parsed.size() > 1 && recordTrace != null) {
            throw new ConfigException("--record-trace", "records one peer's packets; give one --peer with it");
        }
        SocketAddressSpec listenAddress = SocketAddressSpec.parse("--listen", listen, false, 0);
        return new NetworkConfig(parsed, listenAddress, latch, Optional.ofNullable(ssrc),
                Optional.ofNullable(recordTrace), security);
    }
}
