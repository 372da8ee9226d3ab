package dev.intercom.dtls;

import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * What both ends of our handshake share, whichever role they take: our identity, the
 * fingerprint we pin, the SRTP profiles we offer, and the key export. The client and server
 * classes only adapt it to BouncyCastle's two interfaces.
 */
final class HandshakePolicy {

    /** RFC 5764 section 4.2: the exporter label of DTLS-SRTP. */
    private static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";
    /** ECDSA suites only: our certificates are P-256, and all of these give forward secrecy. */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    private final BcTlsCrypto crypto;
    private final DtlsIdentity identity;
    private final Fingerprint pinned;
    private final SrtpProfile preferred;
    private final int handshakeTimeoutMillis;
    private volatile Fingerprint refused;

    HandshakePolicy(BcTlsCrypto crypto, DtlsIdentity identity, Fingerprint pinned, SrtpProfile preferred,
            int handshakeTimeoutMillis) {
        this.crypto = crypto;
        this.identity = identity;
        this.pinned = pinned;
        this.preferred = preferred;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    int handshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    /** @return the use_srtp profiles we offer, the preferred one first */
    int[] offeredProfiles() {
        return SrtpProfiles.offer(preferred);
    }

    /** @return the first of {@code theirs} that we offer too, or -1 */
    int choose(int[] theirs) {
        int[] ours = offeredProfiles();
        for (int id : theirs) {
            if (Arrays.stream(ours).anyMatch(o -> o == id)) {
                return id;
            }
        }
        return -1;
    }

    /** @return our certificate and key, to sign the handshake */
    TlsCredentialedSigner credentials(TlsContext context) throws IOException {
        Certificate chain = new Certificate(new TlsCertificate[] {new BcTlsCertificate(crypto, identity.certificateDer())});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, identity.privateKey(), chain,
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /**
     * Accepts the peer's certificate only if its fingerprint is the pinned one. Nothing else
     * about it (names, dates, issuer) matters: it is self-signed, like ours.
     *
     * @throws TlsFatalAlert bad_certificate (which is sent to the peer) if it is not
     */
    void verify(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "the peer sent no certificate");
        }
        Fingerprint theirs = Fingerprint.of(chain.getCertificateAt(0).getEncoded());
        if (!theirs.equals(pinned)) {
            refused = theirs;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate fingerprint is not the pinned one");
        }
    }

    /** @return the peer's fingerprint if {@link #verify} refused it, else null */
    Fingerprint refused() {
        return refused;
    }

    Fingerprint ours() {
        return identity.fingerprint();
    }

    Fingerprint pinned() {
        return pinned;
    }

    /**
     * Exports the SRTP keys (RFC 5764 section 4.2): client key, server key, client salt, server
     * salt, from the handshake's master secret; the client sends with the client's.
     */
    DtlsSrtpKeys exportKeys(TlsContext context, int profileId, boolean weAreClient) {
        SrtpProfile profile = SrtpProfiles.of(profileId);
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        byte[] m = context.exportKeyingMaterial(EXPORTER_LABEL, null, 2 * (k + s));
        SrtpKey client = new SrtpKey(profile, Arrays.copyOfRange(m, 0, k), Arrays.copyOfRange(m, 2 * k, 2 * k + s));
        SrtpKey server = new SrtpKey(profile, Arrays.copyOfRange(m, k, 2 * k), Arrays.copyOfRange(m, 2 * k + s, 2 * k + 2 * s));
        Arrays.fill(m, (byte) 0);
        return weAreClient ? new DtlsSrtpKeys(client, server) : new DtlsSrtpKeys(server, client);
    }
}
