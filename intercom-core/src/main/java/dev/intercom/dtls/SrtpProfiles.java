package dev.intercom.dtls;

import dev.intercom.srtp.SrtpProfile;
import org.bouncycastle.tls.SRTPProtectionProfile;

/** Our SRTP profiles and their DTLS-SRTP numbers (RFC 5764 section 4.1.2, RFC 7714 section 14.2). */
final class SrtpProfiles {

    private SrtpProfiles() {
    }

    /** @return the use_srtp number of {@code profile} */
    static int id(SrtpProfile profile) {
        return switch (profile) {
            case AES128_CM_SHA1_80 -> SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;
            case AEAD_AES128_GCM -> SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM;
        };
    }

    /** @return our profile with use_srtp number {@code id}, or null if we have none */
    static SrtpProfile of(int id) {
        for (SrtpProfile p : SrtpProfile.values()) {
            if (id(p) == id) {
                return p;
            }
        }
        return null;
    }

    /** @return the use_srtp numbers to offer: {@code preferred} first, then the other one */
    static int[] offer(SrtpProfile preferred) {
        SrtpProfile[] all = SrtpProfile.values();
        int[] ids = new int[all.length];
        ids[0] = id(preferred);
        int i = 1;
        for (SrtpProfile p : all) {
            if (p != preferred) {
                ids[i++] = id(p);
            }
        }
        return ids;
    }
}
