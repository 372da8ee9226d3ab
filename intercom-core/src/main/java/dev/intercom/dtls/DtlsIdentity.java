package dev.intercom.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Who we are in a DTLS handshake: an ECDSA P-256 key pair and a self-signed certificate for it.
 * Nobody checks the certificate's names or dates; the peer pins its fingerprint instead (as
 * WebRTC does), so the fingerprint is what a user passes to the other side. Kept in one PEM
 * file (PKCS#8 private key, then the certificate), readable by its owner only.
 */
public final class DtlsIdentity {

    /** Where {@code intercom identity} keeps our key and certificate unless {@code --identity} says. */
    public static final Path DEFAULT_FILE = Path.of(System.getProperty("user.home"), ".config", "intercom",
            "identity.pem");

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** A certificate nobody checks the dates of still needs some; ten years outlives any session. */
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final byte[] privateKeyPkcs8;
    private final byte[] certificateDer;
    private final Fingerprint fingerprint;

    private DtlsIdentity(byte[] privateKeyPkcs8, byte[] certificateDer) {
        this.privateKeyPkcs8 = privateKeyPkcs8;
        this.certificateDer = certificateDer;
        this.fingerprint = Fingerprint.of(certificateDer);
    }

    /** @return a new key pair and self-signed certificate, CN=intercom */
    public static DtlsIdentity generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=intercom");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
                    .getEncoded();
            return new DtlsIdentity(pair.getPrivate().getEncoded(), der);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make an ECDSA P-256 certificate: " + e, e);
        }
    }

    /**
     * Reads an identity written by {@link #save}.
     *
     * @throws IOException with a message naming the file if it is missing or not such a file
     */
    public static DtlsIdentity load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] key = null;
        byte[] cert = null;
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] body = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> key = body;
                case "CERTIFICATE" -> cert = body;
                default -> { }
            }
        }
        if (key == null || cert == null) {
            throw new IOException(file + " is not an intercom identity (a PRIVATE KEY and a CERTIFICATE in PEM)");
        }
        return new DtlsIdentity(key, cert);
    }

    /**
     * {@link #load}s the identity a session needs, explaining a missing or broken file in one line.
     *
     * @throws DtlsException naming the file and the command that makes one
     */
    public static DtlsIdentity require(Path file) {
        try {
            return load(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DtlsException("--dtls: no identity at " + file + "; make one with 'intercom identity"
                    + (file.equals(DEFAULT_FILE) ? "" : " --identity " + file) + "' and give its fingerprint to the peer", e);
        } catch (IOException e) {
            throw new DtlsException("--dtls: cannot read the identity " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes the identity to a new file, readable and writable by its owner only.
     *
     * @throws FileAlreadyExistsException if the file exists: an identity is never overwritten,
     *                                    since peers have pinned its fingerprint
     */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            // Created private: the key is never readable by others, not even for a moment.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: it keeps the directory's permissions
        }
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String text = "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(privateKeyPkcs8) + "\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(certificateDer) + "\n-----END CERTIFICATE-----\n";
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** @return the certificate's fingerprint, what the peer pins with {@code --peer-fingerprint} */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** @return the DER certificate, a copy */
    byte[] certificateDer() {
        return certificateDer.clone();
    }

    /** @return the private key in BouncyCastle's lightweight form, for signing in the handshake */
    AsymmetricKeyParameter privateKey() {
        try {
            return PrivateKeyFactory.createKey(privateKeyPkcs8);
        } catch (IOException e) {
            throw new IllegalStateException("the identity's private key does not parse: " + e.getMessage(), e);
        }
    }

    /** Never the key: only the fingerprint. */
    @Override
    public String toString() {
        return "DTLS identity " + fingerprint;
    }
}
