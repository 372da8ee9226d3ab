package dev.intercom.config;

import dev.intercom.audio.InputSpec;
import dev.intercom.audio.OutputSpec;
import dev.intercom.audio.StreamFormat;
import dev.intercom.dtls.Fingerprint;
import dev.intercom.problem.ConfigException;
import dev.intercom.rtp.RtpHeader;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of one session (a peer, a party line or a local loopback), checked once: the
 * aggregate of one record per group of the CLI's options. The command line maps its flags onto a
 * {@link Builder}; {@link Builder#build()} refuses out-of-range values and invalid combinations
 * with a {@link ConfigException} naming the flag, before any thread starts, and derives the sizes
 * the hot path preallocates. The accessors below the parts read across them, or are shortcuts
 * into one.
 *
 * @param audio   format, input, output, device buffer
 * @param playout the playout delay and the jitter buffer's size
 * @param codec   L16 or Opus and its settings
 * @param network the peers, our address, and how the stream is protected
 * @param run     duration and statistics
 */
public record SessionConfig(AudioConfig audio, PlayoutConfig playout, CodecConfig codec, NetworkConfig network,
        RunConfig run) {

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the (first) remote peer, absent for a local loopback */
    public Optional<SocketAddressSpec> peer() {
        return network.peers().stream().findFirst();
    }

    /** @return every remote peer in the order given (a party line when more than one); empty for a loopback */
    public List<SocketAddressSpec> peers() {
        return network.peers();
    }

    /** @return the local address and UDP port to listen and send on */
    public SocketAddressSpec listen() {
        return network.listen();
    }

    /** @return sample rate, channels and block size */
    public StreamFormat format() {
        return audio.format();
    }

    /** @return whether the playout delay follows the network ({@code --jitter auto}) */
    public boolean adaptiveJitter() {
        return playout.adaptive();
    }

    /** @return the fixed buffering target the user asked for in milliseconds, absent for auto */
    public Optional<Double> requestedJitterMs() {
        return playout.requestedJitterMs();
    }

    /** @return the sound-card line buffer asked for in milliseconds, absent for {@code --device-buffer auto} */
    public Optional<Double> deviceBufferMs() {
        return audio.deviceBufferMs();
    }

    /** @return {@code --device-latency} in ms (see {@link AudioConfig#deviceLatencyMs}), absent for auto */
    public Optional<Double> deviceLatencyMs() {
        return audio.deviceLatencyMs();
    }

    /**
     * @return the fixed target rounded to whole blocks, in frames; for {@code --jitter auto},
     *     the target it starts from
     */
    public int targetFrames() {
        return playout.targetFrames();
    }

    /** @return {@link #targetFrames()} in milliseconds */
    public double targetMs() {
        return format().framesToMillis(playout.targetFrames());
    }

    /** @return the share of packets the adaptive target lets arrive too late, in percent */
    public double jitterLossPercent() {
        return playout.jitterLossPercent();
    }

    /** @return the adaptive target's lower bound, in frames */
    public int minTargetFrames() {
        return playout.minTargetFrames();
    }

    /** @return the adaptive target's upper bound, in frames */
    public int maxTargetFrames() {
        return playout.maxTargetFrames();
    }

    /** @return the RTP payload type we send and the only one we play ({@code --payload-type}, 96..127) */
    public int payloadType() {
        return codec.payloadType();
    }

    /** @return the Opus bit rate ({@code --bitrate}), in kbit/s */
    public int bitrateKbps() {
        return codec.bitrateKbps();
    }

    /** @return whether Opus carries in-band FEC ({@code --fec}) */
    public boolean fec() {
        return codec.fec();
    }

    /** @return the SRTP master key ({@code --key}, profile from {@code --crypto}); absent for plain RTP */
    public Optional<SrtpKey> srtpKey() {
        return network.security().srtpKey();
    }

    /** @return true with {@code --dtls}: keys from a DTLS handshake on the media port, not {@code --key} */
    public boolean dtls() {
        return network.security().dtls();
    }

    /** @return the SRTP profile ({@code --crypto}): the key's, or the one DTLS offers first */
    public SrtpProfile srtpProfile() {
        return network.security().srtpProfile();
    }

    /** @return the (first) peer's certificate fingerprint ({@code --peer-fingerprint}); present whenever {@link #dtls()} */
    public Optional<Fingerprint> peerFingerprint() {
        return network.security().peerFingerprint();
    }

    /** @return each peer's certificate fingerprint, in the order of {@link #peers()}; empty without DTLS */
    public List<Fingerprint> peerFingerprints() {
        return network.security().peerFingerprints();
    }

    /** @return our DTLS identity file ({@code --identity}), {@link SecurityConfig#DEFAULT_IDENTITY} unless given */
    public Path identity() {
        return network.security().identity();
    }

    /**
     * @return true unless {@code --no-latch}: follow the peer to another port of its address
     *     when its configured one falls silent (a NAT that rewrote the port)
     */
    public boolean latch() {
        return network.latch();
    }

    /** @return our SSRC if {@code --ssrc} fixes it; absent for a random one */
    public Optional<Long> ssrc() {
        return network.ssrc();
    }

    /** @return where to record the arrival trace of the peer's packets, if anywhere */
    public Optional<Path> recordTrace() {
        return network.recordTrace();
    }

    /** @return the jitter buffer's ring size in frames, a power of two */
    public int capacityFrames() {
        return playout.capacityFrames();
    }

    /** @return the largest packet accepted, in frames: half the ring, and no more than a UDP datagram holds */
    public int maxPacketFrames() {
        int datagramFrames = (AudioConfig.MAX_DATAGRAM_BYTES - RtpHeader.FIXED_HEADER_LENGTH) / format().bytesPerFrame();
        return Math.min(playout.capacityFrames() / 2, datagramFrames);
    }

    /** @return the largest RTP datagram carrying one block (an Opus packet is at most 1275 bytes a frame) */
    public int datagramBytes() {
        return RtpHeader.FIXED_HEADER_LENGTH + codec.codec().maxPayloadBytes(format());
    }

    /**
     * @return dry frames after which the peer's stream counts as stopped: half a second, or two
     *     of the largest targets if longer
     */
    public int idleAfterFrames() {
        return Math.max(format().sampleRate() / 2,
                2 * (adaptiveJitter() ? playout.maxTargetFrames() : playout.targetFrames()));
    }

    /** @return consecutive packets of a new stream that make the buffer resynchronise: one buffer length */
    public int resyncAfterPackets() {
        return Math.max(2, playout.targetFrames() / format().blockFrames());
    }

    /**
     * @return the ideal mouth-to-ear latency on a perfect network with zero-latency devices:
     *     one block to capture plus the (starting) buffering target, in milliseconds
     */
    public double idealLatencyMs() {
        return format().blockMillis() + targetMs();
    }

    /** @return where captured audio comes from */
    public InputSpec input() {
        return audio.input();
    }

    /** @return where played audio goes */
    public OutputSpec output() {
        return audio.output();
    }

    /** @return how long to run, absent for "until stopped" */
    public Optional<Duration> duration() {
        return run.duration();
    }

    /** @return how often to log statistics; zero means never */
    public Duration statsInterval() {
        return run.statsInterval();
    }

    /** @return where to write CSV statistics, if anywhere */
    public Optional<Path> statsFile() {
        return run.statsFile();
    }

    /** Collects settings; every setter takes the value as the user gave it. */
    public static final class Builder {
        private List<String> peers = List.of();
        private String listen = "5004";
        private int sampleRate = 48_000;
        private int channels = 1;
        /** Null until {@code --block} is given: then the codec's {@link Codec#defaultBlock()}. */
        private Integer blockFrames;
        private Double jitterMs;
        private Double deviceBufferMs;
        private Double deviceLatencyMs;
        private double jitterLossPercent = 0.5;
        private double jitterMinMs = 0;
        private double jitterMaxMs = 500;
        private Path recordTrace;
        private String key;
        private String crypto = SrtpProfile.DEFAULT.label();
        private Long ssrc;
        private boolean keyIsFresh;
        private boolean latch = true;
        private boolean dtls;
        private List<String> peerFingerprints = List.of();
        private Path identity;
        private boolean fingerprintRequired = true;
        private String codec = "l16";
        private Integer payloadType;
        private Integer bitrateKbps;
        private boolean fec;
        private String input = "default";
        private String output = "default";
        private Double durationSeconds;
        private double statsIntervalSeconds = 1;
        private Path statsFile;

        private Builder() {
        }

        /** {@code --peer HOST:PORT}; {@code null} for a session without network. */
        public Builder peer(String value) {
            this.peers = value == null ? List.of() : List.of(value);
            return this;
        }

        /**
         * {@code --peer} given several times (or a comma list in {@code --config}): a party line
         * of up to {@link NetworkConfig#MAX_PEERS} peers; {@code null} or empty for a session without network.
         */
        public Builder peer(List<String> values) {
            this.peers = values == null ? List.of() : List.copyOf(values);
            return this;
        }

        /** {@code --listen [HOST:]PORT}; port 0 lets the OS choose. */
        public Builder listen(String value) {
            this.listen = value;
            return this;
        }

        /** {@code --rate HZ}. */
        public Builder sampleRate(int value) {
            this.sampleRate = value;
            return this;
        }

        /** {@code --channels N}. */
        public Builder channels(int value) {
            this.channels = value;
            return this;
        }

        /** {@code --block FRAMES}; {@code null} for the codec's default (128 for L16, 480 for Opus). */
        public Builder blockFrames(Integer value) {
            this.blockFrames = value;
            return this;
        }

        /** {@code --jitter MS}: a fixed buffering target, rounded to whole blocks. */
        public Builder jitterMs(double value) {
            this.jitterMs = value;
            return this;
        }

        /** {@code --jitter auto|MS}: an adaptive target, or a fixed one in milliseconds. */
        public Builder jitter(String value) {
            this.jitterMs = autoOrMillis("--jitter", value, 0, PlayoutConfig.MAX_JITTER_MS);
            return this;
        }

        /** {@code --device-buffer auto|MS}: the sound-card line buffers, or auto (a few blocks). */
        public Builder deviceBuffer(String value) {
            this.deviceBufferMs = autoOrMillis("--device-buffer", value, 1, AudioConfig.MAX_DEVICE_BUFFER_MS);
            return this;
        }

        /** {@code --device-latency auto|MS}: the devices' measured round trip, or auto (the lines' estimate). */
        public Builder deviceLatency(String value) {
            this.deviceLatencyMs = autoOrMillis("--device-latency", value, 0, AudioConfig.MAX_DEVICE_LATENCY_MS);
            return this;
        }

        /** @return null for {@code auto}, else the number of milliseconds (range-checked in {@link #build}) */
        private static Double autoOrMillis(String flag, String value, double min, double max) {
            String text = value == null ? "" : value.trim();
            if (text.equals("auto")) {
                return null;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new ConfigException(flag, "expected auto or a number of milliseconds from " + (int) min + " to "
                        + (int) max + " (got '" + value + "')");
            }
        }

        /** {@code --jitter-loss PCT}: the late-packet rate the adaptive target aims at. */
        public Builder jitterLossPercent(double value) {
            this.jitterLossPercent = value;
            return this;
        }

        /** {@code --jitter-min MS}: the adaptive target's lower bound. */
        public Builder jitterMinMs(double value) {
            this.jitterMinMs = value;
            return this;
        }

        /** {@code --jitter-max MS}: the adaptive target's upper bound. */
        public Builder jitterMaxMs(double value) {
            this.jitterMaxMs = value;
            return this;
        }

        /** {@code --key BASE64}: the SRTP master key and salt; {@code null} for plain RTP. */
        public Builder key(String value) {
            this.key = value;
            return this;
        }

        /** {@code --crypto PROFILE}: aes128-cm-sha1-80 (default) or aes128-gcm. */
        public Builder crypto(String value) {
            this.crypto = value;
            return this;
        }

        /** {@code --ssrc N}: our fixed SSRC, 0..4294967295; {@code null} for a random one. */
        public Builder ssrc(Long value) {
            this.ssrc = value;
            return this;
        }

        /**
         * {@code --key-is-fresh}: the user promises the {@code --key} was made for this session,
         * which is what allows it together with a fixed {@code --ssrc}.
         */
        public Builder keyIsFresh(boolean value) {
            this.keyIsFresh = value;
            return this;
        }

        /** {@code --dtls}: agree SRTP keys with a DTLS handshake (needs {@code --peer-fingerprint}). */
        public Builder dtls(boolean value) {
            this.dtls = value;
            return this;
        }

        /** {@code --peer-fingerprint sha-256:XX:...}: the only certificate the DTLS peer may show. */
        public Builder peerFingerprint(String value) {
            this.peerFingerprints = value == null ? List.of() : List.of(value);
            return this;
        }

        /**
         * {@code --peer-fingerprint} given once per {@code --peer} of a DTLS party line, in the
         * same order; {@code null} or empty for none.
         */
        public Builder peerFingerprints(List<String> values) {
            this.peerFingerprints = values == null ? List.of() : List.copyOf(values);
            return this;
        }

        /** {@code --identity FILE}: our DTLS key and certificate; {@code null} for the default file. */
        public Builder identity(Path value) {
            this.identity = value;
            return this;
        }

        /**
         * False for {@code intercom sdp}, which describes our side of a DTLS session before the
         * peer's fingerprint is known (then {@code a=setup:actpass}); a peer always needs it.
         */
        public Builder fingerprintRequired(boolean value) {
            this.fingerprintRequired = value;
            return this;
        }

        /** {@code --no-latch} sets false: never follow the peer to another port. */
        public Builder latch(boolean value) {
            this.latch = value;
            return this;
        }

        /** {@code --codec l16|opus}. */
        public Builder codec(String value) {
            this.codec = value;
            return this;
        }

        /** {@code --payload-type N}, 96..127; {@code null} for {@link CodecConfig#PAYLOAD_TYPE}. */
        public Builder payloadType(Integer value) {
            this.payloadType = value;
            return this;
        }

        /** {@code --bitrate KBPS} for Opus; {@code null} for 64 mono / 96 stereo. */
        public Builder bitrateKbps(Integer value) {
            this.bitrateKbps = value;
            return this;
        }

        /** {@code --fec}: Opus in-band forward error correction. */
        public Builder fec(boolean value) {
            this.fec = value;
            return this;
        }

        /** {@code --record-trace FILE}; {@code null} for none. */
        public Builder recordTrace(Path value) {
            this.recordTrace = value;
            return this;
        }

        /** {@code --input SPEC}. */
        public Builder input(String value) {
            this.input = value;
            return this;
        }

        /** {@code --output SPEC}. */
        public Builder output(String value) {
            this.output = value;
            return this;
        }

        /** {@code --duration SECONDS}; {@code null} runs until stopped. */
        public Builder durationSeconds(Double value) {
            this.durationSeconds = value;
            return this;
        }

        /** {@code --stats-interval SECONDS}; 0 turns the log line off. */
        public Builder statsIntervalSeconds(double value) {
            this.statsIntervalSeconds = value;
            return this;
        }

        /** {@code --stats-file PATH}; {@code null} for none. */
        public Builder statsFile(Path value) {
            this.statsFile = value;
            return this;
        }

        /**
         * Checks every setting and derives the buffer sizes.
         *
         * @throws ConfigException naming the first bad flag and what it accepts
         */
        public SessionConfig build() {
            int block = blockFrames != null ? blockFrames
                    : (Codec.OPUS.label().equals(codec) ? Codec.OPUS : Codec.L16).defaultBlock();
            StreamFormat format = AudioConfig.format(sampleRate, channels, block);
            AudioConfig.checkDeviceBuffer(deviceBufferMs);
            AudioConfig.checkDeviceLatency(deviceLatencyMs);
            PlayoutConfig playout = PlayoutConfig.of(format, jitterMs, jitterLossPercent, jitterMinMs, jitterMaxMs);
            RunConfig run = RunConfig.of(durationSeconds, statsIntervalSeconds, statsFile);
            CodecConfig codecConfig = CodecConfig.of(Codec.parse(codec), format, payloadType, bitrateKbps, fec);
            NetworkConfig.checkSsrc(ssrc);
            SecurityConfig security = SecurityConfig.of(key, crypto, ssrc, keyIsFresh, dtls, peerFingerprints,
                    identity, fingerprintRequired);
            NetworkConfig network = NetworkConfig.of(peers, listen, latch, ssrc, recordTrace, security);
            AudioConfig audio = AudioConfig.of(format, input, output, deviceBufferMs, deviceLatencyMs);
            return new SessionConfig(audio, playout, codecConfig, network, run);
        }
    }
}
