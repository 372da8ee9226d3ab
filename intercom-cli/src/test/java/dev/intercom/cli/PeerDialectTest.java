package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.testing.FreePorts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that speaks another dialect of RTP than ours (another payload type, rate or channel
 * count) is told so in one clear line, once, instead of being dropped or played wrong in silence.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerDialectTest {

    /** Runs a peer in its own JVM while {@code sender} plays the far end; @return its whole output */
    private static String peerHearing(RawRtpSender sender, int payloadType, int rate, int channels, int frames,
            double seconds, String... peerArgs) throws Exception {
        int port = FreePorts.udp();
        List<String> args = new ArrayList<>(List.of("--peer", "127.0.0.1:" + sender.port(),
                "--listen", "127.0.0.1:" + port, "--input", "silence", "--output", "null", "--duration", "4",
                "--stats-interval", "0"));
        args.addAll(List.of(peerArgs));
        try (ChildIntercom peer = ChildIntercom.start(args)) {
            peer.waitFor("listening on UDP");
            sender.send(port, payloadType, rate, channels, frames, (int) (seconds * rate / frames));
            assertEquals(0, peer.finish(), peer.output());
            return peer.output();
        }
    }

    private static long occurrences(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void aPeerSendingPayloadType97IsToldOnceToStartWithThatType() throws Exception {
        try (RawRtpSender sender = new RawRtpSender()) {
            String out = peerHearing(sender, 97, 48_000, 1, 480, 1.5);
            assertEquals(1, occurrences(out, "the peer sends payload type 97; this session plays only 96: start with "
                    + "--payload-type 97"), out);
            assertTrue(out.contains("received 0,"), out);
            assertTrue(out.contains("wrong_payload_type (the peer sends 97)="), "the summary names it too: " + out);
        }
    }

    @Test
    void withTheMatchingPayloadTypeItsStreamIsPlayedWithoutAWord() throws Exception {
        try (RawRtpSender sender = new RawRtpSender()) {
            String out = peerHearing(sender, 97, 48_000, 1, 480, 1.5, "--payload-type", "97");
            assertEquals(0, occurrences(out, "payload type"), out);
            assertEquals(0, occurrences(out, "seems to send"), out);
            long received = Long.parseLong(out.replaceAll("(?s).*received (\\d+),.*", "$1"));
            assertTrue(received >= 140, "150 packets sent on loopback: " + out);
        }
    }

    @Test
    void aStaticPayloadTypeIsNamed() throws Exception {
        try (RawRtpSender sender = new RawRtpSender()) {
            String out = peerHearing(sender, 11, 44_100, 1, 441, 1.0);
            assertEquals(1, occurrences(out, "the peer sends payload type 11 (L16 44100 Hz mono, a static type), which "
                    + "intercom does not play"), out);
        }
    }

    @Test
    void fortyFourKilohertzStereoIntoAFortyEightKilohertzMonoPeerIsNamedOnceWithinASecond() throws Exception {
        try (RawRtpSender sender = new RawRtpSender()) {
            String out = peerHearing(sender, 96, 44_100, 2, 441, 2.5);
            assertEquals(1, occurrences(out, "the peer seems to send 44100 Hz stereo; this session is 48000 Hz mono: "
                    + "start with --rate 44100 --channels 2"), out);
        }
    }

    @Test
    void monoIntoAStereoPeerIsNamed() throws Exception {
        try (RawRtpSender sender = new RawRtpSender()) {
            String out = peerHearing(sender, 96, 48_000, 1, 480, 2.0, "--channels", "2");
            assertEquals(1, occurrences(out, "the peer seems to send 48000 Hz mono; this session is 48000 Hz stereo: "
                    + "start with --channels 1"), out);
        }
    }
}
