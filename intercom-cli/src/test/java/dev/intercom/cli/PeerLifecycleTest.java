package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.file.WavFiles;
import dev.intercom.audio.file.WavInfo;
import dev.intercom.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How a session starts, goes quiet and ends, as a user (or a service manager) sees it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PeerLifecycleTest {

    @TempDir
    Path dir;

    private static long occurrences(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void sigtermEndsTheSessionLikeCtrlCWithASummaryExitCode0AndAFinalisedWav() throws Exception {
        Path heard = dir.resolve("terminated.wav");
        int port = FreePorts.udp();
        try (ChildIntercom peer = ChildIntercom.start(List.of("--peer", "127.0.0.1:" + port, "--listen",
                "127.0.0.1:" + port, "--input", "tone:440", "--output", "file:" + heard, "--stats-interval", "0"))) {
            peer.waitFor("listening on UDP");
            Thread.sleep(700);
            peer.signal("TERM");
            assertEquals(0, peer.finish(), peer.output());
            assertTrue(peer.output().contains("SIGTERM: stopping"), peer.output());
            assertTrue(peer.output().lines().anyMatch(l -> l.startsWith("summary:")), peer.output());
        }
        WavInfo info = WavFiles.info(heard);
        assertTrue(info.frames() > 48_000 / 2, "the header was finalised with what was played: " + info.frames());
        assertEquals(info.frames() * 2 + 44, Files.size(heard));
    }

    @Test
    void anIpv4ListenWithAnIpv6PeerIsRefusedAtStartInOneLine() {
        CliRun run = CliRun.of("--listen", "127.0.0.1:0", "--peer", "[::1]:5006", "--input", "silence",
                "--output", "null", "--duration", "1");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("intercom: --listen: 127.0.0.1:0 is IPv4 but --peer [::1]:5006 is IPv6"),
                run.err());
    }

    @Test
    void aPeerThatNeverAnswersIsReportedOnceAfterFiveSecondsAndOnceWhenHeardAgain() throws Exception {
        int port = FreePorts.udp();
        try (RawRtpSender sender = new RawRtpSender();
                ChildIntercom peer = ChildIntercom.start(List.of("--peer", "127.0.0.1:" + sender.port(), "--listen",
                        "127.0.0.1:" + port, "--input", "silence", "--output", "null", "--duration", "9",
                        "--stats-interval", "0"))) {
            peer.waitFor("nothing heard from the peer 127.0.0.1:" + sender.port() + " for 5 s: is it running, and "
                    + "sending to our port " + port + "?");
            sender.send(port, 96, 48_000, 1, 480, 150);
            assertEquals(0, peer.finish(), peer.output());
            assertEquals(1, occurrences(peer.output(), "nothing heard"), peer.output());
            assertEquals(1, occurrences(peer.output(), "the peer 127.0.0.1:" + sender.port() + " is heard again"),
                    peer.output());
        }
    }

    @Test
    void aPeerWhoseDatagramsFailAuthenticationIsToldToCheckTheKey() throws Exception {
        int port = FreePorts.udp();
        try (RawRtpSender sender = new RawRtpSender();
                ChildIntercom peer = ChildIntercom.start(List.of("--peer", "127.0.0.1:" + sender.port(), "--listen",
                        "127.0.0.1:" + port, "--key", "1fdQOUyZDh8fjQzYdOgECfilAJfZKMg26GLSl7p9", "--input",
                        "silence", "--output", "null", "--duration", "7", "--stats-interval", "0"))) {
            peer.waitFor("listening on UDP");
            sender.send(port, 96, 48_000, 1, 480, 600); // 6 s of plain RTP into an SRTP peer
            assertEquals(0, peer.finish(), peer.output());
            assertEquals(1, occurrences(peer.output(), "datagrams failed SRTP authentication: does it use the same --key"
                    + " and --crypto?"), peer.output());
        }
    }
}
