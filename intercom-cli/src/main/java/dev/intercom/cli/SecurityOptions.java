package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * SRTP: the key a peer's stream is encrypted with and its profile, or DTLS-SRTP with our identity
 * and the peer's fingerprint. Without either, plain RTP.
 */
final class SecurityOptions {

    @Option(names = "--key", paramLabel = "BASE64",
            description = "SRTP master key + salt, base64 (30 bytes, or 28 for aes128-gcm); 'intercom keygen' makes one. "
                    + "Without it, plain RTP.")
    String key;

    @Mixin
    CryptoOption crypto;

    @Option(names = "--dtls",
            description = "Agree fresh SRTP keys with a DTLS handshake on the media port (DTLS-SRTP, as WebRTC does); "
                    + "needs --peer-fingerprint. Instead of --key.")
    boolean dtls;

    @Option(names = "--peer-fingerprint", paramLabel = "sha-256:XX:...", split = ",",
            description = "With --dtls: the peer's certificate fingerprint, as 'intercom identity' prints it on the "
                    + "peer; any other certificate is refused. On a party line once per --peer, in the same order.")
    java.util.List<String> peerFingerprints;

    @Mixin
    IdentityOption identity;

    /**
     * Sets these settings on {@code builder}; they are checked when it builds.
     *
     * @return {@code builder}
     */
    SessionConfig.Builder applyTo(SessionConfig.Builder builder) {
        return builder.key(key).crypto(crypto.profile).dtls(dtls).peerFingerprints(peerFingerprints)
                .identity(identity.file);
    }
}
