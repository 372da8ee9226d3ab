package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.file.WavFiles;
import dev.intercom.testing.FreePorts;
import dev.intercom.testing.Signals;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffmpeg (Debian's package) as the far end, both ways, with its defaults: its RTP muxer sends L16
 * and Opus as payload type 97, heard by a peer started with {@code --payload-type 97}; and it
 * plays our L16 and Opus from the SDP {@code intercom sdp} prints for the same command line.
 * Needs ffmpeg ({@code -Pinterop}; {@code .ci/run} installs it).
 */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FfmpegInteropTest {

    private static final int RATE = 48_000;
    /** Opus is judged as the tone's share of the energy (1 - residual after the best-fitting sine). */
    private static final double MIN_OPUS_SNR_DB = 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsFfmpeg() {
        assumeTrue(ExternalProcess.available("ffmpeg"), "ffmpeg is not installed");
    }

    private static List<String> ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error"));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** ffmpeg sends {@code signal} with {@code encoder} args, paced in real time; @return what the peer played */
    private short[] ffmpegSendsAndWePlay(short[] signal, List<String> encoder, String... intercomArgs) throws Exception {
        int ours = FreePorts.udp();
        int theirs = FreePorts.udp();
        Path sent = dir.resolve("ffmpeg-in.wav");
        Path heard = dir.resolve("heard.wav");
        WavFiles.write(sent, RATE, 1, signal);
        List<String> args = new ArrayList<>(List.of("--peer", "127.0.0.1:" + theirs, "--listen", "127.0.0.1:" + ours,
                "--payload-type", "97", "--input", "silence", "--output", "file:" + heard, "--duration", "5",
                "--jitter", "60", "--stats-interval", "0"));
        args.addAll(Arrays.asList(intercomArgs));
        CliRun[] run = new CliRun[1];
        Thread peer = new Thread(() -> run[0] = CliRun.of(args.toArray(String[]::new)));
        peer.start();
        Thread.sleep(700); // let the peer bind before ffmpeg sends
        List<String> command = ffmpeg("-re", "-i", sent.toString(), "-ac", "1");
        command.addAll(encoder);
        // localport: ffmpeg sends from the port the peer names as --peer.
        command.addAll(List.of("-f", "rtp", "rtp://127.0.0.1:" + ours + "?localport=" + theirs));
        try (ExternalProcess ff = ExternalProcess.start(dir, "ffmpeg-send", command)) {
            assertTrue(ff.waitFor(20), ff.output());
            assertEquals(0, ff.exitValue(), ff.output());
            peer.join(20_000);
            assertEquals(0, run[0].exitCode(), run[0].err() + ff.output());
            assertTrue(run[0].out().contains("malformed 0,"), "no packet refused: " + run[0].out());
        }
        return WavFiles.readSamples(heard);
    }

    private static short[] tone(double seconds) {
        short[] tone = new short[(int) (seconds * RATE)];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(0.5 * 32767 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return tone;
    }

    /** @return the SNR of the tone in half a second of {@code played}, a second after it began */
    private static double toneSnrDb(short[] played) {
        int start = Signals.firstAbove(played, 2000);
        assertTrue(start >= 0, "the tone arrived");
        int from = start + RATE;
        assertTrue(from + RATE / 2 <= played.length, "a second and a half of tone: " + (played.length - start));
        return -Signals.sineResidualDb(played, from, from + RATE / 2, 440, RATE);
    }

    @Test
    void ffmpegsDefaultL16IsHeardBitExactByAPeerStartedWithPayloadType97() throws Exception {
        short[] signal = Signals.noise(RATE * 3, 23);
        short[] played = ffmpegSendsAndWePlay(signal, List.of("-c:a", "pcm_s16be"));
        // Once settled, a whole second of what ffmpeg sent is there, bit for bit.
        assertTrue(Signals.find(played, signal, RATE, RATE) >= 0, "ffmpeg's L16 played exactly");
    }

    @Test
    void ffmpegsDefaultOpusIsHeardWithTheToneTwentyDbAboveTheRest() throws Exception {
        short[] played = ffmpegSendsAndWePlay(tone(3), List.of("-c:a", "libopus", "-b:a", "64k"), "--codec", "opus");
        double snr = toneSnrDb(played);
        assertTrue(snr >= MIN_OPUS_SNR_DB, "SNR " + snr + " dB");
        System.out.printf(java.util.Locale.ROOT, "FFMPEG opus pt97 -> intercom: tone SNR %.1f dB%n", snr);
    }

    /** Our peer sends {@code signal}; ffmpeg plays it from the SDP of the same command line; @return what it played */
    private short[] weSendAndFfmpegPlays(short[] signal, String... intercomArgs) throws Exception {
        int theirs = FreePorts.udp();
        Path sent = dir.resolve("sent.wav");
        Path sdp = dir.resolve("stream.sdp");
        Path received = dir.resolve("ffmpeg-out.raw");
        WavFiles.write(sent, RATE, 1, signal);
        List<String> args = new ArrayList<>(List.of("--peer", "127.0.0.1:" + theirs, "--listen", "127.0.0.1:0",
                "--input", "file:" + sent, "--output", "null", "--duration", "4", "--stats-interval", "0"));
        args.addAll(Arrays.asList(intercomArgs));
        List<String> described = new ArrayList<>(List.of("sdp"));
        described.addAll(args);
        CliRun sdpRun = CliRun.of(described.toArray(String[]::new));
        assertEquals(0, sdpRun.exitCode(), sdpRun.err());
        Files.writeString(sdp, sdpRun.out());
        List<String> command = ffmpeg("-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(), "-t", "2.5",
                "-f", "s16le", "-ac", "1", "-ar", Integer.toString(RATE), received.toString());
        try (ExternalProcess ff = ExternalProcess.start(dir, "ffmpeg-receive", command)) {
            assertTrue(ff.awaitUdpBound(theirs, 15), "ffmpeg listens on " + theirs + ": " + ff.output());
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(ff.waitFor(20), ff.output());
            assertEquals(0, ff.exitValue(), ff.output() + "\n" + sdpRun.out());
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(received)).order(ByteOrder.LITTLE_ENDIAN);
        short[] played = new short[bytes.remaining() / 2];
        bytes.asShortBuffer().get(played);
        return played;
    }

    @Test
    void ffmpegPlaysOurL16BitExactFromTheSdpWePrint() throws Exception {
        short[] signal = Signals.noise(RATE * 3, 31);
        short[] played = weSendAndFfmpegPlays(signal, "--payload-type", "97");
        assertTrue(Signals.find(played, signal, RATE / 2, RATE) >= 0, "ffmpeg played a second of our L16 exactly");
    }

    @Test
    void ffmpegPlaysOurOpusFromTheSdpWePrint() throws Exception {
        short[] played = weSendAndFfmpegPlays(tone(4), "--codec", "opus", "--payload-type", "111");
        double snr = toneSnrDb(played);
        assertTrue(snr >= MIN_OPUS_SNR_DB, "SNR " + snr + " dB");
        System.out.printf(java.util.Locale.ROOT, "FFMPEG intercom opus pt111 -> ffmpeg: tone SNR %.1f dB%n", snr);
    }
}
