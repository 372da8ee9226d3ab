package dev.intercom.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs this build's {@code intercom} in a JVM of its own, as a user would. */
final class IntercomJvm {

    private IntercomJvm() {
    }

    /** @return {@code java -cp <the test class path> IntercomCommand args...}, a list the caller may extend */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IntercomCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
