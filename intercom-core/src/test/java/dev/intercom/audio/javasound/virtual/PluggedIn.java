package dev.intercom.audio.javasound.virtual;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(PluggedIn.class)}: the virtual sound card is plugged in for each test and
 * unplugged (reset) after it.
 */
public final class PluggedIn implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        VirtualSoundCard.enable();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        VirtualSoundCard.disable();
    }
}
