package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.file.WavFiles;
import dev.intercom.dtls.DtlsIdentity;
import dev.intercom.dtls.DtlsRole;
import dev.intercom.testing.FreePorts;
import dev.intercom.testing.Signals;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DTLS-SRTP against GStreamer's dtlssrtpenc/dtlssrtpdec (OpenSSL underneath), both ways and
 * with GStreamer as DTLS client and as server: the handshake completes, we authenticate
 * GStreamer's certificate by its fingerprint, and the audio decrypts on the other side.
 * GStreamer is given a certificate we made ({@code pem}), so we know the fingerprint to pin.
 * gst-launch receives on one port and sends from another; a {@link SymmetricPort} gives us one
 * address for both, as a real peer has.
 */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GStreamerDtlsInteropTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsGStreamer() {
        assumeTrue(ExternalProcess.available("gst-launch-1.0"), "gst-launch-1.0 is not installed");
    }

    /** Our identity file and GStreamer's certificate, chosen so that GStreamer takes {@code gstRole}. */
    private record Identities(Path ours, DtlsIdentity theirs, String theirPem) {
    }

    private Identities identities(DtlsRole gstRole) throws Exception {
        Path theirFile = dir.resolve("gst.pem");
        DtlsIdentity theirs = DtlsIdentity.generate(RANDOM);
        theirs.save(theirFile);
        DtlsIdentity ours;
        do {
            ours = DtlsIdentity.generate(RANDOM);
        } while (DtlsRole.between(theirs.fingerprint(), ours.fingerprint()) != gstRole);
        Path ourFile = dir.resolve("ours.pem");
        ours.save(ourFile);
        // OpenSSL reads the certificate first, then the key, from GStreamer's pem property.
        String text = Files.readString(theirFile);
        String cert = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----"));
        String key = text.substring(0, text.indexOf("-----BEGIN CERTIFICATE-----"));
        return new Identities(ourFile, theirs, cert + key);
    }

    /** GStreamer's DTLS elements: dtlssrtpdec receiving on {@code port}, dtlssrtpenc sending from {@code from} to {@code to}. */
    private static List<String> pipeline(Identities ids, DtlsRole gstRole, int port, int from, int to, String receive,
            String send) {
        List<String> c = new ArrayList<>(List.of("gst-launch-1.0", "-e", "-q", "udpsrc", "port=" + port, "!",
                "dtlssrtpdec", "name=d", "connection-id=intercom", "pem=\"" + ids.theirPem() + "\""));
        for (String part : (receive + " " + send).trim().split(" +")) {
            c.add(part);
        }
        c.addAll(List.of("dtlssrtpenc", "name=e", "connection-id=intercom", "is-client=" + (gstRole == DtlsRole.CLIENT),
                "!", "udpsink", "host=127.0.0.1", "port=" + to, "bind-address=127.0.0.1", "bind-port=" + from, "sync=false",
                "async=false"));
        return c;
    }

    @ParameterizedTest(name = "GStreamer as DTLS {0}")
    @EnumSource(DtlsRole.class)
    void intercomDtlsIntoGstreamer(DtlsRole gstRole) throws Exception {
        Identities ids = identities(gstRole);
        int gstIn = FreePorts.udp();
        int gstOut = FreePorts.udp();
        int ours = FreePorts.udp();
        Path received = dir.resolve("gst.raw");
        Path sent = dir.resolve("sent.wav");
        short[] signal = Signals.noise(48_000 * 2, 13);
        WavFiles.write(sent, 48_000, 1, signal);
        SymmetricPort theirs = new SymmetricPort(new InetSocketAddress("127.0.0.1", ours), gstIn, gstOut);
        List<String> gst = pipeline(ids, gstRole, gstIn, gstOut, theirs.port(), "d.rtp_src ! application/x-rtp,media=(string)audio,"
                + "clock-rate=(int)48000,encoding-name=(string)L16,channels=(int)1,payload=(int)96"
                + " ! rtpjitterbuffer latency=100 ! rtpL16depay ! audioconvert ! audio/x-raw,format=S16LE ! filesink location="
                + received + " d.rtcp_src ! fakesink sync=false async=false", "");
        try (theirs; ExternalProcess process = ExternalProcess.start(dir, "gst-dtls-receive", gst)) {
            Thread.sleep(1_000); // let GStreamer bind
            CliRun run = CliRun.of("--peer", "127.0.0.1:" + theirs.port(), "--listen", "127.0.0.1:" + ours, "--dtls",
                    "--identity", ids.ours().toString(), "--peer-fingerprint", ids.theirs().fingerprint().toString(),
                    "--input", "file:" + sent, "--output", "null", "--duration", "3", "--stats-interval", "0");
            assertEquals(0, run.exitCode(), run.err() + process.output());
            Thread.sleep(500);
            assertTrue(process.isAlive(), process.output());
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(received)).order(ByteOrder.LITTLE_ENDIAN);
        short[] played = new short[bytes.remaining() / 2];
        bytes.asShortBuffer().get(played);
        assertTrue(Signals.find(played, signal, 48_000 / 2, 4_800) >= 0, "GStreamer decrypted our samples exactly");
    }

    @ParameterizedTest(name = "GStreamer as DTLS {0}")
    @EnumSource(DtlsRole.class)
    void gstreamerDtlsIntoIntercom(DtlsRole gstRole) throws Exception {
        Identities ids = identities(gstRole);
        int gstIn = FreePorts.udp();
        int gstOut = FreePorts.udp();
        int ours = FreePorts.udp();
        SymmetricPort theirs = new SymmetricPort(new InetSocketAddress("127.0.0.1", ours), gstIn, gstOut);
        Path heard = dir.resolve("heard.wav");
        CliRun[] run = new CliRun[1];
        Thread peer = new Thread(() -> run[0] = CliRun.of("--peer", "127.0.0.1:" + theirs.port(), "--listen", "127.0.0.1:" + ours,
                "--dtls", "--identity", ids.ours().toString(), "--peer-fingerprint", ids.theirs().fingerprint().toString(),
                "--input", "silence", "--output", "file:" + heard, "--duration", "5", "--jitter", "40",
                "--stats-interval", "0"));
        peer.start();
        Thread.sleep(500); // let the peer bind
        List<String> gst = pipeline(ids, gstRole, gstIn, gstOut, theirs.port(),
                "d.rtp_src ! fakesink sync=false async=false d.rtcp_src ! fakesink sync=false async=false",
                "audiotestsrc is-live=true freq=440 volume=0.5 num-buffers=400 samplesperbuffer=480"
                        + " ! audio/x-raw,format=S16BE,rate=48000,channels=1 ! rtpL16pay pt=96 mtu=1400 ! e.rtp_sink_0");
        try (theirs; ExternalProcess process = ExternalProcess.start(dir, "gst-dtls-send", gst)) {
            peer.join(20_000);
            assertEquals(0, run[0].exitCode(), run[0].err() + process.output());
        }
        short[] played = WavFiles.readSamples(heard);
        int start = Signals.firstAbove(played, 2000);
        assertTrue(start >= 0, "GStreamer's tone arrived: " + run[0].out());
        short[] tone = Arrays.copyOfRange(played, start, Math.min(played.length, start + 48_000 * 2));
        assertEquals(440, Signals.frequency(tone, 0, tone.length, 48_000), 5, "the pitch GStreamer sent");
        assertTrue(run[0].out().contains("summary"), run[0].out());
    }
}
