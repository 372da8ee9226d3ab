package dev.intercom.session;

import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.impair.DirectionCounts;
import dev.intercom.impair.ImpairmentConfig;
import dev.intercom.impair.RelayConfig;
import dev.intercom.impair.UdpRelay;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.time.NanoClock;
import java.time.Duration;
import java.util.Optional;

/**
 * Two real peers on loopback with {@code intercom impair} between them: peer A sends a 440 Hz
 * tone through the relay to peer B (which answers with 300 Hz) for a while, and the test looks
 * at what B made of it and what the relay did on the way.
 */
final class RelayedPeers {

    /** What B counted, and what the relay did to A's stream. */
    record Outcome(SessionSummary atB, DirectionCounts aToB) {
    }

    /** What A's last packets need to cross the relay's delay line before B stops. */
    private static final long SETTLE_MILLIS = 200;

    private RelayedPeers() {
    }

    /**
     * @param impairment what the relay does in each direction
     * @param format     both peers' stream format
     * @param settingsA  A's settings beyond addresses, audio and statistics (codec, block...)
     * @param settingsB  B's likewise, with the {@code --output} spec that {@code outputB} is
     * @param outputB    where B plays
     * @param duration   how long A talks
     */
    static Outcome run(ImpairmentConfig impairment, StreamFormat format, SessionConfig.Builder settingsA,
            SessionConfig.Builder settingsB, AudioOutput outputB, Duration duration) throws Exception {
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        RelayConfig relayConfig = RelayConfig.builder().listen("127.0.0.1:0").forward("127.0.0.1:" + portB)
                .statsIntervalSeconds(0).impairment(impairment).build();
        try (UdpRelay relay = UdpRelay.start(relayConfig, line -> { })) {
            String relayAddress = "127.0.0.1:" + relay.localAddress().getPort();
            SessionConfig configB = settingsB.listen("127.0.0.1:" + portB).peer(relayAddress).input("tone:300")
                    .statsIntervalSeconds(0).build();
            SessionConfig configA = settingsA.listen("127.0.0.1:" + portA).peer(relayAddress).input("tone:440")
                    .output("null").statsIntervalSeconds(0).build();
            Session b = Session.startPeer(configB, new ToneInput(format, 300, NanoClock.SYSTEM), outputB,
                    NanoClock.SYSTEM);
            SessionSummary atB;
            try {
                Session a = Session.startPeer(configA, new ToneInput(format, 440, NanoClock.SYSTEM),
                        new NullOutput(format, NanoClock.SYSTEM), NanoClock.SYSTEM);
                try {
                    a.awaitEnd(Optional.of(duration));
                } finally {
                    a.stop();
                }
                Thread.sleep(SETTLE_MILLIS);
            } finally {
                atB = b.stop();
            }
            return new Outcome(atB, relay.snapshot().aToB());
        }
    }
}
