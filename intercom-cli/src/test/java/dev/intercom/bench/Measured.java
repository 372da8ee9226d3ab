package dev.intercom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One process the benchmark started, with its output in a log file. */
final class Measured {

    private final String name;
    private final Process process;
    private final Path log;

    private Measured(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    private static Measured start(String name, List<String> command, Map<String, String> env, Path logDir)
            throws IOException {
        Path log = logDir.resolve(name.replace(' ', '-') + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new Measured(name, pb.start(), log);
    }

    /** An intercom peer through the launcher: a tone in, a paced null output, statistics off. */
    static Measured intercom(String name, Path launcher, int listen, int peer, int block, long seconds,
            String javaOpts, Path logDir) throws IOException {
        return start(name, List.of(launcher.toString(), "--listen", "127.0.0.1:" + listen,
                "--peer", "127.0.0.1:" + peer, "--block", Integer.toString(block), "--input", "tone",
                "--output", "null", "--stats-interval", "0", "--duration", Long.toString(seconds)),
                Map.of("JAVA_OPTS", javaOpts), logDir);
    }

    /** The JackTrip peer that waits (server mode), one channel, on {@code port}. */
    static Measured jacktripServer(JackServer jack, int port, Path logDir) throws IOException {
        return start("jacktrip server", List.of("jacktrip", "-s", "-n", "1", "-B", Integer.toString(port),
                "-J", "bench-jts", "--nojackportsconnect"), jack.env(), logDir);
    }

    /** The JackTrip peer that connects (client mode) to the server on {@code serverPort}. */
    static Measured jacktripClient(JackServer jack, int serverPort, int port, Path logDir) throws IOException {
        return start("jacktrip client", List.of("jacktrip", "-c", "127.0.0.1", "-n", "1",
                "-P", Integer.toString(serverPort), "-B", Integer.toString(port), "-J", "bench-jtc",
                "--nojackportsconnect"), jack.env(), logDir);
    }

    /** @return the installed JackTrip's version line, e.g. "1.7.0" */
    static String jacktripVersion() {
        try {
            Process p = new ProcessBuilder("jacktrip", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                if (line.contains("VERSION")) {
                    return line.replaceAll(".*VERSION:?\\s*", "").strip();
                }
            }
            return "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    void awaitExit(long seconds) throws InterruptedException {
        process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Ends the process (TERM, then KILL after 3 s) if it still runs. */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A JACK server on the dummy driver (no sound card), under a name of its own. */
    static final class JackServer {

        private final Process process;
        private final String serverName;

        private JackServer(Process process, String serverName) {
            this.process = process;
            this.serverName = serverName;
        }

        /** @return why JackTrip will not run here */
        static String whyNot() {
            return "jackd or jacktrip not on PATH: apt-get install jackd2 jacktrip";
        }

        /** @return a running server, or null if jackd or jacktrip is not installed */
        static JackServer startIfInstalled(int rate, int block, Path logDir) throws IOException, InterruptedException {
            if (!onPath("jackd") || !onPath("jacktrip")) {
                return null;
            }
            String serverName = "intercom-bench-" + ProcessHandle.current().pid();
            Path log = logDir.resolve("jackd.log");
            ProcessBuilder pb = new ProcessBuilder("jackd", "-n", serverName, "-d", "dummy", "-r",
                    Integer.toString(rate), "-p", Integer.toString(block))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("JACK_NO_AUDIO_RESERVATION", "1");
            JackServer server = new JackServer(pb.start(), serverName);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && !Files.readString(log).contains("server starting")) {
                if (!server.process.isAlive()) {
                    throw new IOException("jackd ended at start; see " + log);
                }
                Thread.sleep(100);
            }
            Thread.sleep(500); // the driver's thread starts after the banner
            return server;
        }

        private static boolean onPath(String tool) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, tool))) {
                    return true;
                }
            }
            return false;
        }

        Map<String, String> env() {
            return Map.of("JACK_DEFAULT_SERVER", serverName, "JACK_NO_AUDIO_RESERVATION", "1");
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
