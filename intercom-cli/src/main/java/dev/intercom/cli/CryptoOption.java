package dev.intercom.cli;

import picocli.CommandLine.Option;

/**
 * {@code --crypto}: the SRTP profile, for the commands that use a key and for {@code keygen},
 * which makes one of the profile's length. Its default comes from {@link ConfigDefaults}.
 */
final class CryptoOption {

    @Option(names = "--crypto", paramLabel = "PROFILE",
            description = "SRTP profile: aes128-cm-sha1-80 (30-byte key) or aes128-gcm (28-byte key) "
                    + "(default: ${DEFAULT-VALUE}).")
    String profile;
}
