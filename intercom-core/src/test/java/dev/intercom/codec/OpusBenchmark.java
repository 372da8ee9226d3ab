package dev.intercom.codec;

import dev.intercom.audio.StreamFormat;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What Opus costs and gives against L16, for 10 s of speech-like audio at 48 kHz mono, in each
 * of our two encoder modes (restricted low-delay without FEC, VoIP with FEC), block sizes and
 * bitrates. Prints lines starting {@code OPUS }; figures only, no assertions.
 *
 * <ul>
 *   <li>{@code wire_kbps}: payload plus the 12-byte RTP header, per second (UDP/IP adds 28 more
 *       bytes a packet on IPv4);
 *   <li>{@code enc_ms/s}, {@code dec_ms/s}: this thread's CPU time to encode, and to decode, one
 *       second of audio (10 ms/s is 1 % of a core), the least of three runs after a warm-up;
 *   <li>{@code SNR_dB}: waveform SNR against the input, after the codec's look-ahead;
 *   <li>{@code LSD8k_dB}, {@code LSD20k_dB}: log-spectral distance up to 8 and 20 kHz;
 *   <li>{@code plc_dB}, {@code fec_dB}: with every 10th packet lost, SNR of the lost blocks
 *       against the same codec's loss-free decode, concealed by Opus, or rebuilt from the next
 *       packet's FEC.
 * </ul>
 *
 * <p>Which to trust: SNR only rewards sample-exact waveforms, which CELT at high rates comes
 * close to and SILK (speech mode, used with FEC) never tries for, so it ranks CELT above SILK
 * whatever the ear says. The log-spectral distance ignores phase and follows the spectrum the
 * ear hears, so it is the fairer figure across modes; its 20 kHz version also charges for the
 * band a low bitrate gives up, the 8 kHz version only for the speech band. Neither models
 * masking: for a real verdict, listen, or run PESQ/POLQA/ViSQOL on real speech.
 */
@Tag("benchmark")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class OpusBenchmark {

    private static final int RATE = 48_000;
    private static final double SECONDS = 10;
    private static final int RTP_HEADER_BYTES = 12;
    private static final int[] BITRATES = {16, 32, 64, 96};
    private static final int LOSS_EVERY = 10;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void printsCostAndQualityAgainstL16() throws OpusException {
        short[] speech = TestSignals.speech(RATE, SECONDS, 2024);
        OpusEncoder defaults = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY);
        System.out.printf(Locale.ROOT, "OPUS %.0f s speech-like at %d Hz mono; Concentus encoder defaults: complexity %d, VBR %s, "
                        + "constrained VBR %s; FEC loss hint %d %%; CPU: %s%n",
                SECONDS, RATE, defaults.getComplexity(), defaults.getUseVBR(), defaults.getUseConstrainedVBR(),
                OpusPayloadCodec.DEFAULT_EXPECTED_LOSS_PERCENT, System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.printf(Locale.ROOT, "OPUS %-19s %5s %6s %9s %8s %8s %7s %8s %9s %7s %7s%n", "mode", "ms", "target",
                "wire_kbps", "enc_ms/s", "dec_ms/s", "SNR_dB", "LSD8k_dB", "LSD20k_dB", "plc_dB", "fec_dB");
        // Warm the JIT up on both Opus modes, so the first rows are not charged for compiling.
        for (boolean fec : new boolean[] {false, true}) {
            Transcoder.run(new OpusPayloadCodec(new StreamFormat(RATE, 1, 480), 64, fec), speech, 1, 480);
        }
        row("L16", 960, 0, speech, format -> new L16PayloadCodec(format));
        for (boolean fec : new boolean[] {false, true}) {
            int[] blocks = fec ? new int[] {960, 480} : new int[] {960, 480, 240, 120};
            for (int block : blocks) {
                for (int kbps : BITRATES) {
                    row(fec ? "voip+fec" : "restricted-lowdelay", block, kbps, speech,
                            format -> new OpusPayloadCodec(format, kbps, fec));
                }
            }
        }
    }

    private interface Factory {
        PayloadCodec make(StreamFormat format);
    }

    private void row(String mode, int block, int kbps, short[] speech, Factory factory) {
        StreamFormat format = new StreamFormat(RATE, 1, block);
        int packets = speech.length / block;
        ByteBuf[] payloads = new ByteBuf[packets];
        for (int p = 0; p < packets; p++) {
            payloads[p] = Unpooled.buffer(2048);
        }
        short[] decoded = new short[packets * block];
        long bestEncode = Long.MAX_VALUE;
        long bestDecode = Long.MAX_VALUE;
        long payloadBytes = 0;
        int delay = 0;
        for (int run = 0; run < 4; run++) { // the first warms the JIT up
            PayloadCodec codec = factory.make(format);
            delay = codec.delayFrames();
            short[] in = new short[block];
            short[] out = new short[block];
            payloadBytes = 0;
            long t0 = threads.getCurrentThreadCpuTime();
            for (int p = 0; p < packets; p++) {
                System.arraycopy(speech, p * block, in, 0, block);
                payloads[p].clear();
                payloadBytes += codec.encode(in, block, payloads[p]);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int p = 0; p < packets; p++) {
                codec.decode(payloads[p], 0, payloads[p].readableBytes(), out);
                System.arraycopy(out, 0, decoded, p * block, block);
            }
            long t2 = threads.getCurrentThreadCpuTime();
            if (run > 0) {
                bestEncode = Math.min(bestEncode, t1 - t0);
                bestDecode = Math.min(bestDecode, t2 - t1);
            }
        }
        for (ByteBuf b : payloads) {
            b.release();
        }
        int from = RATE / 4;
        int length = decoded.length - from - Math.max(delay, 1);
        double wireKbps = (payloadBytes + (double) RTP_HEADER_BYTES * packets) * 8 / SECONDS / 1000;
        double snr = Quality.snrDb(speech, decoded, delay, from, length);
        double lsd8k = Quality.logSpectralDistanceDb(speech, decoded, delay, from, length, RATE, 8000);
        double lsd20k = Quality.logSpectralDistanceDb(speech, decoded, delay, from, length, RATE, 20_000);
        String plc = "-";
        String fec = "-";
        if (kbps > 0) {
            boolean[] lost = new boolean[packets];
            for (int p = 5; p < packets - 1; p += LOSS_EVERY) {
                lost[p] = true;
            }
            plc = String.format(Locale.ROOT, "%.1f", Quality.lostSnrDb(decoded,
                    Transcoder.run(factory.make(format), speech, 1, block, lost, false).decoded(), lost, block));
            PayloadCodec probe = factory.make(format);
            if (probe.supportsFec()) {
                fec = String.format(Locale.ROOT, "%.1f", Quality.lostSnrDb(decoded,
                        Transcoder.run(probe, speech, 1, block, lost, true).decoded(), lost, block));
            }
        }
        double audioSeconds = (double) packets * block / RATE;
        String snrText = Double.isInfinite(snr) ? "inf" : String.format(Locale.ROOT, "%.1f", snr);
        System.out.printf(Locale.ROOT, "OPUS %-19s %5.1f %6s %9.1f %8.2f %8.2f %7s %8.2f %9.2f %7s %7s%n", mode,
                block * 1000.0 / RATE, kbps > 0 ? Integer.toString(kbps) : "-", wireKbps,
                bestEncode / 1e6 / audioSeconds, bestDecode / 1e6 / audioSeconds, snrText, lsd8k, lsd20k, plc, fec);
    }
}
