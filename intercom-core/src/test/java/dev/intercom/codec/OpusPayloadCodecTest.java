package dev.intercom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.problem.ConfigException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opus through {@link OpusPayloadCodec}: what comes out resembles what went in, at the bitrate
 * asked for, in mono and stereo, at every block size it allows; what it refuses it refuses with
 * the flag to change. Loss is in {@link OpusLossTest}.
 */
@Timeout(60)
class OpusPayloadCodecTest {

    private static final int RATE = 48_000;

    @Test
    void reportsTheRtpNameClockAndLookAhead() {
        OpusPayloadCodec plain = new OpusPayloadCodec(new StreamFormat(16_000, 1, 160), 32, false);
        assertEquals("opus", plain.name());
        assertEquals(48_000, plain.clockRate(), "RFC 7587: the RTP clock is 48 kHz at any sample rate");
        assertEquals(40, plain.delayFrames(), "restricted low-delay: 2.5 ms of look-ahead");
        assertEquals("restricted-lowdelay", plain.mode());
        assertFalse(plain.supportsFec());
        OpusPayloadCodec withFec = new OpusPayloadCodec(new StreamFormat(16_000, 1, 160), 32, true);
        assertEquals(104, withFec.delayFrames(), "VoIP mode: 2.5 + 4 ms of look-ahead");
        assertEquals("voip", withFec.mode());
        assertTrue(withFec.supportsFec());
    }

    @Test
    void tellsAPacketsFrameCountWithoutDecodingIt() {
        for (int frames : new int[] {120, 240, 480, 960}) {
            StreamFormat format = new StreamFormat(RATE, 2, frames);
            OpusPayloadCodec codec = new OpusPayloadCodec(format, 64, false);
            ByteBuf packet = Unpooled.buffer();
            codec.encode(TestSignals.tone(RATE, 2, frames, 440, 8000), frames, packet);
            assertEquals(frames, codec.framesIn(packet, packet.readerIndex(), packet.readableBytes()),
                    "a packet of " + frames + " frames");
        }
        OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, 1, 480), 64, false);
        ByteBuf nonsense = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF});
        assertEquals(PayloadCodec.CORRUPT, codec.framesIn(nonsense, 0, 1), "code 3 without its frame count");
        assertEquals(PayloadCodec.CORRUPT, codec.framesIn(nonsense, 0, 0), "an empty payload");
    }

    @Test
    void aToneComesBackAtItsDelayWithHighSnr() {
        short[] tone = TestSignals.tone(RATE, 1, RATE * 2, 1000, 16_000);
        OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, 1, 960), 64, false);
        short[] decoded = Transcoder.run(codec, tone, 1, 960).decoded();
        int from = RATE / 4;
        int length = decoded.length - from - codec.delayFrames();
        double snr = Quality.snrDb(tone, decoded, codec.delayFrames(), from, length);
        System.out.printf(Locale.ROOT, "1 kHz tone, 64 kbps, 20 ms: SNR %.1f dB%n", snr);
        assertTrue(snr > 30, "SNR " + snr);
        // One sample later or earlier is a clearly worse match: the look-ahead is the delay.
        assertTrue(snr > Quality.snrDb(tone, decoded, codec.delayFrames() + 4, from, length - 4) + 10);
    }

    @Test
    void speechComesBackAtItsDelayWithAReasonableSnr() {
        short[] speech = TestSignals.speech(RATE, 4, 11);
        OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, 1, 480), 64, false);
        short[] decoded = Transcoder.run(codec, speech, 1, 480).decoded();
        int from = RATE / 4;
        int length = decoded.length - from - 1000;
        assertEquals(codec.delayFrames(), Quality.bestDelay(speech, decoded, 1000, from, RATE));
        double snr = Quality.snrDb(speech, decoded, codec.delayFrames(), from, length);
        double lsd = Quality.logSpectralDistanceDb(speech, decoded, codec.delayFrames(), from, length, RATE, 20_000);
        System.out.printf(Locale.ROOT, "speech-like, 64 kbps, 10 ms: SNR %.1f dB, log-spectral distance %.1f dB%n", snr, lsd);
        // Opus does not match waveforms sample for sample; 12 dB is well above a broken codec's ~0.
        assertTrue(snr > 12, "SNR " + snr);
        assertTrue(lsd < 6, "log-spectral distance " + lsd);
    }

    @Test
    void speechWithFecOnSoundsAsCloseThoughItsWaveformMatchesLess() {
        // With FEC the encoder codes speech with SILK, which keeps the spectrum, not the waveform.
        short[] speech = TestSignals.speech(RATE, 4, 12);
        OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, 1, 960), 64, true);
        short[] decoded = Transcoder.run(codec, speech, 1, 960).decoded();
        int from = RATE / 4;
        int length = decoded.length - from - 1000;
        double snr = Quality.snrDb(speech, decoded, codec.delayFrames(), from, length);
        double lsd = Quality.logSpectralDistanceDb(speech, decoded, codec.delayFrames(), from, length, RATE, 20_000);
        System.out.printf(Locale.ROOT, "speech-like, 64 kbps, 20 ms, FEC (VoIP mode): SNR %.1f dB, log-spectral distance %.1f dB%n",
                snr, lsd);
        assertTrue(snr > 4, "SNR " + snr);
        assertTrue(lsd < 7, "log-spectral distance " + lsd);
    }

    @Test
    void stereoKeepsEachChannelApart() {
        int frames = RATE * 2;
        short[] left = TestSignals.tone(RATE, 1, frames, 440, 12_000);
        short[] right = TestSignals.speech(RATE, 2, 5);
        short[] stereo = TestSignals.interleave(left, right);
        OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, 2, 960), OpusSettings.defaultBitrateKbps(2), false);
        short[] decoded = Transcoder.run(codec, stereo, 2, 960).decoded();
        short[] outLeft = TestSignals.channel(decoded, 2, 0);
        short[] outRight = TestSignals.channel(decoded, 2, 1);
        int d = codec.delayFrames();
        int from = RATE / 4;
        int length = outLeft.length - from - d;
        double leftSnr = Quality.snrDb(left, outLeft, d, from, length);
        double rightSnr = Quality.snrDb(right, outRight, d, from, length);
        System.out.printf(Locale.ROOT, "stereo 96 kbps, 20 ms: left tone SNR %.1f dB, right speech SNR %.1f dB%n", leftSnr, rightSnr);
        assertTrue(leftSnr > 20, "left SNR " + leftSnr);
        assertTrue(rightSnr > 10, "right SNR " + rightSnr);
        // Had the channels been swapped or mixed, each would match the other's input instead.
        assertTrue(Quality.snrDb(right, outLeft, d, from, length) < 1);
        assertTrue(Quality.snrDb(left, outRight, d, from, length) < 1);
    }

    @Test
    void everyAllowedBlockAtEveryRateRoundTrips() {
        for (int rate : OpusSettings.SAMPLE_RATES) {
            for (int quarters : new int[] {1, 2, 4, 8}) {
                int block = rate / 400 * quarters;
                short[] tone = TestSignals.tone(rate, 1, rate, 700, 12_000);
                OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(rate, 1, block), 64, false);
                Transcoder.Result result = Transcoder.run(codec, tone, 1, block);
                int from = rate / 4;
                double snr = Quality.snrDb(tone, result.decoded(), codec.delayFrames(), from,
                        result.decoded().length - from - codec.delayFrames());
                assertTrue(snr > 15, rate + " Hz, " + block + "-frame blocks: SNR " + snr);
            }
        }
    }

    @Test
    void aBlockOpusCannotCodeIsRefusedWithTheBlocksItCan() {
        Refusal e = refused(new StreamFormat(48_000, 1, 128), 64, false);
        assertEquals("--block", e.flag);
        assertEquals("--block: Opus needs blocks of 2.5, 5, 10 or 20 ms: at 48000 Hz --block 120, 240, 480 or 960 (got 128)",
                e.message);
        Refusal at16k = refused(new StreamFormat(16_000, 1, 128), 64, false);
        assertEquals("--block: Opus needs blocks of 2.5, 5, 10 or 20 ms: at 16000 Hz --block 40, 80, 160 or 320 (got 128)",
                at16k.message);
        assertEquals("--block", refused(new StreamFormat(48_000, 1, 1920), 64, false).flag, "40 ms: more delay than we allow");
    }

    @Test
    void aRateChannelCountBitrateOrFecOpusCannotDoIsRefusedNamingItsFlag() {
        Refusal rate = refused(new StreamFormat(44_100, 1, 441), 64, false);
        assertEquals("--rate: Opus runs at 8000, 12000, 16000, 24000 or 48000 Hz (got 44100)", rate.message);
        Refusal channels = refused(new StreamFormat(48_000, 3, 960), 64, false);
        assertEquals("--channels: Opus carries 1 or 2 channels (got 3)", channels.message);
        Refusal bitrate = refused(new StreamFormat(48_000, 1, 960), 5, false);
        assertEquals("--bitrate: must be from 6 to 510 kbps for Opus (got 5)", bitrate.message);
        assertEquals("--bitrate", refused(new StreamFormat(48_000, 1, 960), 511, false).flag);
        Refusal fec = refused(new StreamFormat(48_000, 1, 240), 64, true);
        assertEquals("--fec: Opus in-band FEC needs blocks of 10 or 20 ms: at 48000 Hz --block 480 or 960 (got 240),"
                + " or leave FEC off", fec.message);
    }

    @Test
    void theBitrateOnTheWireIsNearTheTarget() {
        short[] speech = TestSignals.speech(RATE, 10, 3);
        short[] stereo = TestSignals.interleave(speech, TestSignals.speech(RATE, 10, 4));
        record Case(int channels, int block, int kbps, boolean fec) {
        }
        for (Case c : new Case[] {
            new Case(1, 960, 64, false), new Case(1, 480, 64, false), new Case(1, 960, 32, false),
            new Case(1, 960, 64, true), new Case(1, 480, 32, true), new Case(2, 960, 96, false),
        }) {
            OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, c.channels, c.block), c.kbps, c.fec);
            Transcoder.Result result = Transcoder.run(codec, c.channels == 1 ? speech : stereo, c.channels, c.block);
            double kbps = result.payloadBytes() * 8.0 / 10 / 1000;
            System.out.printf(Locale.ROOT, "%s: payload %.1f kbps over 10 s%n", c, kbps);
            assertTrue(Math.abs(kbps - c.kbps) <= 0.2 * c.kbps, c + ": " + kbps + " kbps");
        }
    }

    @Test
    void corruptPayloadsAreReportedNotThrownAndTheStreamRecovers() {
        StreamFormat format = new StreamFormat(RATE, 1, 480);
        OpusPayloadCodec codec = new OpusPayloadCodec(format, 64, false);
        short[] out = new short[format.samplesPerBlock()];
        assertEquals(PayloadCodec.CORRUPT, codec.decode(Unpooled.buffer(4), 0, 0, out), "an empty payload");
        SplittableRandom random = new SplittableRandom(5);
        ByteBuf garbage = Unpooled.buffer(400);
        int corrupt = 0;
        for (int i = 0; i < 2000; i++) {
            garbage.clear();
            int length = 1 + random.nextInt(400);
            for (int b = 0; b < length; b++) {
                garbage.writeByte(random.nextInt(256));
            }
            int frames = codec.decode(garbage, 0, length, out);
            assertTrue(frames == PayloadCodec.CORRUPT || (frames > 0 && frames <= 480), "got " + frames);
            corrupt += frames == PayloadCodec.CORRUPT ? 1 : 0;
        }
        assertTrue(corrupt > 0, "some random payloads must be recognised as corrupt");
        // Afterwards a clean stream decodes as well as it would have from the start.
        codec.resetDecoder();
        short[] tone = TestSignals.tone(RATE, 1, RATE, 1000, 16_000);
        short[] decoded = Transcoder.run(codec, tone, 1, 480).decoded();
        double snr = Quality.snrDb(tone, decoded, codec.delayFrames(), RATE / 4, RATE / 2);
        assertTrue(snr > 30, "SNR after garbage " + snr);
    }

    @Test
    void aPacketLongerThanTheOutputIsCorruptAndAnEncodeOfTheWrongSizeIsRefused() {
        OpusPayloadCodec sender = new OpusPayloadCodec(new StreamFormat(RATE, 1, 960), 64, false);
        ByteBuf packet = Unpooled.buffer();
        sender.encode(new short[960], 960, packet);
        OpusPayloadCodec receiver = new OpusPayloadCodec(new StreamFormat(RATE, 1, 480), 64, false);
        assertEquals(PayloadCodec.CORRUPT, receiver.decode(packet, 0, packet.readableBytes(), new short[480]));
        assertEquals(960, receiver.decode(packet, 0, packet.readableBytes(), new short[960]),
                "a 20 ms packet from a peer with bigger blocks decodes into room for it");
        assertThrows(IllegalArgumentException.class, () -> sender.encode(new short[960], 480, Unpooled.buffer()));
        assertThrows(IllegalArgumentException.class, () -> sender.encode(new short[480], 960, Unpooled.buffer()));
        assertThrows(IndexOutOfBoundsException.class, () -> receiver.decode(packet, 0, 10_000, new short[960]));
    }

    @Test
    void encodeAppendsAtTheWriterIndexAndReportsWhatItWrote() {
        OpusPayloadCodec codec = new OpusPayloadCodec(new StreamFormat(RATE, 1, 960), 64, false);
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(new byte[12]); // an RTP header's worth
        int written = codec.encode(TestSignals.tone(RATE, 1, 960, 1000, 8000), 960, out);
        assertTrue(written > 1 && written <= 1275, "wrote " + written);
        assertEquals(12 + written, out.writerIndex());
        short[] decoded = new short[960];
        assertEquals(960, codec.decode(out, 12, written, decoded));
    }

    /** The parts of a refusal the tests compare. */
    private record Refusal(String flag, String message) {
    }

    private static Refusal refused(StreamFormat format, int kbps, boolean fec) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new OpusPayloadCodec(format, kbps, fec));
        return new Refusal(e.flag(), e.getMessage());
    }
}
