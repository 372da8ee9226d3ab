package dev.intercom.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The server side (a=setup:passive): picks the client's first SRTP profile we support,
 * demands a client certificate and pins it, exports keys.
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    private final HandshakePolicy policy;
    private int profile = -1;
    private volatile DtlsSrtpKeys keys;

    DtlsSrtpServer(HandshakePolicy policy) {
        super(policy.crypto());
        this.policy = policy;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), HandshakePolicy.CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return policy.handshakeTimeoutMillis();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        profile = offered == null ? -1 : policy.choose(offered.getProtectionProfiles());
        if (profile < 0) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "the peer offered no SRTP profile we support (AES_CM_128_HMAC_SHA1_80, AEAD_AES_128_GCM)");
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {profile}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return policy.credentials(context);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // Mutual authentication: the client proves the identity its fingerprint names.
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        policy.verify(clientCertificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keys = policy.exportKeys(context, profile, false);
    }

    /** @return the exported keys once the handshake completed, else null */
    DtlsSrtpKeys keys() {
        return keys;
    }
}
