package dev.intercom.cli;

import dev.intercom.dtls.DtlsIdentity;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --identity}: our DTLS key and certificate, for {@code --dtls}, {@code sdp} and {@code identity}. */
final class IdentityOption {

    @Option(names = "--identity", paramLabel = "FILE",
            description = "Our DTLS key and certificate, made by 'intercom identity' (default: ~/.config/intercom/identity.pem).")
    Path file;

    /** @return the file given, or the default one */
    Path fileOrDefault() {
        return file != null ? file : DtlsIdentity.DEFAULT_FILE;
    }
}
