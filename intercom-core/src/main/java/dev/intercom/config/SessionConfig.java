package dev.intercom.config;

import dev.intercom.audio.InputSpec;
import dev.intercom.audio.OutputSpec;
import dev.intercom.audio.StreamFormat;
import dev.intercom.codec.OpusPayloadCodec;
import dev.intercom.codec.OpusSettings;
import dev.intercom.problem.ConfigException;
import dev.intercom.rtp.RtpHeader;
import dev.intercom.dtls.DtlsIdentity;
import dev.intercom.dtls.Fingerprint;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of one peer (or of a local loopback), checked once. The command line maps its
 * flags onto a {@link Builder}; {@link Builder#build()} refuses out-of-range values and invalid
 * combinations with a {@link ConfigException} naming the flag, before any thread starts, and
 * derives the sizes the hot path preallocates.
 */
public final class SessionConfig {

    /** Where {@code intercom identity} keeps our DTLS key and certificate unless {@code --identity} says. */
    public static final Path DEFAULT_IDENTITY = DtlsIdentity.DEFAULT_FILE;

    /** The RTP payload type we send and expect unless {@code --payload-type} says otherwise. */
    public static final int PAYLOAD_TYPE = 96;
    /** The lowest dynamic RTP payload type (RFC 3551 section 6): the range {@code --payload-type} takes. */
    public static final int MIN_DYNAMIC_PAYLOAD_TYPE = 96;
    /** The highest RTP payload type. */
    public static final int MAX_DYNAMIC_PAYLOAD_TYPE = 127;
    /** {@code --block} without a value, for L16: 2.67 ms at 48 kHz. */
    public static final int DEFAULT_BLOCK = 128;
    /** {@code --block} without a value, for Opus: 10 ms, an Opus frame size (128 frames is not one). */
    public static final int DEFAULT_OPUS_BLOCK = 480;
    public static final int MIN_RATE = 8_000;
    public static final int MAX_RATE = 192_000;
    public static final int MIN_CHANNELS = 1;
    public static final int MAX_CHANNELS = 8;
    public static final int MIN_BLOCK = 16;
    public static final int MAX_BLOCK = 4_096;
    public static final double MAX_JITTER_MS = 1_000;
    /** The largest sound-card line buffer {@code --device-buffer} may ask for, in milliseconds. */
    public static final double MAX_DEVICE_BUFFER_MS = 1_000;
    /** The largest UDP payload over IPv4: one block plus the RTP header must fit. */
    public static final int MAX_DATAGRAM_BYTES = 65_507;
    /** The most {@code --peer}s of one party line: each costs a send per block and a receive path. */
    public static final int MAX_PEERS = 8;

    /** The {@code --peer}s in the order given; empty for a local loopback. */
    private final java.util.List<SocketAddressSpec> peers;
    private final SocketAddressSpec listen;
    private final StreamFormat format;
    /** The fixed target asked for, or null for {@code --jitter auto}. */
    private final Double jitterMs;
    /** The sound-card line buffer asked for, or null for {@code --device-buffer auto}. */
    private final Double deviceBufferMs;
    private final int targetFrames;
    private final double jitterLossPercent;
    private final int minTargetFrames;
    private final int maxTargetFrames;
    private final Path recordTrace;
    private final SrtpKey key;
    private final Long ssrc;
    private final boolean latch;
    private final boolean dtls;
    private final SrtpProfile srtpProfile;
    private final Fingerprint peerFingerprint;
    private final Path identity;
    private final boolean opus;
    private final int payloadType;
    private final int bitrateKbps;
    private final boolean fec;
    private final int capacityFrames;
    private final InputSpec input;
    private final OutputSpec output;
    private final Duration duration;
    private final Duration statsInterval;
    private final Path statsFile;

    private SessionConfig(Builder b, java.util.List<SocketAddressSpec> peers, SocketAddressSpec listen,
            StreamFormat format, InputSpec input, OutputSpec output, Duration duration, Duration statsInterval) {
        this.peers = java.util.List.copyOf(peers);
        this.listen = listen;
        this.format = format;
        this.jitterMs = b.jitterMs;
        this.deviceBufferMs = b.deviceBufferMs;
        this.jitterLossPercent = b.jitterLossPercent;
        this.input = input;
        this.output = output;
        this.duration = duration;
        this.statsInterval = statsInterval;
        this.statsFile = b.statsFile;
        this.recordTrace = b.recordTrace;
        this.key = b.parsedKey;
        this.ssrc = b.ssrc;
        this.latch = b.latch;
        this.dtls = b.dtls;
        this.srtpProfile = b.profile;
        this.peerFingerprint = b.parsedFingerprint;
        this.identity = b.identity != null ? b.identity : DEFAULT_IDENTITY;
        this.opus = b.codec.equals("opus");
        this.payloadType = b.payloadType != null ? b.payloadType : PAYLOAD_TYPE;
        this.bitrateKbps = b.bitrateKbps != null ? b.bitrateKbps : OpusSettings.defaultBitrateKbps(format.channels());
        this.fec = b.fec;
        int block = format.blockFrames();
        this.minTargetFrames = (int) Math.round(b.jitterMinMs * format.sampleRate() / 1000.0);
        this.maxTargetFrames = (int) Math.round(b.jitterMaxMs * format.sampleRate() / 1000.0);
        if (jitterMs != null) {
            this.targetFrames = (int) (Math.round(jitterMs * format.sampleRate() / 1000.0 / block) * block);
        } else {
            // Where --jitter auto starts before the first packets say more: one block, within the bounds.
            this.targetFrames = Math.max(minTargetFrames, Math.min(maxTargetFrames, block));
        }
        int largestTarget = jitterMs != null ? targetFrames : maxTargetFrames;
        // Room for the largest target, the phase and a generous burst: at least four times
        // (target + block), and at least two seconds, so that the backlog a stalled sender (or
        // network) delivers at once fits and is shed by the playout's drop rule at a packet
        // boundary; a ring that overflowed under it jumped its read position instead (seen as a
        // fixed 20 ms target playing 4 ms late for good after a 1.5 s SIGSTOP of the sender).
        this.capacityFrames = Integer.highestOneBit(
                Math.max(4 * (largestTarget + 2 * block), 2 * format.sampleRate()) - 1) << 1;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the (first) remote peer, absent for a local loopback */
    public Optional<SocketAddressSpec> peer() {
        return peers.stream().findFirst();
    }

    /** @return every remote peer in the order given (a party line when more than one); empty for a loopback */
    public java.util.List<SocketAddressSpec> peers() {
        return peers;
    }

    /** @return the local address and UDP port to listen and send on */
    public SocketAddressSpec listen() {
        return listen;
    }

    /** @return sample rate, channels and block size */
    public StreamFormat format() {
        return format;
    }

    /** @return whether the playout delay follows the network ({@code --jitter auto}) */
    public boolean adaptiveJitter() {
        return jitterMs == null;
    }

    /** @return the fixed buffering target the user asked for in milliseconds, absent for auto */
    public Optional<Double> requestedJitterMs() {
        return Optional.ofNullable(jitterMs);
    }

    /** @return the sound-card line buffer asked for in milliseconds, absent for {@code --device-buffer auto} */
    public Optional<Double> deviceBufferMs() {
        return Optional.ofNullable(deviceBufferMs);
    }

    /**
     * @return the fixed target rounded to whole blocks, in frames; for {@code --jitter auto},
     *     the target it starts from
     */
    public int targetFrames() {
        return targetFrames;
    }

    /** @return {@link #targetFrames()} in milliseconds */
    public double targetMs() {
        return format.framesToMillis(targetFrames);
    }

    /** @return the share of packets the adaptive target lets arrive too late, in percent */
    public double jitterLossPercent() {
        return jitterLossPercent;
    }

    /** @return the adaptive target's lower bound, in frames */
    public int minTargetFrames() {
        return minTargetFrames;
    }

    /** @return the adaptive target's upper bound, in frames */
    public int maxTargetFrames() {
        return maxTargetFrames;
    }

    /** @return whether the stream is Opus ({@code --codec opus}) rather than L16 */
    public boolean opus() {
        return opus;
    }

    /** @return the RTP payload type we send and the only one we play ({@code --payload-type}, 96..127) */
    public int payloadType() {
        return payloadType;
    }

    /** @return the Opus bit rate ({@code --bitrate}), in kbit/s */
    public int bitrateKbps() {
        return bitrateKbps;
    }

    /** @return whether Opus carries in-band FEC ({@code --fec}) */
    public boolean fec() {
        return fec;
    }

    /** @return the SRTP master key ({@code --key}, profile from {@code --crypto}); absent for plain RTP */
    public Optional<SrtpKey> srtpKey() {
        return Optional.ofNullable(key);
    }

    /** @return true with {@code --dtls}: keys from a DTLS handshake on the media port, not {@code --key} */
    public boolean dtls() {
        return dtls;
    }

    /** @return the SRTP profile ({@code --crypto}): the key's, or the one DTLS offers first */
    public SrtpProfile srtpProfile() {
        return srtpProfile;
    }

    /** @return the peer's certificate fingerprint ({@code --peer-fingerprint}); present whenever {@link #dtls()} */
    public Optional<Fingerprint> peerFingerprint() {
        return Optional.ofNullable(peerFingerprint);
    }

    /** @return our DTLS identity file ({@code --identity}), {@link #DEFAULT_IDENTITY} unless given */
    public Path identity() {
        return identity;
    }

    /**
     * @return true unless {@code --no-latch}: follow the peer to another port of its address
     *     when its configured one falls silent (a NAT that rewrote the port)
     */
    public boolean latch() {
        return latch;
    }

    /** @return our SSRC if {@code --ssrc} fixes it; absent for a random one */
    public Optional<Long> ssrc() {
        return Optional.ofNullable(ssrc);
    }

    /** @return where to record the arrival trace of the peer's packets, if anywhere */
    public Optional<Path> recordTrace() {
        return Optional.ofNullable(recordTrace);
    }

    /** @return the jitter buffer's ring size in frames, a power of two */
    public int capacityFrames() {
        return capacityFrames;
    }

    /** @return the largest packet accepted, in frames: half the ring, and no more than a UDP datagram holds */
    public int maxPacketFrames() {
        int datagramFrames = (MAX_DATAGRAM_BYTES - RtpHeader.FIXED_HEADER_LENGTH) / format.bytesPerFrame();
        return Math.min(capacityFrames / 2, datagramFrames);
    }

    /** @return the largest RTP datagram carrying one block (an Opus packet is at most 1275 bytes a frame) */
    public int datagramBytes() {
        return RtpHeader.FIXED_HEADER_LENGTH + (opus ? OPUS_MAX_PACKET_BYTES : format.bytesPerBlock());
    }

    /** The largest Opus packet for one frame of up to 20 ms (RFC 6716: 1275 bytes) with room for two channels. */
    private static final int OPUS_MAX_PACKET_BYTES = 1275 * 2;

    /**
     * @return dry frames after which the peer's stream counts as stopped: half a second, or two
     *     of the largest targets if longer
     */
    public int idleAfterFrames() {
        return Math.max(format.sampleRate() / 2, 2 * (adaptiveJitter() ? maxTargetFrames : targetFrames));
    }

    /** @return consecutive packets of a new stream that make the buffer resynchronise: one buffer length */
    public int resyncAfterPackets() {
        return Math.max(2, targetFrames / format.blockFrames());
    }

    /**
     * @return the ideal mouth-to-ear latency on a perfect network with zero-latency devices:
     *     one block to capture plus the (starting) buffering target, in milliseconds
     */
    public double idealLatencyMs() {
        return format.blockMillis() + targetMs();
    }

    /** @return where captured audio comes from */
    public InputSpec input() {
        return input;
    }

    /** @return where played audio goes */
    public OutputSpec output() {
        return output;
    }

    /** @return how long to run, absent for "until stopped" */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** @return how often to log statistics; zero means never */
    public Duration statsInterval() {
        return statsInterval;
    }

    /** @return where to write CSV statistics, if anywhere */
    public Optional<Path> statsFile() {
        return Optional.ofNullable(statsFile);
    }

    /** Collects settings; every setter takes the value as the user gave it. */
    public static final class Builder {
        private java.util.List<String> peers = java.util.List.of();
        private String listen = "5004";
        private int sampleRate = 48_000;
        private int channels = 1;
        /** Null until {@code --block} is given: then {@link #DEFAULT_BLOCK}, or {@link #DEFAULT_OPUS_BLOCK} for Opus. */
        private Integer blockFrames;
        private Double jitterMs;
        private Double deviceBufferMs;
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
        private String peerFingerprint;
        private Fingerprint parsedFingerprint;
        private Path identity;
        private boolean fingerprintRequired = true;
        private SrtpKey parsedKey;
        private SrtpProfile profile;
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
            this.peers = value == null ? java.util.List.of() : java.util.List.of(value);
            return this;
        }

        /**
         * {@code --peer} given several times (or a comma list in {@code --config}): a party line
         * of up to {@link #MAX_PEERS} peers; {@code null} or empty for a session without network.
         */
        public Builder peer(java.util.List<String> values) {
            this.peers = values == null ? java.util.List.of() : java.util.List.copyOf(values);
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
            this.jitterMs = autoOrMillis("--jitter", value, 0, MAX_JITTER_MS);
            return this;
        }

        /** {@code --device-buffer auto|MS}: the sound-card line buffers, or auto (a few blocks). */
        public Builder deviceBuffer(String value) {
            this.deviceBufferMs = autoOrMillis("--device-buffer", value, 1, MAX_DEVICE_BUFFER_MS);
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
            this.peerFingerprint = value;
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

        /** {@code --payload-type N}, 96..127; {@code null} for {@link #PAYLOAD_TYPE}. */
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
            int blockFrames = this.blockFrames != null ? this.blockFrames
                    : "opus".equals(codec) ? DEFAULT_OPUS_BLOCK : DEFAULT_BLOCK;
            requireRange("--rate", sampleRate, MIN_RATE, MAX_RATE, "Hz");
            requireRange("--channels", channels, MIN_CHANNELS, MAX_CHANNELS, "channels");
            requireRange("--block", blockFrames, MIN_BLOCK, MAX_BLOCK, "frames");
            int maxBlock = (MAX_DATAGRAM_BYTES - RtpHeader.FIXED_HEADER_LENGTH) / (2 * channels);
            if (blockFrames > maxBlock) {
                throw new ConfigException("--block", "at most " + maxBlock + " frames with " + channels
                        + " channels, or the packet will not fit in one UDP datagram (got " + blockFrames + ")");
            }
            requireAutoOrRange("--jitter", jitterMs, 0, MAX_JITTER_MS);
            requireAutoOrRange("--device-buffer", deviceBufferMs, 1, MAX_DEVICE_BUFFER_MS);
            if (!(jitterLossPercent >= 0.01 && jitterLossPercent <= 50)) {
                throw new ConfigException("--jitter-loss", "must be from 0.01 to 50 percent (got " + jitterLossPercent + ")");
            }
            if (!(jitterMinMs >= 0 && jitterMinMs <= MAX_JITTER_MS)) {
                throw new ConfigException("--jitter-min", "must be from 0 to " + (int) MAX_JITTER_MS + " ms (got "
                        + jitterMinMs + ")");
            }
            if (!(jitterMaxMs >= jitterMinMs && jitterMaxMs <= MAX_JITTER_MS && jitterMaxMs > 0)) {
                throw new ConfigException("--jitter-max", "must be above 0, at least --jitter-min (" + jitterMinMs
                        + ") and at most " + (int) MAX_JITTER_MS + " ms (got " + jitterMaxMs + ")");
            }
            Duration duration = RunTiming.duration(durationSeconds);
            Duration statsInterval = RunTiming.statsInterval(statsIntervalSeconds);
            if (statsFile != null && statsIntervalSeconds == 0) {
                throw new ConfigException("--stats-file", "needs --stats-interval above 0 to write rows");
            }
            if (codec == null || !(codec.equals("l16") || codec.equals("opus"))) {
                throw new ConfigException("--codec", "must be l16 or opus (got " + codec + ")");
            }
            if (codec.equals("opus")) {
                if (sampleRate != OpusPayloadCodec.CLOCK_RATE) {
                    throw new ConfigException("--rate", "Opus runs at 48000 Hz here, its RTP clock (got " + sampleRate + ")");
                }
                StreamFormat candidate = new StreamFormat(sampleRate, channels, blockFrames);
                OpusSettings.check(candidate, bitrateKbps != null ? bitrateKbps
                        : OpusSettings.defaultBitrateKbps(channels), fec);
            } else if (fec) {
                throw new ConfigException("--fec", "needs --codec opus (L16 carries no FEC)");
            }
            if (payloadType != null) {
                requireRange("--payload-type", payloadType, MIN_DYNAMIC_PAYLOAD_TYPE, MAX_DYNAMIC_PAYLOAD_TYPE,
                        "(the dynamic RTP payload types)");
            }
            if (ssrc != null && (ssrc < 0 || ssrc > 0xFFFF_FFFFL)) {
                throw new ConfigException("--ssrc", "must be from 0 to 4294967295 (got " + ssrc + ")");
            }
            try {
                profile = SrtpProfile.fromLabel(crypto);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--crypto", e.getMessage());
            }
            parsedKey = null;
            if (key != null && !key.isBlank()) {
                try {
                    parsedKey = SrtpKey.parse(key, profile);
                } catch (IllegalArgumentException e) {
                    String message = e.getMessage();
                    throw new ConfigException("--key", message.startsWith("--key: ") ? message.substring(7) : message);
                }
            }
            if (parsedKey != null && ssrc != null && !keyIsFresh) {
                // Same key, same SSRC, sequence from 0 or random: a restarted sender encrypts new
                // audio with keystream it has used before, which leaks both (RFC 3711 section 9.1).
                throw new ConfigException("--ssrc", "with --key, a fixed SSRC makes a restarted sender reuse"
                        + " its keystream; give a new key ('intercom keygen') every session and add --key-is-fresh,"
                        + " or drop --ssrc");
            }
            checkDtls();
            java.util.List<SocketAddressSpec> peerAddresses = parsePeers();
            SocketAddressSpec listenAddress = SocketAddressSpec.parse("--listen", listen, false, 0);
            InputSpec in = InputSpec.parse(input);
            OutputSpec out = OutputSpec.parse(output);
            if (in instanceof InputSpec.Tone tone && tone.hz() >= sampleRate / 2.0) {
                throw new ConfigException("--input", "tone frequency must be below half the sample rate, "
                        + sampleRate / 2 + " Hz (got " + tone.hz() + ")");
            }
            return new SessionConfig(this, peerAddresses, listenAddress,
                    new StreamFormat(sampleRate, channels, blockFrames), in, out, duration, statsInterval);
        }

        /** Parses every --peer; a party line has at most {@link #MAX_PEERS}, each once, and no DTLS or trace. */
        private java.util.List<SocketAddressSpec> parsePeers() {
            if (peers.size() > MAX_PEERS) {
                throw new ConfigException("--peer", "is given " + peers.size() + " times; a party line has at most "
                        + MAX_PEERS + " peers");
            }
            java.util.List<SocketAddressSpec> parsed = new java.util.ArrayList<>();
            for (String text : peers) {
                SocketAddressSpec spec = SocketAddressSpec.parse("--peer", text == null ? "" : text.trim(), true, 1);
                if (parsed.contains(spec)) {
                    throw new ConfigException("--peer", spec + " is given twice; give each peer once");
                }
                parsed.add(spec);
            }
            if (parsed.size() > 1 && dtls) {
                // Each DTLS peer agrees keys of its own; one protected stream for all needs one --key.
                throw new ConfigException("--dtls", "takes one --peer; for a party line give all peers the same --key");
            }
            if (parsed.size() > 1 && recordTrace != null) {
                throw new ConfigException("--record-trace", "records one peer's packets; give one --peer with it");
            }
            return parsed;
        }

        /** Checks --dtls against --key and --peer-fingerprint, and parses the fingerprint. */
        private void checkDtls() {
            parsedFingerprint = null;
            boolean pinned = peerFingerprint != null && !peerFingerprint.isBlank();
            if (pinned) {
                if (!dtls) {
                    throw new ConfigException("--peer-fingerprint", "is only used with --dtls");
                }
                try {
                    parsedFingerprint = Fingerprint.parse(peerFingerprint);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("--peer-fingerprint", e.getMessage());
                }
            }
            if (dtls && parsedKey != null) {
                throw new ConfigException("--dtls", "cannot be combined with --key: the DTLS handshake makes the keys");
            }
            if (dtls && !pinned && fingerprintRequired) {
                throw new ConfigException("--peer-fingerprint", "is needed with --dtls: the peer's certificate"
                        + " fingerprint, sha-256:XX:..., as 'intercom identity' prints it on the peer");
            }
        }

        /** Checks an {@code auto|MS} flag: {@code null} (auto) or milliseconds from {@code min} to {@code max}. */
        private static void requireAutoOrRange(String flag, Double millis, double min, double max) {
            if (millis != null && !(millis >= min && millis <= max)) {
                throw new ConfigException(flag, "must be auto or from " + (int) min + " to " + (int) max + " ms (got "
                        + millis + ")");
            }
        }

        private static void requireRange(String flag, int value, int min, int max, String unit) {
            if (value < min || value > max) {
                throw new ConfigException(flag, "must be from " + min + " to " + max + " " + unit + " (got " + value + ")");
            }
        }
    }
}
