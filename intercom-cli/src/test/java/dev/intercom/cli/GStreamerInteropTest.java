package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.file.WavFiles;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import dev.intercom.testing.FreePorts;
import dev.intercom.testing.Signals;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our stream against GStreamer's RTP elements, both ways, plain and SRTP: what one side sends,
 * the other plays. Needs gst-launch-1.0 with the good and bad plugin sets ({@code -Pinterop};
 * {@code .ci/run} installs them).
 */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GStreamerInteropTest {

    private static final String L16_CAPS = "application/x-rtp,media=(string)audio,clock-rate=(int)48000,"
            + "encoding-name=(string)L16,channels=(int)1,payload=(int)96";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsGStreamer() {
        assumeTrue(ExternalProcess.available("gst-launch-1.0"), "gst-launch-1.0 is not installed");
    }

    private static List<String> gst(String... pipeline) {
        List<String> command = new ArrayList<>(List.of("gst-launch-1.0", "-e", "-q"));
        for (String element : pipeline) {
            command.addAll(Arrays.asList(element.split(" ")));
        }
        return command;
    }

    private void gstreamerSendsAndWePlay(String srtpEncoder, String... intercomCrypto) throws Exception {
        gstreamerSendsAndWePlay("audio/x-raw,format=S16BE,rate=48000,channels=1 ! rtpL16pay pt=96 mtu=1400", 2500,
                srtpEncoder, intercomCrypto);
    }

    private void gstreamerSendsAndWePlay(String payloader, double levelTolerance, String srtpEncoder,
            String... intercomArgs) throws Exception {
        int ours = FreePorts.udp();
        int theirs = FreePorts.udp();
        Path heard = dir.resolve("heard.wav");
        List<String> pipeline = new ArrayList<>(gst("audiotestsrc is-live=true freq=440 volume=0.5 num-buffers=300"
                + " samplesperbuffer=480 ! " + payloader));
        if (srtpEncoder != null) {
            pipeline.addAll(Arrays.asList(("! " + srtpEncoder).split(" ")));
        }
        pipeline.addAll(Arrays.asList(("! udpsink host=127.0.0.1 port=" + ours + " bind-address=127.0.0.1 bind-port="
                + theirs).split(" ")));
        List<String> args = new ArrayList<>(List.of("--peer", "127.0.0.1:" + theirs, "--listen", "127.0.0.1:" + ours,
                "--input", "silence", "--output", "file:" + heard, "--duration", "4", "--jitter", "40",
                "--stats-interval", "0"));
        args.addAll(Arrays.asList(intercomArgs));
        CliRun[] run = new CliRun[1];
        Thread peer = new Thread(() -> run[0] = CliRun.of(args.toArray(String[]::new)));
        peer.start();
        Thread.sleep(500); // let the peer bind before GStreamer sends
        try (ExternalProcess gst = ExternalProcess.start(dir, "gst-send", pipeline)) {
            assertTrue(gst.waitFor(20), gst.output());
            peer.join(20_000);
            assertEquals(0, run[0].exitCode(), run[0].err() + gst.output());
        }
        short[] played = WavFiles.readSamples(heard);
        int start = Signals.firstAbove(played, 2000);
        assertTrue(start >= 0, "GStreamer's tone arrived: " + run[0].out());
        int end = Math.min(played.length, start + 48_000 * 5 / 2); // the 3 s it sent, less a margin
        short[] tone = Arrays.copyOfRange(played, start, end);
        assertEquals(440, Signals.frequency(tone, 0, tone.length, 48_000), 5, "the pitch GStreamer sent");
        assertEquals(0.5 * 32767 / Math.sqrt(2), Signals.rms(tone, 0, tone.length), levelTolerance, "at the level it sent");
        assertTrue(run[0].out().contains("auth_failures") || run[0].out().contains("summary"), run[0].out());
    }

    @Test
    void gstreamerL16IntoIntercom() throws Exception {
        gstreamerSendsAndWePlay(null);
    }

    @Test
    void gstreamerOpusIntoIntercom() throws Exception {
        gstreamerSendsAndWePlay("audio/x-raw,rate=48000,channels=1 ! opusenc frame-size=10 bitrate=64000"
                + " ! rtpopuspay pt=96", 4000, null, "--codec", "opus", "--block", "480");
    }

    @Test
    void gstreamerOpusAsPayloadType111IntoAPeerStartedWithIt() throws Exception {
        // 111: what WebRTC peers use for Opus; --block left to its Opus default (10 ms).
        gstreamerSendsAndWePlay("audio/x-raw,rate=48000,channels=1 ! opusenc frame-size=20 bitrate=64000"
                + " ! rtpopuspay pt=111", 4000, null, "--codec", "opus", "--payload-type", "111");
    }

    @Test
    void intercomOpusIntoGstreamer() throws Exception {
        intercomOpusIntoGstreamer(96);
    }

    @Test
    void intercomOpusAsPayloadType111IntoGstreamer() throws Exception {
        intercomOpusIntoGstreamer(111, "--payload-type", "111");
    }

    private void intercomOpusIntoGstreamer(int payloadType, String... intercomArgs) throws Exception {
        int theirs = FreePorts.udp();
        Path received = dir.resolve("opus.raw");
        List<String> pipeline = gst("udpsrc address=127.0.0.1 port=" + theirs + " caps=application/x-rtp,media=(string)audio,"
                + "clock-rate=(int)48000,encoding-name=(string)OPUS,payload=(int)" + payloadType
                + " ! rtpjitterbuffer latency=100"
                + " ! rtpopusdepay ! opusdec ! audioconvert ! audio/x-raw,format=S16LE,channels=1 ! filesink location="
                + received);
        try (ExternalProcess gst = ExternalProcess.start(dir, "gst-opus", pipeline)) {
            Thread.sleep(1_000);
            List<String> args = new ArrayList<>(List.of("--peer", "127.0.0.1:" + theirs, "--listen", "127.0.0.1:0",
                    "--codec", "opus", "--input", "tone:440", "--output", "null", "--duration", "3",
                    "--stats-interval", "0"));
            args.addAll(Arrays.asList(intercomArgs));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            Thread.sleep(500);
            assertTrue(gst.isAlive() || gst.exitValue() == 0, gst.output());
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(received))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        short[] played = new short[bytes.remaining() / 2];
        bytes.asShortBuffer().get(played);
        int start = Signals.firstAbove(played, 2000);
        assertTrue(start >= 0, "GStreamer decoded our Opus stream");
        short[] tone = Arrays.copyOfRange(played, start + 4800, Math.min(played.length, start + 48_000 * 2));
        assertEquals(440, Signals.frequency(tone, 0, tone.length, 48_000), 5, "the pitch we sent");
    }

    @Test
    void gstreamerSrtpIntoIntercom() throws Exception {
        SrtpKey key = SrtpKey.generate(SrtpProfile.AES128_CM_SHA1_80, new SecureRandom());
        String hex = hex(key);
        gstreamerSendsAndWePlay("srtpenc key=" + hex + " rtp-cipher=aes-128-icm rtp-auth=hmac-sha1-80"
                + " rtcp-cipher=aes-128-icm rtcp-auth=hmac-sha1-80", "--key", key.toBase64());
    }

    private static String hex(SrtpKey key) {
        byte[] both = new byte[key.masterKey().length + key.masterSalt().length];
        System.arraycopy(key.masterKey(), 0, both, 0, key.masterKey().length);
        System.arraycopy(key.masterSalt(), 0, both, key.masterKey().length, key.masterSalt().length);
        return HexFormat.of().formatHex(both);
    }

    private short[] weSendAndGstreamerPlays(String caps, String decoder, String tail, String... intercomArgs)
            throws Exception {
        int theirs = FreePorts.udp();
        return weSendAndGstreamerPlays(theirs, "udpsrc address=127.0.0.1 port=" + theirs + " caps=" + caps + " ! "
                + decoder + " ! rtpjitterbuffer latency=100", tail, intercomArgs);
    }

    private short[] weSendAndGstreamerPlays(int theirs, String source, String tail, String... intercomArgs)
            throws Exception {
        Path received = dir.resolve("gst.raw");
        Path sent = dir.resolve("sent.wav");
        short[] signal = Signals.noise(48_000 * 2, 11);
        WavFiles.write(sent, 48_000, 1, signal);
        List<String> pipeline = gst(source, "! rtpL16depay ! audioconvert ! audio/x-raw,format=S16LE ! filesink location="
                + received + tail);
        try (ExternalProcess gst = ExternalProcess.start(dir, "gst-receive", pipeline)) {
            assertTrue(gst.awaitUdpBound(theirs, 15), "GStreamer listens on " + theirs + ": " + gst.output());
            List<String> args = new ArrayList<>(List.of("--peer", "127.0.0.1:" + theirs, "--listen", "127.0.0.1:0",
                    "--input", "file:" + sent, "--output", "null", "--duration", "3", "--stats-interval", "0"));
            args.addAll(Arrays.asList(intercomArgs));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            Thread.sleep(500); // what we sent last leaves GStreamer's jitter buffer
            // sdpdemux ends the pipeline when our RTCP BYE arrives; a plain udpsrc waits on.
            assertTrue(gst.isAlive() || gst.exitValue() == 0, gst.output());
        }
        // Raw little-endian samples: written as they come, whole without an end-of-stream.
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(received))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        short[] played = new short[bytes.remaining() / 2];
        bytes.asShortBuffer().get(played);
        // L16 through GStreamer is lossless: a second of what we sent is there, bit for bit.
        int at = Signals.find(played, signal, 48_000 / 2, 4_800);
        assertTrue(at >= 0, "GStreamer played our samples exactly");
        return played;
    }

    @Test
    void intercomL16IntoGstreamer() throws Exception {
        weSendAndGstreamerPlays(L16_CAPS, "identity", "");
    }

    @Test
    void gstreamerPlaysOurStreamFromTheSdpWeDescribeItWith() throws Exception {
        int theirs = FreePorts.udp();
        Path sdp = dir.resolve("stream.sdp");
        CliRun described = CliRun.of("sdp", "--peer", "127.0.0.1:" + theirs);
        assertEquals(0, described.exitCode(), described.err());
        java.nio.file.Files.writeString(sdp, described.out());
        weSendAndGstreamerPlays(theirs, "filesrc location=" + sdp + " ! sdpdemux latency=100", "");
    }

    @Test
    void intercomSrtpIntoGstreamer() throws Exception {
        SrtpKey key = SrtpKey.generate(SrtpProfile.AES128_CM_SHA1_80, new SecureRandom());
        long ssrc = 0x1234_5678L;
        String caps = "application/x-srtp,media=(string)audio,clock-rate=(int)48000,encoding-name=(string)L16,"
                + "channels=(int)1,payload=(int)96,ssrc=(uint)" + ssrc + ",roc=(uint)0,srtp-key=(buffer)" + hex(key)
                + ",srtp-cipher=(string)aes-128-icm,srtp-auth=(string)hmac-sha1-80,srtcp-cipher=(string)aes-128-icm,"
                + "srtcp-auth=(string)hmac-sha1-80";
        // Our SRTCP shares the port (rtcp-mux): srtpdec decrypts it and hands it out of its RTCP pad.
        weSendAndGstreamerPlays(caps, "srtpdec name=d", " d.rtcp_src ! fakesink sync=false async=false",
                "--key", key.toBase64(), "--ssrc", Long.toString(ssrc), "--key-is-fresh");
    }
}
