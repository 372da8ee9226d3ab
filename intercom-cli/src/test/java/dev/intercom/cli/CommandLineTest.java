package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's contract: help, version, and one clear line with exit 2 for every bad flag. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryFlagWithItsDefault() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        for (String flag : new String[] {"--peer", "--listen", "--rate", "--channels", "--block", "--jitter",
            "--input", "--output", "--device-buffer", "--duration", "--stats-interval", "--stats-file", "--config", "--verbose",
            "--help", "--version", "devices", "loopback"}) {
            assertTrue(run.out().contains(flag), flag + " in\n" + run.out());
        }
        assertTrue(run.out().contains("(default: 5004)"), run.out());
        assertTrue(run.out().contains("(default: 128, or 480 = 10 ms with --codec opus)"), run.out());
        assertTrue(run.out().contains("--payload-type"), run.out());
    }

    @Test
    void versionNamesTheProgram() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("intercom "), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--peer localhost:5004 --block 10         | --block: must be from 16 to 4096 frames (got 10)",
        "--peer localhost:5004 --block 4096 --channels 8 | --block: at most 4093 frames with 8 channels",
        "--peer localhost:5004 --rate 1000        | --rate: must be from 8000 to 192000 Hz (got 1000)",
        "--peer localhost:5004 --rate fast        | --rate",
        "--peer localhost:5004 --channels 9       | --channels: must be from 1 to 8 channels (got 9)",
        "--peer localhost:5004 --jitter -1        | --jitter: must be auto or from 0 to 1000 ms",
        "--peer localhost:5004 --jitter 2000      | --jitter: must be auto or from 0 to 1000 ms",
        "--peer localhost:5004 --jitter soon      | --jitter: expected auto or a number of milliseconds",
        "--peer localhost:5004 --device-buffer 0  | --device-buffer: must be auto or from 1 to 1000 ms (got 0.0)",
        "--peer localhost:5004 --device-buffer big | --device-buffer: expected auto or a number of milliseconds from 1 to 1000",
        "--peer localhost:5004 --device-latency 1500 | --device-latency: must be auto or from 0 to 1000 ms (got 1500.0)",
        "--peer localhost:5004 --device-latency -1 | --device-latency: must be auto or from 0 to 1000 ms (got -1.0)",
        "--peer localhost:5004 --device-latency 23ms | --device-latency: expected auto or a number of milliseconds from 0 to 1000",
        "--peer localhost:5004 --jitter-loss 0    | --jitter-loss: must be from 0.01 to 50 percent",
        "--peer localhost:5004 --jitter-min 30 --jitter-max 20 | --jitter-max: must be above 0, at least --jitter-min",
        "simulate                                 | --trace FILE is required",
        "--peer localhost:5004 --key abc          | --key: expected base64 of 30 bytes",
        "--peer localhost:5004 --key abc --crypto aes128-gcm | --key: expected base64 of 28 bytes",
        "--peer localhost:5004 --crypto des       | --crypto: unknown SRTP profile 'des'",
        "--peer localhost:5004 --ssrc 4294967296  | --ssrc: must be from 0 to 4294967295",
        "keygen --crypto des                      | --crypto: unknown SRTP profile 'des'",
        "--peer localhost:5004 --key 1fdQOUyZDh8fjQzYdOgECfilAJfZKMg26GLSl7p9 --ssrc 5 | --ssrc: with --key, a fixed SSRC makes a restarted sender reuse its keystream",
        "--peer localhost:5004 --codec mp3        | --codec: must be l16 or opus (got mp3)",
        "--peer localhost:5004 --codec opus --block 128 | --block: Opus needs blocks of 2.5, 5, 10 or 20 ms",
        "--peer localhost:5004 --payload-type 95  | --payload-type: must be from 96 to 127 (the dynamic RTP payload types) (got 95)",
        "--peer localhost:5004 --payload-type 128 | --payload-type: must be from 96 to 127",
        "--peer localhost:5004 --codec opus --block 480 --rate 44100 | --rate: Opus runs at 48000 Hz",
        "--peer localhost:5004 --codec opus --block 480 --bitrate 1 | --bitrate",
        "--peer localhost:5004 --fec              | --fec: needs --codec opus",
        "--peer localhost                         | --peer: expected HOST:PORT",
        "--peer localhost:0                       | --peer: port must be a number from 1 to 65535",
        "--peer ::1:5004                          | --peer: put an IPv6 address in brackets",
        "--peer localhost:5004 --listen 70000     | --listen: port must be a number from 0 to 65535",
        "--peer localhost:5004 --input tone:abc   | --input: tone frequency must be a number",
        "--peer localhost:5004 --input tone:30000 | --input: tone frequency must be below half the sample rate",
        "--peer localhost:5004 --input file:      | --input: file: needs a path",
        "--peer localhost:5004 --duration 0       | --duration: must be a number of seconds above 0",
        "--peer localhost:5004 --stats-interval -1 | --stats-interval: must be from 0 (off) to 86400 seconds",
        "--peer localhost:5004 --frobnicate       | Unknown option: '--frobnicate'",
        "--input tone                             | --peer HOST:PORT is required to run a peer",
        "loopback --block 5000                    | --block: must be from 16 to 4096 frames (got 5000)",
        "--config                                 | --config: expected a FILE",
        "--peer localhost:5004 --dtls             | --peer-fingerprint: is needed with --dtls",
        "--peer localhost:5004 --peer-fingerprint sha-256:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB | --peer-fingerprint: is only used with --dtls",
        "--peer localhost:5004 --dtls --peer-fingerprint md5:AB:CD | --peer-fingerprint: expected sha-256:XX:XX:...",
        "--peer localhost:5004 --dtls --peer-fingerprint sha-256:AB:CD | --peer-fingerprint: a sha-256 fingerprint has 32 hex pairs",
        "--peer localhost:5004 --dtls --peer-fingerprint sha-256:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB --key 1fdQOUyZDh8fjQzYdOgECfilAJfZKMg26GLSl7p9 | --dtls: cannot be combined with --key",
        "--config /no/such/file.properties        | --config: cannot read /no/such/file.properties",
        "--config /dev/zero                       | --config: /dev/zero is larger than 1 MiB",
        "--config /                               | --config: / is a directory; give a properties file",
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
    void aConfigFileWithAnUnknownKeyIsRefusedWithTheKnownOnes() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"), "blocksize=64\n");
        CliRun run = CliRun.of("--config", config.toString(), "--peer", "localhost:5004");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown key 'blocksize'") && run.err().contains("block"), run.err());
    }

    @Test
    void keygenPrintsAFreshKeyOfTheProfilesLength() {
        CliRun cm = CliRun.of("keygen");
        CliRun gcm = CliRun.of("keygen", "--crypto", "aes128-gcm");
        assertEquals(0, cm.exitCode());
        assertEquals(30, java.util.Base64.getDecoder().decode(cm.out().strip()).length);
        assertEquals(28, java.util.Base64.getDecoder().decode(gcm.out().strip()).length);
        assertTrue(!cm.out().equals(CliRun.of("keygen").out()), "a new key every time");
    }

    @Test
    void sdpDescribesTheStreamForAPlayer() {
        CliRun plain = CliRun.of("sdp", "--peer", "127.0.0.1:5004", "--block", "96");
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals(java.util.List.of("v=0", "s=intercom", "c=IN IP4 127.0.0.1", "t=0 0", "m=audio 5004 RTP/AVP 96",
                "a=rtpmap:96 L16/48000/1", "a=ptime:2", "a=rtcp-mux", "a=recvonly"),
                plain.out().lines().filter(l -> !l.startsWith("o=")).toList());
        assertTrue(plain.out().contains("\r\n"), "CRLF line ends");
        CliRun secure = CliRun.of("sdp", "--peer", "[::1]:6000", "--key", "1fdQOUyZDh8fjQzYdOgECfilAJfZKMg26GLSl7p9");
        assertTrue(secure.out().contains("m=audio 6000 RTP/SAVP 96"), secure.out());
        assertTrue(secure.out().contains("c=IN IP6 ::1\r\n"), secure.out());
        assertTrue(secure.out().contains(" IN IP6 ::1\r\n"), "o= too: " + secure.out());
        assertTrue(secure.out().contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:1fdQOUyZDh8fjQzYdOgECfilAJfZKMg26GLSl7p9"),
                secure.out());
    }

    @Test
    void aBadValueInAConfigFileNamesTheFile() throws Exception {
        Path notANumber = Files.writeString(dir.resolve("typo.properties"), "rate=fast\n");
        Path outOfRange = Files.writeString(dir.resolve("low.properties"), "rate=1000\n");
        CliRun typo = CliRun.of("--config", notANumber.toString(), "--peer", "127.0.0.1:5004");
        assertEquals(2, typo.exitCode(), typo.err());
        assertTrue(typo.err().contains("'--rate': 'fast'") && typo.err().contains("(set in " + notANumber + ")"),
                typo.err());
        CliRun low = CliRun.of("--config", outOfRange.toString(), "--peer", "127.0.0.1:5004");
        assertEquals(2, low.exitCode(), low.err());
        assertEquals("intercom: --rate: must be from 8000 to 192000 Hz (got 1000) (set in " + outOfRange + ")",
                low.err().strip());
        CliRun typed = CliRun.of("--config", outOfRange.toString(), "--peer", "127.0.0.1:5004", "--rate", "1000");
        assertFalse(typed.err().contains("set in"), "typed on the command line: " + typed.err());
    }

    @Test
    void theRelayRefusesAPeersKeyMeantForIt() throws Exception {
        Path relay = Files.writeString(dir.resolve("relay.properties"), "listen=7000\n");
        CliRun run = CliRun.of("impair", "--config", relay.toString(), "--forward", "127.0.0.1:5004", "--duration", "1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("intercom: --config: " + relay + " sets 'listen', which is a peer's key; the "
                + "relay reads 'impair.listen' (write impair.listen=7000)"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aFileThatIsNotATraceIsNamedWithoutJavaExceptionNames() {
        CliRun run = CliRun.of("simulate", "--trace", "../README.md");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("intercom: ../README.md: not a trace"), run.err());
        assertFalse(run.err().contains("java."), run.err());
    }

    @Test
    void aSimulationAtABlockOtherThanTheTracesPacketsIsRefusedNamingTheBlockToGive() {
        CliRun run = CliRun.of("simulate", "--trace", "../traces/lan.csv", "--block", "256");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("intercom: --block: the trace's packets are 2.667 ms apart (128 frames at 48000"
                + " Hz)"), run.err());
        assertTrue(run.err().contains("run with --block 128"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        CliRun matching = CliRun.of("simulate", "--trace", "../traces/lan.csv", "--block", "128");
        assertEquals(0, matching.exitCode(), matching.err());
    }

    @Test
    void helpNeverCutsACommandsDescriptionMidSentence() {
        picocli.CommandLine cli = new picocli.CommandLine(new IntercomCommand());
        for (var sub : cli.getSubcommands().entrySet()) {
            String first = sub.getValue().getCommandSpec().usageMessage().description()[0];
            assertTrue(first.endsWith("."), sub.getKey() + ": the command list shows only '" + first + "'");
        }
    }

    @Test
    void sdpTakesExactlyThePeersOptions() {
        picocli.CommandLine peer = new picocli.CommandLine(new IntercomCommand());
        java.util.Set<String> peerOptions = new java.util.TreeSet<>(peer.getCommandSpec().optionsMap().keySet());
        java.util.Set<String> sdpOptions = new java.util.TreeSet<>(
                peer.getSubcommands().get("sdp").getCommandSpec().optionsMap().keySet());
        assertEquals(peerOptions, sdpOptions);
    }

    @Test
    void sdpOfAPeersOwnCommandLineNamesItsSsrcAndCname() {
        CliRun run = CliRun.of("sdp", "--peer", "[::1]:5006", "--listen", "[::1]:5004", "--ssrc", "305419896",
                "--key", "1fdQOUyZDh8fjQzYdOgECfilAJfZKMg26GLSl7p9", "--key-is-fresh", "--codec", "opus",
                "--payload-type", "111", "--input", "tone:440", "--output", "null", "--duration", "3",
                "--jitter", "20", "--stats-interval", "0", "--no-latch");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("m=audio 5006 RTP/SAVP 111\r\n"), run.out());
        assertTrue(run.out().contains("a=ssrc:305419896 cname:intercom-12345678@5004\r\n"), run.out());
        CliRun refused = CliRun.of("sdp", "--peer", "127.0.0.1:5006", "--ssrc", "5",
                "--key", "1fdQOUyZDh8fjQzYdOgECfilAJfZKMg26GLSl7p9");
        assertEquals(2, refused.exitCode(), "what a peer refuses, sdp refuses: " + refused.out());
    }

    @Test
    void sdpWritesThePayloadTypeAndOpusDefaultsToTenMillisecondBlocks() {
        CliRun opus = CliRun.of("sdp", "--peer", "127.0.0.1:5004", "--codec", "opus", "--payload-type", "111");
        assertEquals(0, opus.exitCode(), opus.err());
        assertTrue(opus.out().contains("m=audio 5004 RTP/AVP 111\r\n"), opus.out());
        assertTrue(opus.out().contains("a=rtpmap:111 opus/48000/2\r\n"), opus.out());
        assertTrue(opus.out().contains("a=fmtp:111 "), opus.out());
        assertTrue(opus.out().contains("a=ptime:10\r\n"), "480 frames, 10 ms, without --block: " + opus.out());
    }

    @Test
    void aWavWhoseHeaderSaysRateZeroIsRefusedBeforeTheSessionStarts() throws Exception {
        Path wav = dir.resolve("rate0.wav");
        dev.intercom.audio.file.WavFiles.write(wav, 48_000, 1, new short[4800]);
        byte[] bytes = Files.readAllBytes(wav);
        java.util.Arrays.fill(bytes, 24, 28, (byte) 0); // the sample rate field
        Files.write(wav, bytes);
        for (String input : new String[] {"file:" + wav, "file:/dev/null", "file:" + dir}) {
            CliRun run = CliRun.of("--peer", "127.0.0.1:9", "--input", input, "--output", "null", "--duration", "2");
            assertTrue(run.exitCode() != 0, run.err());
            assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
            assertFalse(run.err().contains("\tat ") || run.err().contains("not found"), run.err());
            assertFalse(run.out().contains("listening"), "refused before the session: " + run.out());
        }
        assertTrue(CliRun.of("--peer", "127.0.0.1:9", "--input", "file:" + wav, "--output", "null")
                .err().contains("its WAV header says sample rate 0 Hz"));
    }

    @Test
    void identityMakesOneKeyPairAndPrintsItsFingerprintEveryTime() throws Exception {
        Path file = dir.resolve("keys").resolve("id.pem");
        CliRun first = CliRun.of("identity", "--identity", file.toString());
        CliRun second = CliRun.of("identity", "--identity", file.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().strip().matches("sha-256(:[0-9A-F]{2}){32}"), first.out());
        assertTrue(first.err().contains("made a new identity in " + file), first.err());
        assertEquals(first.out(), second.out(), "the identity is kept, not replaced");
        assertFalse(second.err().contains("made"), second.err());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));

        CliRun sdp = CliRun.of("sdp", "--peer", "127.0.0.1:5004", "--dtls", "--identity", file.toString());
        assertEquals(0, sdp.exitCode(), sdp.err());
        assertTrue(sdp.out().contains("m=audio 5004 UDP/TLS/RTP/SAVP 96"), sdp.out());
        assertTrue(sdp.out().contains("a=fingerprint:sha-256 " + first.out().strip().substring(8)), sdp.out());
        assertTrue(sdp.out().contains("a=setup:actpass"), sdp.out());
        CliRun pinned = CliRun.of("sdp", "--peer", "127.0.0.1:5004", "--dtls", "--identity", file.toString(),
                "--peer-fingerprint", "sha-256:" + "00:".repeat(31) + "00");
        assertTrue(pinned.out().contains("a=setup:passive"), "the lower fingerprint starts: " + pinned.out());
    }

    @Test
    void dtlsWithoutAnIdentityNamesTheCommandThatMakesOne() {
        CliRun run = CliRun.of("--peer", "127.0.0.1:9", "--dtls", "--identity", dir.resolve("none.pem").toString(),
                "--peer-fingerprint", "sha-256:" + "00:".repeat(31) + "00", "--input", "silence", "--output", "null");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("intercom: --dtls: no identity at "), run.err());
        assertTrue(run.err().contains("'intercom identity --identity "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aMissingTraceFileIsOneLineAndExitCode1() {
        CliRun run = CliRun.of("simulate", "--trace", "/no/such.csv");
        assertEquals(1, run.exitCode());
        assertEquals("intercom: /no/such.csv: no such trace file", run.err().strip());
    }

    @Test
    void devicesOnAMachineWithoutASoundCardSaysWhatToUseInstead() {
        CliRun run = CliRun.of("devices");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("no audio devices found") && run.out().contains("--input tone"), run.out());
    }

    @Test
    void theDefaultDeviceWithoutASoundCardFailsWithWhatToDo() {
        CliRun run = CliRun.of("--peer", "127.0.0.1:5004", "--listen", "0", "--output", "null");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("--input tone"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
