package dev.intercom.cli;

import dev.intercom.dtls.DtlsIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code intercom identity}: make our DTLS key and certificate if there are none, and print the
 * fingerprint the peer pins with {@code --peer-fingerprint}. An existing identity is never
 * replaced, since peers have pinned it.
 */
@Command(name = "identity", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print our DTLS fingerprint for the peer's --peer-fingerprint; make our identity first if none.",
            "The identity is an ECDSA P-256 key and a self-signed certificate in one file readable by you only;",
            "an existing one is never replaced, since peers have pinned it."})
final class IdentityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IdentityOption identity;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path file = identity.fileOrDefault();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DtlsIdentity id;
        try {
            if (Files.exists(file)) {
                id = DtlsIdentity.require(file);
            } else {
                id = DtlsIdentity.generate(new SecureRandom());
                id.save(file);
                err.println("intercom: made a new identity in " + file);
                err.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the identity " + file + " (" + e.getMessage() + ")", e);
        }
        out.println(id.fingerprint());
        out.flush();
        return 0;
    }
}
