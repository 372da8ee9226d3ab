package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.impair.ImpairmentConfig;
import dev.intercom.impair.RelayConfig;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code intercom impair}: its flags, its defaults of its own, one line and exit 2 for a bad flag, a short run. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImpairCommandTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    @Test
    void helpListsEveryFlagWithItsDefault() {
        CliRun run = CliRun.of("impair", "--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String flag : new String[] {"--listen", "--forward", "--delay", "--jitter", "--jitter-dist", "--loss", "--burst",
            "--reorder", "--duplicate", "--rate-limit", "--queue", "--spike", "--seed", "--duration", "--stats-interval",
            "--config", "--verbose"}) {
            assertTrue(run.out().contains(flag), flag + " in\n" + run.out());
        }
        assertTrue(run.out().contains("(default: 6000)"), run.out());
        assertTrue(run.out().contains("(default: 1000)"), run.out());
        assertTrue(CliRun.of("--help").out().contains("impair"), "listed as a command of intercom");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "impair                                             | --forward: needed: the address of peer B",
        "impair --forward 5004                              | --forward: expected HOST:PORT",
        "impair --forward 127.0.0.1:5004 --loss 150          | --loss: must be from 0 to below 100 percent (got 150.0)",
        "impair --forward 127.0.0.1:5004 --loss 60           | --loss: at most 50.0 percent with --burst 1.0",
        "impair --forward 127.0.0.1:5004 --burst 0           | --burst: must be from 1 to 10000 packets",
        "impair --forward 127.0.0.1:5004 --delay 20000       | --delay: must be from 0 to 10000 ms",
        "impair --forward 127.0.0.1:5004 --jitter -1         | --jitter: must be from 0 to 10000 ms",
        "impair --forward 127.0.0.1:5004 --jitter-dist normal | --jitter-dist: must be uniform or pareto (got 'normal')",
        "impair --forward 127.0.0.1:5004 --reorder 101       | --reorder: must be from 0 to 100 percent",
        "impair --forward 127.0.0.1:5004 --duplicate -1      | --duplicate: must be from 0 to 100 percent",
        "impair --forward 127.0.0.1:5004 --rate-limit 0.5    | --rate-limit: must be 0 (none) or from 1 to",
        "impair --forward 127.0.0.1:5004 --queue 0           | --queue: must be from 1 to 100000 packets",
        "impair --forward 127.0.0.1:5004 --spike 200         | --spike: expected MS:EVERY_S",
        "impair --forward 127.0.0.1:5004 --spike 200:0.1     | --spike: EVERY_S must be longer than the stall",
        "impair --forward 127.0.0.1:5004 --seed abc          | --seed",
        "impair --forward 127.0.0.1:5004 --listen 70000      | --listen: port must be a number from 0 to 65535",
        "impair --forward 127.0.0.1:5004 --duration 0        | --duration: must be a number of seconds above 0",
        "impair --forward 127.0.0.1:5004 --stats-interval -1 | --stats-interval: must be from 0 (off) to 86400 seconds",
        "impair --forward 127.0.0.1:5004 --frobnicate        | Unknown option: '--frobnicate'",
    })
    void aBadFlagGetsOneLineNamingItAndExitCode2(String args, String expected) {
        CliRun run = CliRun.of(args.trim().split("\\s+"));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(run.err().startsWith("intercom: "), run.err());
    }

    @Test
    void theBundledDefaultsAreTheLibraryDefaultsAndLeaveThePeersAlone() {
        CommandLine cli = new CommandLine(new IntercomCommand()).setDefaultValueProvider(ConfigDefaults.bundled());
        CommandLine.ParseResult parsed = cli.parseArgs("impair", "--forward", "127.0.0.1:5004", "--seed", "1");
        ImpairCommand impair = parsed.subcommand().commandSpec().commandLine().getCommand();
        RelayConfig fromFile = impair.toConfig();
        RelayConfig library = RelayConfig.builder().forward("127.0.0.1:5004")
                .impairment(ImpairmentConfig.builder().seed(1L).build()).build();
        assertEquals(library.listen(), fromFile.listen());
        assertEquals(library.duration(), fromFile.duration());
        assertEquals(library.statsInterval(), fromFile.statsInterval());
        assertEquals(library.impairment().describe(), fromFile.impairment().describe());
        assertEquals(library.impairment().queuePackets(), fromFile.impairment().queuePackets());

        IntercomCommand peer = cli.getCommand();
        assertEquals("5004", peer.options.listen, "the peer keeps its own --listen default");
        assertEquals("auto", peer.options.audio.playout.jitter, "and its own --jitter default");
    }

    @Test
    void aConfigFileSetsTheRelaysKeysWithoutTouchingThePeers() throws Exception {
        Path file = Files.writeString(dir.resolve("lossy.properties"), "impair.loss=5\nimpair.burst=2\nimpair.jitter=15\n");
        CommandLine cli = new CommandLine(new IntercomCommand()).setDefaultValueProvider(ConfigDefaults.withOverrides(file));
        CommandLine.ParseResult parsed = cli.parseArgs("impair", "--forward", "127.0.0.1:5004", "--burst", "3");
        ImpairCommand impair = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertEquals(5.0, impair.lossPercent);
        assertEquals(3.0, impair.burst, "the command line wins");
        assertEquals(15.0, impair.jitterMs);
        assertEquals("auto", ((IntercomCommand) cli.getCommand()).options.audio.playout.jitter, "the peer's --jitter is not impair.jitter");
    }

    @Test
    void aShortRunRelaysAndPrintsTheSummary() throws Exception {
        try (DatagramSocket a = socket(); DatagramSocket b = socket()) {
            int relayPort = freePort();
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("impair",
                    "--listen", "127.0.0.1:" + relayPort, "--forward", "127.0.0.1:" + b.getLocalPort(),
                    "--delay", "2", "--duration", "1.5", "--stats-interval", "0.5", "--seed", "5"));
            // Knock until the relay is up (bounded); knocks sent before it was up are lost.
            InetSocketAddress relay = new InetSocketAddress(LOOPBACK, relayPort);
            int sent = 0;
            int received = 0;
            b.setSoTimeout(20);
            for (int attempt = 0; attempt < 100 && received == 0; attempt++) {
                send(a, relay, sent++);
                received += tryReceive(b) ? 1 : 0;
            }
            assertEquals(1, received, "the relay came up and forwarded");
            b.setSoTimeout(2_000);
            for (int i = 0; i < 20; i++) {
                send(a, relay, sent++);
                assertTrue(tryReceive(b));
                received++;
            }
            CliRun done = run.get(20, TimeUnit.SECONDS);
            assertEquals(0, done.exitCode(), done.err());
            b.setSoTimeout(200);
            while (tryReceive(b)) {
                received++;
            }
            assertTrue(done.out().contains("impair summary") && done.out().contains("seed 5"), done.out());
            assertTrue(done.out().contains("A = 127.0.0.1:" + a.getLocalPort()), done.out());
            java.util.regex.Matcher counts = java.util.regex.Pattern.compile("a->b received (\\d+), forwarded (\\d+)")
                    .matcher(done.out());
            assertTrue(counts.find(), done.out());
            assertEquals(received, Integer.parseInt(counts.group(2)), "B got what the relay says it forwarded");
            assertEquals(counts.group(1), counts.group(2), "nothing impaired but the delay");
            assertTrue(received >= 21 && received <= sent, received + " of " + sent);
        }
    }

    private static DatagramSocket socket() throws IOException {
        return new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = socket()) {
            return s.getLocalPort();
        }
    }

    private static void send(DatagramSocket from, InetSocketAddress to, int n) throws IOException {
        byte[] data = Integer.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        from.send(new DatagramPacket(data, data.length, to));
    }

    private static boolean tryReceive(DatagramSocket socket) throws IOException {
        try {
            socket.receive(new DatagramPacket(new byte[64], 64));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
