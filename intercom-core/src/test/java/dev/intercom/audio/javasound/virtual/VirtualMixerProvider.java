package dev.intercom.audio.javasound.virtual;

import javax.sound.sampled.Mixer;
import javax.sound.sampled.spi.MixerProvider;

/**
 * Offers the virtual sound card to {@link javax.sound.sampled.AudioSystem}, which finds this
 * class through {@code META-INF/services/javax.sound.sampled.spi.MixerProvider} on the test
 * class path. Java Sound makes a new provider for each lookup, so all state lives in
 * {@link VirtualSoundCard}; while the card is disabled this provider offers nothing.
 */
public final class VirtualMixerProvider extends MixerProvider {

    /** Called by the service loader. */
    public VirtualMixerProvider() {
    }

    @Override
    public Mixer.Info[] getMixerInfo() {
        return VirtualSoundCard.isEnabled()
                ? new Mixer.Info[] {VirtualSoundCard.mixerInfo()}
                : new Mixer.Info[0];
    }

    /** @return the card for its own info or for {@code null} (the default), while enabled */
    @Override
    public Mixer getMixer(Mixer.Info info) {
        if (VirtualSoundCard.isEnabled() && (info == null || info == VirtualSoundCard.mixerInfo())) {
            return VirtualSoundCard.mixer();
        }
        throw new IllegalArgumentException("not offered by the virtual sound card: " + info);
    }
}
