package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.intercom.audio.StreamFormat;
import org.junit.jupiter.api.Test;

/** What {@code --device-buffer auto} asks for at the block sizes the sound-stack tier measured. */
class DeviceBufferAutoTest {

    private static StreamFormat block(int frames) {
        return new StreamFormat(48_000, 1, frames);
    }

    @Test
    void playbackGetsAtLeastTwelveMillisecondsAndThreeBlocks() {
        assertEquals(9, AudioEndpoints.autoPlaybackBlocks(block(64))); // 12.0 ms
        assertEquals(5, AudioEndpoints.autoPlaybackBlocks(block(128))); // 13.3 ms
        assertEquals(3, AudioEndpoints.autoPlaybackBlocks(block(256))); // 16.0 ms
        assertEquals(3, AudioEndpoints.autoPlaybackBlocks(block(960))); // 60.0 ms
    }

    @Test
    void captureGetsThreeBlocksOrForShortBlocksTwelveMillisecondsInPeriodsOfWholeBlocks() {
        assertEquals(9, AudioEndpoints.autoCaptureBlocks(block(64))); // periods of 3 blocks
        assertEquals(3, AudioEndpoints.autoCaptureBlocks(block(128))); // periods of 1 block
        assertEquals(3, AudioEndpoints.autoCaptureBlocks(block(256))); // periods of 1 block
        assertEquals(3, AudioEndpoints.autoCaptureBlocks(block(960)));
    }
}
