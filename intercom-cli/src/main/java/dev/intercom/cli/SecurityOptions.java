package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** SRTP: the key a peer's stream is encrypted with, and its profile. Without a key, plain RTP. */
final class SecurityOptions {

    @Option(names = "--key", paramLabel = "BASE64",
            description = "SRTP master key + salt, base64 (30 bytes, or 28 for aes128-gcm); 'intercom keygen' makes one. "
                    + "Without it, plain RTP.")
    String key;

    @Mixin
    CryptoOption crypto;

    /**
     * Sets these settings on {@code builder}; they are checked when it builds.
     *
     * @return {@code builder}
     */
    SessionConfig.Builder applyTo(SessionConfig.Builder builder) {
        return builder.key(key).crypto(crypto.profile);
    }
}
