package dev.intercom.cli;

import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code intercom keygen}: print a fresh random SRTP master key + salt for {@code --key}. */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print a fresh random SRTP key (master key + salt, base64) for --key.",
            "Give both peers the same key, over a channel you trust; make a new one for every session."})
final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CryptoOption crypto;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        SrtpProfile profile;
        try {
            profile = SrtpProfile.fromLabel(crypto.profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--crypto: " + e.getMessage());
        }
        spec.commandLine().getOut().println(SrtpKey.generate(profile, new SecureRandom()).toBase64());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
